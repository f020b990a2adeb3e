/// Every setting of the gateway, each with its default and the reason for it.
/// `config/herald.yaml` documents the same keys; the two must agree.
package struct GatewayConfiguration: Sendable, Equatable {
    /// Where to listen.
    package struct Listen: Sendable, Equatable {
        /// `listen.host`: loopback by default, so a first run exposes nothing.
        package var host = "127.0.0.1"
        /// `listen.port`: 8080, the usual unprivileged HTTP port.
        package var port = 8080
        /// `listen.backlog`: the kernel's pending-connection queue; bursts of reconnects need room.
        package var backlog = 1024
        /// `listen.max_connections`: beyond it new connections are closed at once, keeping
        /// headroom below the open-files limit. 0 means "derived from the fd limit".
        package var maxConnections = 0
    }

    /// HTTP/1.1 limits.
    package struct HTTP: Sendable, Equatable {
        /// `http.max_header_bytes`: request line + headers; 8 KiB as nginx and Node use (→ 431).
        package var maxHeaderBytes = 8 * 1024
        /// `http.max_header_count`: 100 headers is far beyond any real client (→ 431).
        package var maxHeaderCount = 100
        /// `http.max_body_bytes`: the largest body read at all (batches); routes set lower limits (→ 413).
        package var maxBodyBytes = 1024 * 1024
        /// `http.header_timeout`: seconds to receive a whole request head, against slowloris (→ 408).
        package var headerTimeoutSeconds = 10.0
        /// `http.keepalive_timeout`: seconds an idle keep-alive connection is kept open.
        package var keepAliveTimeoutSeconds = 75.0
    }

    /// WebSocket behaviour.
    package struct WebSocket: Sendable, Equatable {
        /// `ws.max_message_bytes`: a whole (reassembled) inbound message; control messages are small (→ 1009).
        package var maxMessageBytes = 1024 * 1024
        /// `ws.ping_interval`: seconds of silence before the server pings; under common 30–60 s proxy timeouts.
        package var pingIntervalSeconds = 25.0
        /// `ws.idle_timeout`: seconds without any inbound frame (not even a pong) before closing with 1000.
        package var idleTimeoutSeconds = 60.0
        /// `ws.close_timeout`: seconds to wait for the peer's close frame after sending ours.
        package var closeTimeoutSeconds = 5.0
    }

    /// Protocol-conformance aids.
    package struct Conformance: Sendable, Equatable {
        /// `conformance.echo`: serve `/ws/echo` (for Autobahn). Off: it is not a product feature.
        package var echo = false
        /// `conformance.echo_max_message_bytes`: 16 MiB, the largest message Autobahn's 9.* cases send.
        package var echoMaxMessageBytes = 16 * 1024 * 1024
    }

    package var listen = Listen()
    package var http = HTTP()
    package var webSocket = WebSocket()
    package var conformance = Conformance()
    /// `loops`: event-loop threads; 0 means one per core.
    package var loops = 0
    /// `static.root`: the folder served at `/` (the console and herald.js).
    package var staticRoot = "Public"
    /// `static.max_bytes`: Public/ is read into memory once; this bounds it.
    package var staticMaxBytes = 16 * 1024 * 1024
    /// `log.level`: trace, debug, info, notice, warning, error, critical.
    package var logLevel = "info"

    package init() {}
}
