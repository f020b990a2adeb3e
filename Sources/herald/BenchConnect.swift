import ArgumentParser
import HeraldClient

/// `herald bench connect`.
struct BenchConnect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Open WebSockets over and over (TCP, TLS for wss://, upgrade), closing each once open.",
        discussion: """
            Measures handshakes per second and the server's CPU per handshake (a reconnect storm). \
            Against a self-signed server give --cacert FILE or --insecure.
            """
    )

    @Option(help: "The WebSocket URL (ws:// or wss://).")
    var url = "ws://127.0.0.1:8080/ws/echo"

    @Option(help: "Connections in progress at once.")
    var connections = 50

    @Option(help: "Seconds to run for.")
    var duration: Double = 10

    @OptionGroup var options: BenchOptions

    func run() throws {
        var configuration = ConnectBenchmark.Configuration(url: try BenchOutput.parseWebSocketURL(url))
        configuration.concurrency = connections
        configuration.durationSeconds = duration
        configuration.settings = try options.settings()
        let report = try BenchOutput.run { () throws(ClientError) in
            try ConnectBenchmark.run(configuration, progress: options.progressPrinter())
        }
        try BenchOutput.writeJSON(report, to: options.jsonOutput)
        options.json ? BenchOutput.printJSON(report) : BenchOutput.printText(report)
    }
}
