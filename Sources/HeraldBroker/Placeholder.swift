package enum HeraldBrokerPlaceholder {}
