package enum HeraldProtocolPlaceholder {}
