import Configuration
import HeraldGateway
import Testing

@Suite struct ConfigurationTests {
    private func read(_ values: [AbsoluteConfigKey: ConfigValue]) throws(ConfigurationError) -> GatewayConfiguration {
        try GatewayConfiguration(reading: ConfigReader(provider: InMemoryProvider(values: values)))
    }

    @Test func nothingConfiguredGivesTheEmbeddedDefaults() throws {
        let configuration = try read([:])
        #expect(configuration == GatewayConfiguration())
        #expect(configuration.listen.host == "127.0.0.1")
        #expect(configuration.listen.port == 8080)
        #expect(configuration.conformance.echo == false)
    }

    @Test func typedValuesAreRead() throws {
        let configuration = try read([
            "listen.port": .init(.int(9001), isSecret: false),
            "ws.ping_interval": .init(.double(2.5), isSecret: false),
            "http.header_timeout": .init(.int(3), isSecret: false),
            "conformance.echo": .init(.bool(true), isSecret: false),
        ])
        #expect(configuration.listen.port == 9001)
        #expect(configuration.webSocket.pingIntervalSeconds == 2.5)
        #expect(configuration.http.headerTimeoutSeconds == 3)
        #expect(configuration.conformance.echo)
    }

    @Test(arguments: [
        ("listen.port", ConfigContent.int(70000)),
        ("listen.port", .string("eighty")),
        ("ws.idle_timeout", .string("soon")),
        ("conformance.echo", .string("maybe")),
        ("log.level", .string("loud")),
    ])
    func aMalformedValueIsAnErrorNamingTheKey(key: String, content: ConfigContent) {
        #expect(throws: ConfigurationError.self) {
            try read([AbsoluteConfigKey(ConfigKey(key)): .init(content, isSecret: false)])
        }
        do {
            _ = try read([AbsoluteConfigKey(ConfigKey(key)): .init(content, isSecret: false)])
        } catch {
            #expect(error.key == key)
        }
    }
}
