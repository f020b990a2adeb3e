import ArgumentParser
import HeraldClient

/// `herald bench idle`.
struct BenchIdle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle",
        abstract: "Open N WebSocket subscribers, report server memory per connection, hold, close.",
        discussion: """
            One client process holds up to about 19,900 connections here (the hard open-file limit is \
            20,000; the soft limit is raised to it). Needs --server-pid.
            """
    )

    @Option(help: "Subscriber URL; {topic}, if present, cycles over --topics topics.")
    var subURL = "ws://127.0.0.1:8080/ws?topic={topic}&format=raw"

    @Option(help: "WebSocket connections.")
    var connections = 10_000

    @Option(help: "Topics the connections are spread over.")
    var topics = 1

    @Option(help: "Topic name prefix: letters, digits, _.")
    var topicPrefix = "bench"

    @Option(help: "Seconds to wait after the last handshake before reading memory.")
    var settle: Double = 1

    @Option(help: "Seconds to hold the connections open.")
    var hold: Double = 10

    @OptionGroup var options: BenchOptions

    func run() throws {
        var configuration = IdleBenchmark.Configuration()
        configuration.subscribeURL = URLTemplate(subURL)
        configuration.connections = connections
        configuration.topics = topics
        configuration.topicPrefix = topicPrefix
        configuration.settleSeconds = settle
        configuration.holdSeconds = hold
        configuration.settings = try options.settings()
        let report = try BenchOutput.run { () throws(ClientError) in
            try IdleBenchmark.run(configuration, progress: options.progressPrinter())
        }
        try BenchOutput.writeJSON(report, to: options.jsonOutput)
        options.json ? BenchOutput.printJSON(report) : BenchOutput.printText(report)
        try BenchOutput.failIfConnectionsWereLost(report.lostConnections)
    }
}
