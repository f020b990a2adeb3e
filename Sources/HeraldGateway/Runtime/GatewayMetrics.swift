import CoreMetrics
import Prometheus
import Synchronization

/// Herald's metrics through swift-metrics, exported by a Prometheus registry of
/// this gateway's own (`GET /metrics`). Nothing here runs per message: loops keep
/// plain counters, and `refresh` turns them into metric updates once a second.
final class GatewayMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let connections: [CoreMetrics.Gauge]
    private let subscriptions: CoreMetrics.Gauge
    private let topics: CoreMetrics.Gauge
    private let retainedBytes: CoreMetrics.Gauge
    private let published: CoreMetrics.Counter
    private let delivered: CoreMetrics.Counter
    private let dropped: CoreMetrics.Counter
    private let bytesIn: CoreMetrics.Counter
    private let bytesOut: CoreMetrics.Counter
    private let closes: [CoreMetrics.Counter]
    /// Bytes queued per backlogged subscriber connection, sampled once a second.
    let queueDepth: CoreMetrics.Recorder
    /// Time from a publish request's parse to its response, server side.
    let publishLatency: CoreMetrics.Timer
    private let lastSeen = Mutex<[String: Int]>([:])

    /// Transports, in the order of `connections`.
    static let transports = ["websocket", "sse", "http"]

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["herald_outbound_queue_bytes"] = [
            1024, 4096, 16384, 65536, 262_144, 1_048_576, 4_194_304,
        ]
        factory.durationHistogramBuckets["herald_publish_duration_seconds"] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(250),
        ]
        connections = Self.transports.map {
            CoreMetrics.Gauge(label: "herald_connections", dimensions: [("transport", $0)], factory: factory)
        }
        subscriptions = CoreMetrics.Gauge(label: "herald_subscriptions", factory: factory)
        topics = CoreMetrics.Gauge(label: "herald_topics", factory: factory)
        retainedBytes = CoreMetrics.Gauge(label: "herald_history_retained_bytes", factory: factory)
        published = CoreMetrics.Counter(label: "herald_events_published_total", factory: factory)
        delivered = CoreMetrics.Counter(label: "herald_events_delivered_total", factory: factory)
        dropped = CoreMetrics.Counter(label: "herald_events_dropped_total", factory: factory)
        bytesIn = CoreMetrics.Counter(label: "herald_bytes_received_total", factory: factory)
        bytesOut = CoreMetrics.Counter(label: "herald_bytes_sent_total", factory: factory)
        closes = CloseReason.allCases.map {
            CoreMetrics.Counter(label: "herald_connection_closes_total", dimensions: [("reason", $0.name)], factory: factory)
        }
        queueDepth = CoreMetrics.Recorder(label: "herald_outbound_queue_bytes", factory: factory)
        publishLatency = CoreMetrics.Timer(label: "herald_publish_duration_seconds", factory: factory)
    }

    /// Brings the metrics up to date with the gateway's counters (loop 0, once a second).
    func refresh(from services: GatewayServices) {
        let loops = services.loopConnectionCounts
        for (index, gauge) in connections.enumerated() {
            gauge.record(loops.reduce(0) { $0 + $1.transports[index].value.load(ordering: .relaxed) })
        }
        let broker = services.hub.broker.stats
        subscriptions.record(broker.subscriptions)
        topics.record(broker.topics)
        retainedBytes.record(broker.retainedBytes)
        var totals: [(CoreMetrics.Counter, String, Int)] = [
            (published, "published", Int(broker.eventsPublished)),
            (delivered, "delivered", loops.reduce(0) { $0 + $1.delivered.load(ordering: .relaxed) }),
            (dropped, "dropped", services.counters.droppedEvents.load(ordering: .relaxed)),
            (bytesIn, "bytes_in", loops.reduce(0) { $0 + $1.bytesIn.load(ordering: .relaxed) }),
            (bytesOut, "bytes_out", loops.reduce(0) { $0 + $1.bytesOut.load(ordering: .relaxed) }),
        ]
        for reason in CloseReason.allCases {
            totals.append((closes[reason.rawValue], reason.name, services.counters.count(reason)))
        }
        lastSeen.withLock { lastSeen in
            for (counter, key, total) in totals {
                let delta = total - lastSeen[key, default: 0]
                if delta > 0 { counter.increment(by: delta) }
                lastSeen[key] = total
            }
        }
    }
}
