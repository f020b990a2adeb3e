import Foundation
import Configuration
import HeraldBroker
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

@Suite struct ConfigurationLoaderTests {
    private func file(_ yaml: String) throws -> String {
        let path = NSTemporaryDirectory() + "herald-\(UUID().uuidString).yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsTheDefaults() async throws {
        let path = try file("listen:\n  port: 7001\n  backlog: 77\nloops: 3\nws:\n  ping_interval: 9\n")
        let configuration = try await ConfigurationLoader.load(
            flags: ["listen.port": .int(7003)],
            environment: ["HERALD_LISTEN_PORT": "7002", "HERALD_LOOPS": "4", "PATH": "/bin", "HERALD_BIN": "/x"],
            filePath: path)
        #expect(configuration.listen.port == 7003)  // flag over environment and file
        #expect(configuration.loops == 4)  // environment over file
        #expect(configuration.listen.backlog == 77)  // file over default
        #expect(configuration.webSocket.pingIntervalSeconds == 9)
        #expect(configuration.http.maxHeaderBytes == 8 * 1024)  // default
    }

    @Test(arguments: [
        ("listen:\n  prot: 1\n", "listen.prot"),
        ("listen:\n  port: eighty\n", "listen.port"),
        ("outbound:\n  policy: drop_some\n", "outbound.policy"),
        ("outbound:\n  policy_overrides: [\"a.*=nope\"]\n", "outbound.policy_overrides"),
        ("wat: 1\n", "wat"),
    ])
    func aBadFileIsAnErrorNamingTheKey(yaml: String, key: String) async throws {
        let path = try file(yaml)
        do {
            _ = try await ConfigurationLoader.load(flags: [:], environment: [:], filePath: path)
            Issue.record("expected an error for \(key)")
        } catch {
            #expect(error.key == key)
        }
    }

    @Test func anUnknownHeraldVariableIsAnError() async throws {
        do {
            _ = try await ConfigurationLoader.load(flags: [:], environment: ["HERALD_LISTEN_PROT": "1"], filePath: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "HERALD_LISTEN_PROT")
        }
    }

    @Test func theDocumentedExampleFileIsValidAndMatchesTheDefaults() async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/herald.yaml").path
        let configuration = try await ConfigurationLoader.load(flags: [:], environment: [:], filePath: path)
        #expect(configuration == GatewayConfiguration())
        // Every key Herald reads is written out there, with its default and why.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var section = ""
        var documented: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && line.contains(":") {
            let name = String(line.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces)
            if line.first == " " {
                if !name.hasPrefix("#") { documented.insert("\(section).\(name)") }
            } else {
                section = name
                documented.insert(name)
            }
        }
        let missing = ConfigurationLoader.knownKeys.filter { !documented.contains($0) }
        #expect(missing.isEmpty, "not in config/herald.yaml: \(missing.sorted())")
    }
}

@Suite struct PolicyOverrideTests {
    @Test func theFirstMatchingOverrideWinsOverTheDefaultPolicy() async throws {
        let path = NSTemporaryDirectory() + "herald-\(UUID().uuidString).yaml"
        try """
            outbound:
              policy: disconnect
              policy_overrides: ["metrics.>=drop_oldest", "metrics.cpu.*=drop_newest", "chat.*=drop_newest"]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(flags: [:], environment: [:], filePath: path)
        let outbound = configuration.outbound
        #expect(outbound.policyOverrides.count == 3)
        #expect(outbound.policyOverrides.map(\.policy) == [.dropOldest, .dropNewest, .dropNewest])
        #expect(outbound.policy(for: try Topic(validating: "metrics.cpu.host1")) == .dropOldest)  // first match
        #expect(outbound.policy(for: try Topic(validating: "chat.room")) == .dropNewest)
        #expect(outbound.policy(for: try Topic(validating: "orders.new")) == .disconnect)
        #expect(PolicyOverride(parsing: "a.*=drop_oldest")?.pattern.text == "a.*")
        #expect(PolicyOverride(parsing: "no-policy") == nil)
        #expect(PolicyOverride(parsing: "a..b=disconnect") == nil)
    }
}
