import ArgumentParser

@main
struct Herald: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Herald, a real-time WebSocket push gateway.",
        version: "0.1.0",
        subcommands: [Serve.self, Watch.self, Publish.self, Bench.self, ConfigCommand.self],
        defaultSubcommand: nil
    )
}
