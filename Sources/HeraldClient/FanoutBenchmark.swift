import HeraldPosix

/// `herald bench fanout`: S WebSocket subscribers spread over T topics, P
/// publishers POSTing timestamped events over keep-alive HTTP/1.1 (pipelined
/// if asked) at a total rate or flat out; every delivery is timed, and the
/// deliveries are checked against published × subscribers of the topic.
package enum FanoutBenchmark {
    /// What to run.
    package struct Configuration: Sendable {
        /// Subscriber URL with `{topic}`.
        package var subscribeURL = URLTemplate("ws://127.0.0.1:8080/ws?topic={topic}&format=raw")
        /// Publish URL with `{topic}`.
        package var publishURL = URLTemplate("http://127.0.0.1:8080/publish/{topic}")
        /// Topic names are this prefix and a number (`bench0`, `bench1`, …):
        /// one token of letters and digits, valid for Herald and for nchan's `\w+`.
        package var topicPrefix = "bench"
        package var subscribers = 100
        package var topics = 1
        package var publishers = 1
        /// Requests in flight per publisher connection.
        package var pipeline = 1
        /// Events per second over all publishers; `nil` for flat out.
        package var ratePerSecond: Double?
        /// Body size in bytes.
        package var messageBytes = 64
        /// Length of the publishing window.
        package var durationSeconds: Double = 10
        /// Shared settings.
        package var settings = BenchSettings()

        package init() {}
    }

    /// Runs the benchmark; `progress` is called on this thread once a second.
    package static func run(
        _ configuration: Configuration, progress: @escaping (BenchProgress) -> Void
    ) throws(ClientError) -> FanoutReport {
        let settings = configuration.settings
        try settings.validate()
        try validate(configuration)
        try settings.checkDescriptorLimit(for: configuration.subscribers + configuration.publishers)
        let meter = try BenchMeasurement.meter(for: settings)
        let plans = try makePlans(configuration)
        let bodyBytes = LatencyPayload.effectiveSize(requested: configuration.messageBytes)

        let engine = try BenchEngine(
            plans: plans, tickMilliseconds: configuration.ratePerSecond == nil ? 10 : 1, progress: progress)
        try engine.waitForConnections(
            timeoutSeconds: settings.connectTimeout(for: configuration.subscribers + configuration.publishers))

        let window = BenchMeasurement.Window(meter: meter, engine: engine)
        let stopNanoseconds = engine.send(forSeconds: configuration.durationSeconds, from: window.startNanoseconds)
        engine.phase = "drain"
        engine.wait(untilNanoseconds: stopNanoseconds + UInt64(settings.drainSeconds * 1e9)) { totals in
            totals.published + totals.publishFailed >= totals.sent && totals.received >= totals.expected
        }
        let (usage, atEnd) = window.end()
        let latencies = engine.finish(closeTimeoutSeconds: 3)

        let seconds = Double(stopNanoseconds - window.startNanoseconds) / 1e9
        let published = atEnd.published - window.totals.published
        let delivered = atEnd.received - window.totals.received
        let expected = atEnd.expected - window.totals.expected
        let wireBytes = atEnd.bytesReceived - window.totals.bytesReceived
        return FanoutReport(
            subscribeURL: configuration.subscribeURL.text, publishURL: configuration.publishURL.text,
            subscribers: configuration.subscribers, topics: configuration.topics,
            publishers: configuration.publishers, pipeline: configuration.pipeline,
            targetRatePerSecond: configuration.ratePerSecond, messageBytes: bodyBytes, threads: settings.threads,
            durationSeconds: seconds, published: published, publishFailed: atEnd.publishFailed,
            publishedPerSecond: seconds > 0 ? Double(published) / seconds : 0, delivered: delivered,
            expected: expected, lost: max(0, expected - delivered), excess: max(0, delivered - expected),
            deliveredPerSecond: seconds > 0 ? Double(delivered) / seconds : 0, otherFrames: atEnd.otherFrames,
            deflateSubscribers: atEnd.deflateAccepted, wireBytesReceived: wireBytes,
            wireBytesPerDelivery: delivered > 0 ? Double(wireBytes) / Double(delivered) : nil,
            latency: latencies.summary, usage: usage,
            serverCPUSecondsPerDelivery: usage.serverCPUSeconds(per: delivered),
            serverCPUSecondsPerPublish: usage.serverCPUSeconds(per: published), lostConnections: atEnd.lost,
            firstError: atEnd.firstError)
    }

    private static func validate(_ configuration: Configuration) throws(ClientError) {
        guard configuration.subscribers >= 0, configuration.topics >= 1, configuration.publishers >= 1,
            configuration.pipeline >= 1, configuration.durationSeconds > 0
        else {
            throw .invalidSetting("--subscribers ≥ 0; --topics, --publishers, --pipeline, --duration ≥ 1")
        }
        if let rate = configuration.ratePerSecond, rate <= 0 {
            throw .invalidSetting("--rate must be positive (leave it out for flat out)")
        }
        guard configuration.subscribeURL.hasTopic, configuration.publishURL.hasTopic else {
            throw .invalidSetting("--sub-url and --pub-url must contain {topic}")
        }
        guard !configuration.topicPrefix.isEmpty,
            configuration.topicPrefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { throw .invalidSetting("--topic-prefix must be letters, digits or _") }
    }

    /// One plan per thread: subscriber i on thread i mod threads for topic
    /// i mod topics; publishers in contiguous blocks.
    static func makePlans(_ configuration: Configuration) throws(ClientError) -> [WorkerPlan] {
        let settings = configuration.settings
        let topicNames = (0..<configuration.topics).map { "\(configuration.topicPrefix)\($0)" }
        var subscribersPerTopic = [Int](repeating: 0, count: configuration.topics)
        var urlsPerWorker = [[EndpointURL]](repeating: [], count: settings.threads)
        var topicURLs: [EndpointURL] = []
        do throws(EndpointURLError) {
            topicURLs = try topicNames.map { name throws(EndpointURLError) in
                try configuration.subscribeURL.url(topic: name)
            }
        } catch {
            throw .badURL(error)
        }
        guard topicURLs.allSatisfy({ $0.scheme.webSocket == $0.scheme }) else {
            throw .invalidSetting("--sub-url must be ws:// or wss://")
        }
        for subscriber in 0..<configuration.subscribers {
            let topic = subscriber % configuration.topics
            subscribersPerTopic[topic] += 1
            urlsPerWorker[subscriber % settings.threads].append(topicURLs[topic])
        }
        let heads = try PublishRequest.heads(
            template: configuration.publishURL, topics: topicNames,
            bodyBytes: LatencyPayload.effectiveSize(requested: configuration.messageBytes))
        let tls = try settings.tlsContext(for: topicURLs + [heads.server])
        var plans: [WorkerPlan] = []
        var firstPublisher = 0
        for worker in 0..<settings.threads {
            let publisherCount = BenchMeasurement.share(
                of: configuration.publishers, worker: worker, of: settings.threads)
            let publishing =
                publisherCount == 0
                ? nil
                : PublishPlan(
                    serverURL: heads.server, connections: publisherCount, firstPublisherIndex: firstPublisher,
                    totalPublishers: configuration.publishers, requestHeads: heads.heads,
                    subscribersPerTopic: subscribersPerTopic, pipeline: configuration.pipeline,
                    ratePerConnection: configuration.ratePerSecond.map { $0 / Double(configuration.publishers) },
                    bodyBytes: LatencyPayload.effectiveSize(requested: configuration.messageBytes))
            firstPublisher += publisherCount
            plans.append(
                settings.workerPlan(
                    role: .subscribe, webSocketURLs: urlsPerWorker[worker], publishing: publishing, tls: tls))
        }
        return plans
    }
}
