import HeraldPosix

/// `herald bench connect`: C slots, each opening a WebSocket (TCP connect,
/// TLS handshake for `wss://`, upgrade), closing it the moment it is open and
/// opening the next, for D seconds. Measures handshakes per second and the
/// server's CPU per handshake: what a reconnect storm costs.
package enum ConnectBenchmark {
    /// What to run.
    package struct Configuration: Sendable {
        /// The WebSocket URL, e.g. `wss://127.0.0.1:8443/ws/echo`.
        package var url: EndpointURL
        /// Connections in progress at once.
        package var concurrency = 50
        /// Length of the measured window.
        package var durationSeconds: Double = 10
        /// Shared settings.
        package var settings = BenchSettings()

        package init(url: EndpointURL) {
            self.url = url
        }
    }

    /// Runs the benchmark; `progress` is called on this thread once a second.
    package static func run(
        _ configuration: Configuration, progress: @escaping (BenchProgress) -> Void
    ) throws(ClientError) -> ConnectReport {
        let settings = configuration.settings
        try settings.validate()
        guard configuration.concurrency >= 1, configuration.durationSeconds > 0 else {
            throw .invalidSetting("--connections and --duration must be positive")
        }
        // Closed sockets of the previous slots linger a moment; leave room for them.
        try settings.checkDescriptorLimit(for: configuration.concurrency * 2)
        let meter = try BenchMeasurement.meter(for: settings)
        let tls = try settings.tlsContext(for: [configuration.url])
        let plans = settings.workerPlans(
            role: .reconnect, url: configuration.url, connections: configuration.concurrency, tls: tls)
        let engine = try BenchEngine(plans: plans, tickMilliseconds: 10, progress: progress)
        try engine.waitForConnections(timeoutSeconds: settings.connectTimeout(for: configuration.concurrency))

        let window = BenchMeasurement.Window(meter: meter, engine: engine)
        let stopNanoseconds = engine.send(forSeconds: configuration.durationSeconds, from: window.startNanoseconds)
        let (usage, atEnd) = window.end()
        let latencies = engine.finish(closeTimeoutSeconds: 3)

        let seconds = Double(stopNanoseconds - window.startNanoseconds) / 1e9
        let handshakes = atEnd.received - window.totals.received
        return ConnectReport(
            url: configuration.url.description, concurrency: configuration.concurrency, threads: settings.threads,
            durationSeconds: seconds, handshakes: handshakes,
            handshakesPerSecond: seconds > 0 ? Double(handshakes) / seconds : 0,
            failed: atEnd.failed - window.totals.failed, latency: latencies.summary, usage: usage,
            serverCPUSecondsPerHandshake: usage.serverCPUSeconds(per: handshakes), firstError: atEnd.firstError)
    }
}

/// `herald bench connect`'s figures.
package struct ConnectReport: Sendable, Codable {
    package var mode = "connect"
    package var url: String
    package var concurrency: Int
    package var threads: Int
    /// The measured window, seconds.
    package var durationSeconds: Double
    /// Connections that reached the open state (upgrade accepted) in the window.
    package var handshakes: Int
    package var handshakesPerSecond: Double
    /// Attempts that failed in the window (refused, reset, TLS or upgrade errors).
    package var failed: Int
    /// From starting the connect to the upgrade's 101 (TCP + TLS + HTTP).
    package var latency: LatencySummary
    package var usage: ProcessUsage
    package var serverCPUSecondsPerHandshake: Double?
    package var firstError: String?
}
