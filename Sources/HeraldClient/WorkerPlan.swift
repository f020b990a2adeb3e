import HeraldTLS

/// What one load-generator loop does: the connections it opens and what it
/// sends on them. Built on the controlling thread, handed to the loop.
struct WorkerPlan: Sendable {
    /// What the loop's WebSocket connections are for.
    enum Role: Sendable {
        /// Send timestamped messages and measure their echoes, `inFlight` at a time each.
        case echo(inFlight: Int, messageBytes: Int)
        /// Receive deliveries and measure their age.
        case subscribe
        /// While sending: close each connection as soon as its handshake is done
        /// and open a new one in its place, timing connect to open.
        case reconnect
    }

    /// The WebSocket connections' role.
    var role: Role
    /// One URL per WebSocket connection, in opening order.
    var webSocketURLs: [EndpointURL]
    /// The publishers this loop runs, if any.
    var publishing: PublishPlan?
    /// The largest message a WebSocket connection accepts.
    var maxMessageBytes: Int
    /// New connections started per second on this loop.
    var connectRatePerSecond: Double
    /// At most this many connections of this loop may be connecting or
    /// handshaking at once.
    var maxPendingConnects: Int
    /// The client TLS context, when the URLs are `wss://` or `https://`.
    var tls: TLSContext?
    /// Offer permessage-deflate on the WebSockets.
    var offerDeflate: Bool
}

/// The publishers of one loop.
struct PublishPlan: Sendable {
    /// Where to connect (the publish URL's host and port).
    var serverURL: EndpointURL
    /// Number of keep-alive connections.
    var connections: Int
    /// Global index of this loop's first publisher, so topics interleave across loops.
    var firstPublisherIndex: Int
    /// Total publishers over all loops.
    var totalPublishers: Int
    /// One request head per topic, `Content-Length` included.
    var requestHeads: [[UInt8]]
    /// Subscribers per topic, over all loops: the deliveries one publish calls for.
    var subscribersPerTopic: [Int]
    /// Requests in flight per connection.
    var pipeline: Int
    /// Publishes per second per connection; `nil` for as fast as answers come.
    var ratePerConnection: Double?
    /// The body size.
    var bodyBytes: Int
}
