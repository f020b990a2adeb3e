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
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let json = configuration.logFormat == "json"
        LoggingSystem.bootstrap { label in
            if json { return JSONLogHandler(label: label, logLevel: level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
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
        var flags: [String: ConfigContent] = [:]
        if let port { flags["listen.port"] = .int(port) }
        if let host { flags["listen.host"] = .string(host) }
        if let loops { flags["loops"] = .int(loops) }
        if let logLevel { flags["log.level"] = .string(logLevel) }
        do {
            return try await ConfigurationLoader.load(
                flags: flags, environment: ProcessInfo.processInfo.environment, filePath: config)
        } catch {
            FileHandle.standardError.write(Data("herald: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
