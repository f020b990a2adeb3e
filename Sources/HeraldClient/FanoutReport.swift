/// `herald bench fanout`'s figures.
package struct FanoutReport: Sendable, Codable {
    package var mode = "fanout"
    package var subscribeURL: String
    package var publishURL: String
    package var subscribers: Int
    package var topics: Int
    package var publishers: Int
    package var pipeline: Int
    /// Events per second asked for; `nil` when flat out.
    package var targetRatePerSecond: Double?
    package var messageBytes: Int
    package var threads: Int
    /// The publishing window, seconds.
    package var durationSeconds: Double
    /// Publishes answered 2xx.
    package var published: Int
    /// Publishes answered otherwise.
    package var publishFailed: Int
    package var publishedPerSecond: Double
    /// Messages carrying a timestamp that subscribers received.
    package var delivered: Int
    /// Published × subscribers of each publish's topic.
    package var expected: Int
    /// Expected deliveries that never came (by the end of the drain).
    package var lost: Int
    /// Deliveries beyond the expected ones (duplicates).
    package var excess: Int
    /// Deliveries per second of the publishing window.
    package var deliveredPerSecond: Double
    /// Frames without a timestamp (welcome, acks, notices).
    package var otherFrames: Int
    /// Subscribers whose server accepted permessage-deflate (0 unless `--deflate`).
    package var deflateSubscribers: Int
    /// Bytes the subscribers read off their sockets in the window: frames,
    /// compressed or not, and TLS records under `wss://`.
    package var wireBytesReceived: Int
    /// `wireBytesReceived` per delivered message.
    package var wireBytesPerDelivery: Double?
    /// Publish to delivery.
    package var latency: LatencySummary
    package var usage: ProcessUsage
    package var serverCPUSecondsPerDelivery: Double?
    package var serverCPUSecondsPerPublish: Double?
    package var lostConnections: Int
    package var firstError: String?

    /// Lost deliveries as a share of the expected ones.
    package var lossRatio: Double { expected > 0 ? Double(lost) / Double(expected) : 0 }
}
