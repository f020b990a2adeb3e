import ArgumentParser
import Foundation
import HeraldGateway

/// `herald config check FILE`: validates a configuration file and prints the
/// effective settings (file, then HERALD_* environment, over the defaults).
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with configuration files.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate FILE and print the effective configuration.",
            discussion: "Exits 2 naming the key when a key is unknown or a value malformed.")

        @Argument(help: "A YAML configuration file.")
        var file: String

        func run() async throws {
            let configuration: GatewayConfiguration
            do {
                configuration = try await ConfigurationLoader.load(
                    flags: [:], environment: ProcessInfo.processInfo.environment, filePath: file)
            } catch {
                FileHandle.standardError.write(Data("herald: \(error)\n".utf8))
                throw ExitCode(2)
            }
            print("# \(file): valid. Effective configuration (file and HERALD_* over the defaults):")
            for setting in configuration.effectiveSettings { print("\(setting.key): \(setting.value)") }
        }
    }
}
