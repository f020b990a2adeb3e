import HeraldPosix

/// `herald bench idle`: opens N WebSocket subscribers, waits until all are
/// established, reports the server's resident memory per connection over a
/// baseline read before connecting, holds them, then closes.
package enum IdleBenchmark {
    /// What to run.
    package struct Configuration: Sendable {
        /// Subscriber URL; `{topic}` (if present) cycles over `topics` topics.
        package var subscribeURL = URLTemplate("ws://127.0.0.1:8080/ws?topic={topic}&format=raw")
        package var topicPrefix = "bench"
        package var connections = 10_000
        package var topics = 1
        /// Seconds to wait after the last connection opened before reading memory.
        package var settleSeconds: Double = 1
        /// Seconds to hold the connections after that.
        package var holdSeconds: Double = 10
        /// Shared settings.
        package var settings = BenchSettings()

        package init() {}
    }

    /// Runs the benchmark; `progress` is called on this thread once a second.
    package static func run(
        _ configuration: Configuration, progress: @escaping (BenchProgress) -> Void
    ) throws(ClientError) -> IdleReport {
        let settings = configuration.settings
        try settings.validate()
        guard configuration.connections >= 1, configuration.topics >= 1, configuration.holdSeconds >= 0,
            configuration.settleSeconds >= 0
        else { throw .invalidSetting("--connections and --topics must be positive, --hold not negative") }
        guard !settings.serverProcessIDs.isEmpty else {
            throw .invalidSetting("idle measures server memory: give --server-pid")
        }
        try settings.checkDescriptorLimit(for: configuration.connections)
        let meter = try BenchMeasurement.meter(for: settings)

        var urlsPerWorker = [[EndpointURL]](repeating: [], count: settings.threads)
        do throws(EndpointURLError) {
            let topicURLs = try (0..<configuration.topics).map { topic throws(EndpointURLError) in
                try configuration.subscribeURL.url(topic: "\(configuration.topicPrefix)\(topic)")
            }
            if let bad = topicURLs.first(where: { $0.scheme.webSocket != $0.scheme }) {
                throw .unsupportedScheme(bad.scheme.rawValue)
            }
            for connection in 0..<configuration.connections {
                urlsPerWorker[connection % settings.threads].append(topicURLs[connection % configuration.topics])
            }
        } catch {
            throw .badURL(error)
        }
        let tls = try settings.tlsContext(for: urlsPerWorker.flatMap { $0 })
        let plans = urlsPerWorker.map { urls in settings.workerPlan(role: .subscribe, webSocketURLs: urls, tls: tls) }

        let baseline = meter.sample()
        let engine = try BenchEngine(plans: plans, tickMilliseconds: 10, progress: progress)
        try engine.waitForConnections(timeoutSeconds: settings.connectTimeout(for: configuration.connections))
        let connectSeconds = Double(MonotonicClock.nowNanoseconds() - engine.startNanoseconds) / 1e9
        engine.phase = "settle"
        engine.wait(untilNanoseconds: MonotonicClock.nowNanoseconds() + UInt64(configuration.settleSeconds * 1e9))
        let window = BenchMeasurement.Window(meter: meter, engine: engine)
        engine.phase = "hold"
        engine.wait(untilNanoseconds: window.startNanoseconds + UInt64(configuration.holdSeconds * 1e9))
        let (usage, atEnd) = window.end()
        _ = engine.finish(closeTimeoutSeconds: 5)

        let baselineBytes = baseline.serverResidentBytes ?? 0
        let establishedBytes = window.start.serverResidentBytes ?? 0
        let grown = establishedBytes >= baselineBytes ? establishedBytes - baselineBytes : 0
        return IdleReport(
            subscribeURL: configuration.subscribeURL.text, connections: configuration.connections,
            topics: configuration.topics, threads: settings.threads, connectSeconds: connectSeconds,
            holdSeconds: usage.windowSeconds, serverBaselineBytes: baselineBytes,
            serverEstablishedBytes: establishedBytes, serverEndBytes: usage.serverResidentBytes ?? 0,
            serverBytesPerConnection: Double(grown) / Double(configuration.connections), usage: usage,
            lostConnections: atEnd.lost, framesReceived: atEnd.received + atEnd.otherFrames,
            firstError: atEnd.firstError)
    }
}

/// `herald bench idle`'s figures.
package struct IdleReport: Sendable, Codable {
    package var mode = "idle"
    package var subscribeURL: String
    package var connections: Int
    package var topics: Int
    package var threads: Int
    /// From the first connect to the last handshake.
    package var connectSeconds: Double
    package var holdSeconds: Double
    /// Server RSS before connecting.
    package var serverBaselineBytes: UInt64
    /// Server RSS with every connection open (after settling).
    package var serverEstablishedBytes: UInt64
    /// Server RSS at the end of the hold.
    package var serverEndBytes: UInt64
    /// (established − baseline) / connections.
    package var serverBytesPerConnection: Double
    /// CPU over the hold: what idle connections cost (pings, timers).
    package var usage: ProcessUsage
    package var lostConnections: Int
    /// Frames received while holding (pings are answered, not counted).
    package var framesReceived: Int
    package var firstError: String?
}
