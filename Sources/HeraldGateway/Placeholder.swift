package enum HeraldGatewayPlaceholder {}
