import ArgumentParser
import Configuration
import Foundation
import HeraldGateway
import Logging

/// `herald serve`: runs the gateway until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway.",
        discussion: """
            Settings come from, highest first: these flags, HERALD_* environment variables \
            (HERALD_LISTEN_PORT for listen.port), the YAML file given with --config, and the \
            embedded defaults (127.0.0.1:8080). config/herald.yaml documents every key.
            """
    )

    @Option(help: "A YAML configuration file.")
    var config: String?

    @Option(help: "The port to listen on (listen.port).")
    var port: Int?

    @Option(help: "The address to listen on (listen.host).")
    var host: String?

    @Option(help: "Event-loop threads, 0 for one per core (loops).")
    var loops: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (log.level).")
    var logLevel: String?

    func run() async throws {
        let configuration = try await loadConfiguration()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "herald")
        let gateway = Gateway(configuration: configuration, logger: logger)
        do {
            try gateway.start()
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        await SignalWaiter.waitForTermination()
        logger.info("signal received, stopping", metadata: ["shutdown.grace": "\(configuration.shutdownGraceSeconds)"])
        gateway.stop(graceSeconds: configuration.shutdownGraceSeconds)
    }

    private func loadConfiguration() async throws -> GatewayConfiguration {
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        if let port { flags["listen.port"] = .init(.int(port), isSecret: false) }
        if let host { flags["listen.host"] = .init(.string(host), isSecret: false) }
        if let loops { flags["loops"] = .init(.int(loops), isSecret: false) }
        if let logLevel { flags["log.level"] = .init(.string(logLevel), isSecret: false) }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flags),
            EnvironmentVariablesProvider(environmentVariables: Self.heraldEnvironment()),
        ]
        if let config {
            guard FileManager.default.fileExists(atPath: config) else {
                throw ValidationError("configuration file not found: \(config)")
            }
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: .init(config)))
            } catch {
                throw ValidationError("cannot read \(config): \(error)")
            }
        }
        do {
            return try GatewayConfiguration(reading: ConfigReader(providers: providers))
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// `HERALD_LISTEN_PORT=9000` becomes `LISTEN_PORT`, which the provider reads as `listen.port`.
    private static func heraldEnvironment() -> [String: String] {
        var mapped: [String: String] = [:]
        for (name, value) in ProcessInfo.processInfo.environment where name.hasPrefix("HERALD_") {
            mapped[String(name.dropFirst("HERALD_".count))] = value
        }
        return mapped
    }
}
