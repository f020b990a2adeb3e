import HeraldCompression
import HeraldPosix
import Logging
import Synchronization

/// What every loop shares: immutable configuration, the logger, the static
/// files, and the few atomics that count across loops.
final class GatewayServices: Sendable {
    let configuration: GatewayConfiguration
    let logger: Logger
    let staticFiles: StaticFiles
    /// The broker and the fan-out to loops.
    let hub: PubSubHub
    /// This node's name, for `welcome` frames.
    let nodeName: String
    /// Open connections across all loops (the acceptor enforces `maxConnections`).
    let connectionCount = Atomic<Int>(0)
    let maxConnections: Int
    /// Set when the gateway starts to stop: readiness fails and publishes get 503.
    let draining = Atomic<Bool>(false)
    /// Monotonic start time, for uptime.
    let startedAt: UInt64
    /// Close reasons and drops, across loops.
    let counters = GatewayCounters()
    /// Prometheus metrics, refreshed once a second.
    let metrics = GatewayMetrics()
    /// Open connections per loop, indexed by loop (for stats and tests).
    let loopConnectionCounts: [LoopCounter]
    /// permessage-deflate compressors, one per window size, shared by every connection.
    let deflaters: DeflaterPool

    init(
        configuration: GatewayConfiguration, logger: Logger, staticFiles: StaticFiles, openFileLimit: Int,
        loops: [EventLoop]
    ) {
        loopConnectionCounts = loops.map { _ in LoopCounter() }
        startedAt = MonotonicClock.nowMilliseconds()
        hub = PubSubHub(configuration: configuration, loops: loops)
        nodeName = configuration.nodeName.isEmpty ? Posix.hostName() : configuration.nodeName
        self.configuration = configuration
        deflaters = DeflaterPool(
            level: configuration.webSocket.compressionLevel, memoryLevel: configuration.webSocket.compressionMemoryLevel)
        self.logger = logger
        self.staticFiles = staticFiles
        // Keep 64 descriptors for listeners, epoll, eventfds, timers, files and Redis.
        let derived = max(openFileLimit - 64, 16)
        let configured = configuration.listen.maxConnections
        maxConnections = configured > 0 ? min(configured, derived) : derived
    }
}

extension GatewayServices {
    func record(_ reason: CloseReason) {
        counters.record(reason)
    }
}

/// One loop's figures, written by that loop and read by anyone.
final class LoopCounter: Sendable {
    let value = Atomic<Int>(0)
    /// Event deliveries handed to this loop (one add per job, not per subscriber).
    let delivered = Atomic<Int>(0)
    /// Socket bytes read and written by this loop (stored once a tick from loop-local sums).
    let bytesIn = Atomic<Int>(0)
    let bytesOut = Atomic<Int>(0)
    /// Open connections by transport (GatewayMetrics.transports order), stored once a tick.
    let transports = GatewayMetrics.transports.map { _ in TransportCount() }
    /// The loop's connections with the most queued output, refreshed every tick.
    let slowest = Mutex<[ConnectionLoad]>([])
}

/// One connection's backlog, for `/api/stats`.
struct ConnectionLoad: Sendable {
    let session: UInt64
    let queuedBytes: Int
    let droppedEvents: Int
}

/// One transport's connection count on one loop.
final class TransportCount: Sendable {
    let value = Atomic<Int>(0)
}
