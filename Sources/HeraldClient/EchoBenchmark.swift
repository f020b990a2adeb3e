import HeraldPosix

/// `herald bench echo`: N WebSocket clients against an echo endpoint, each
/// keeping K timestamped messages in flight for D seconds; every echo is
/// timed and answered with a new message.
package enum EchoBenchmark {
    /// What to run.
    package struct Configuration: Sendable {
        /// The echo endpoint, e.g. `ws://127.0.0.1:8080/ws/echo`.
        package var url: EndpointURL
        /// WebSocket clients.
        package var connections = 100
        /// Messages each client keeps in flight.
        package var inFlight = 1
        /// Message size in bytes (at least `LatencyPayload.effectiveSize(requested: 0)`).
        package var messageBytes = 64
        /// Length of the measured window.
        package var durationSeconds: Double = 10
        /// Shared settings.
        package var settings = BenchSettings()

        package init(url: EndpointURL) {
            self.url = url
        }
    }

    /// Runs the benchmark; `progress` is called on this thread once a second.
    /// - Throws: when connections cannot be opened, or a setting is invalid.
    package static func run(
        _ configuration: Configuration, progress: @escaping (BenchProgress) -> Void
    ) throws(ClientError) -> EchoReport {
        let settings = configuration.settings
        try settings.validate()
        guard configuration.connections >= 1, configuration.inFlight >= 1, configuration.durationSeconds > 0 else {
            throw .invalidSetting("--connections, --in-flight and --duration must be positive")
        }
        try settings.checkDescriptorLimit(for: configuration.connections)
        let meter = try BenchMeasurement.meter(for: settings)
        let messageBytes = LatencyPayload.effectiveSize(requested: configuration.messageBytes)

        let tls = try settings.tlsContext(for: [configuration.url])
        let plans = settings.workerPlans(
            role: .echo(inFlight: configuration.inFlight, messageBytes: messageBytes), url: configuration.url,
            connections: configuration.connections, tls: tls)
        let engine = try BenchEngine(plans: plans, tickMilliseconds: 10, progress: progress)
        try engine.waitForConnections(timeoutSeconds: settings.connectTimeout(for: configuration.connections))

        let window = BenchMeasurement.Window(meter: meter, engine: engine)
        let stopNanoseconds = engine.send(forSeconds: configuration.durationSeconds, from: window.startNanoseconds)
        let atStop = engine.totals
        engine.phase = "drain"
        engine.wait(untilNanoseconds: stopNanoseconds + UInt64(settings.drainSeconds * 1e9)) {
            $0.received >= $0.sent
        }
        let (usage, atEnd) = window.end()
        let latencies = engine.finish(closeTimeoutSeconds: 3)

        let sendSeconds = Double(stopNanoseconds - window.startNanoseconds) / 1e9
        let inWindow = atStop.received - window.totals.received
        let completed = atEnd.received - window.totals.received
        return EchoReport(
            url: configuration.url.description, connections: configuration.connections,
            inFlight: configuration.inFlight, messageBytes: messageBytes, threads: settings.threads,
            durationSeconds: sendSeconds, roundTrips: completed,
            roundTripsPerSecond: sendSeconds > 0 ? Double(inWindow) / sendSeconds : 0,
            unanswered: max(0, atEnd.sent - atEnd.received), latency: latencies.summary, usage: usage,
            serverCPUSecondsPerRoundTrip: usage.serverCPUSeconds(per: completed), lostConnections: atEnd.lost,
            firstError: atEnd.firstError)
    }
}

/// `herald bench echo`'s figures.
package struct EchoReport: Sendable, Codable {
    package var mode = "echo"
    package var url: String
    package var connections: Int
    package var inFlight: Int
    package var messageBytes: Int
    package var threads: Int
    /// The sending window, seconds.
    package var durationSeconds: Double
    /// Round trips completed (the window plus the drain after it).
    package var roundTrips: Int
    /// Round trips completed within the window, per second.
    package var roundTripsPerSecond: Double
    /// Messages never echoed back by the end of the drain.
    package var unanswered: Int
    package var latency: LatencySummary
    package var usage: ProcessUsage
    package var serverCPUSecondsPerRoundTrip: Double?
    package var lostConnections: Int
    package var firstError: String?
}
