package enum HeraldPosixPlaceholder {}
