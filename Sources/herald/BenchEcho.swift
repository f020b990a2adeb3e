import ArgumentParser
import HeraldClient

/// `herald bench echo`.
struct BenchEcho: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo",
        abstract: "N WebSocket clients, each keeping K messages in flight against an echo endpoint."
    )

    @Option(help: "The echo endpoint.")
    var url = "ws://127.0.0.1:8080/ws/echo"

    @Option(help: "WebSocket clients.")
    var connections = 100

    @Option(help: "Messages each client keeps in flight.")
    var inFlight = 1

    @Option(help: "Message size in bytes (a timestamped JSON object; at least 33).")
    var size = 64

    @Option(help: "Seconds to send for.")
    var duration: Double = 10

    @OptionGroup var options: BenchOptions

    func run() throws {
        var configuration = EchoBenchmark.Configuration(url: try BenchOutput.parseWebSocketURL(url))
        configuration.connections = connections
        configuration.inFlight = inFlight
        configuration.messageBytes = size
        configuration.durationSeconds = duration
        configuration.settings = try options.settings()
        let report = try BenchOutput.run { () throws(ClientError) in
            try EchoBenchmark.run(configuration, progress: options.progressPrinter())
        }
        try BenchOutput.writeJSON(report, to: options.jsonOutput)
        options.json ? BenchOutput.printJSON(report) : BenchOutput.printText(report)
        try BenchOutput.failIfConnectionsWereLost(report.lostConnections)
    }
}
