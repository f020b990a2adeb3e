import ArgumentParser
import HeraldClient

/// `herald bench fanout`.
struct BenchFanout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fanout",
        abstract: "S WebSocket subscribers over T topics; P HTTP publishers at a rate or flat out.",
        discussion: """
            Each event is a JSON object carrying its publish time ({"t":<monotonic ns>,"p":"xx…"}); \
            subscribers find "t": in raw payloads and in Herald's envelope alike. Against nchan: \
            --sub-url 'ws://127.0.0.1:8091/sub/{topic}' --pub-url 'http://127.0.0.1:8091/pub/{topic}'.
            """
    )

    @Option(help: "Subscriber URL; {topic} is replaced by each topic.")
    var subURL = "ws://127.0.0.1:8080/ws?topic={topic}&format=raw"

    @Option(help: "Publish URL; {topic} is replaced by each topic.")
    var pubURL = "http://127.0.0.1:8080/publish/{topic}"

    @Option(help: "WebSocket subscribers, spread round-robin over the topics.")
    var subscribers = 100

    @Option(help: "Topics (named <prefix>0, <prefix>1, …).")
    var topics = 1

    @Option(help: "Topic name prefix: letters, digits, _.")
    var topicPrefix = "bench"

    @Option(help: "HTTP/1.1 keep-alive publisher connections.")
    var publishers = 1

    @Option(help: "Requests in flight per publisher connection (HTTP pipelining).")
    var pipeline = 1

    @Option(help: "Events per second over all publishers; leave out for flat out.")
    var rate: Double?

    @Option(help: "Event body size in bytes (at least 33).")
    var size = 64

    @Option(help: "Seconds to publish for.")
    var duration: Double = 10

    @OptionGroup var options: BenchOptions

    func run() throws {
        var configuration = FanoutBenchmark.Configuration()
        configuration.subscribeURL = URLTemplate(subURL)
        configuration.publishURL = URLTemplate(pubURL)
        configuration.subscribers = subscribers
        configuration.topics = topics
        configuration.topicPrefix = topicPrefix
        configuration.publishers = publishers
        configuration.pipeline = pipeline
        configuration.ratePerSecond = rate
        configuration.messageBytes = size
        configuration.durationSeconds = duration
        configuration.settings = try options.settings()
        let report = try BenchOutput.run { () throws(ClientError) in
            try FanoutBenchmark.run(configuration, progress: options.progressPrinter())
        }
        try BenchOutput.writeJSON(report, to: options.jsonOutput)
        options.json ? BenchOutput.printJSON(report) : BenchOutput.printText(report)
        try BenchOutput.failIfConnectionsWereLost(report.lostConnections)
    }
}
