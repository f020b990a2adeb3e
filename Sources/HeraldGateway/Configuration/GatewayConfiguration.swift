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
        /// `ws.allow_publish`: the `publish` control op; on, as Centrifugo and soketi client events allow.
        package var allowPublish = true
        /// `ws.max_subscriptions`: patterns one connection may hold; bounds per-connection broker memory.
        package var maxSubscriptions = 100
        /// `ws.compression`: accept permessage-deflate (RFC 7692) when a client offers it.
        package var compression = true
        /// `ws.compression_level`: zlib's own default, 6; levels above it gain about 1% for
        /// 2–3x the CPU, and a fanned-out event is compressed once for all its subscribers.
        package var compressionLevel = 6
        /// `ws.compression_min_bytes`: smaller messages go uncompressed; under ~128 bytes a
        /// context-free deflate saves a few bytes at best and can grow the message.
        package var compressionMinBytes = 128
        /// `ws.compression_memory_level`: zlib memLevel, 8 as zlib's default (128 KiB of hash
        /// tables); the deflaters are shared (one per window size), never per connection.
        package var compressionMemoryLevel = 8
    }

    /// Outbound queues (backpressure).
    package struct Outbound: Sendable, Equatable {
        /// `outbound.max_bytes`: what Herald holds in user space for one connection; beyond it the
        /// slow-consumer policy applies. 1 MiB covers bursts; the kernel buffer comes on top.
        package var maxBytes = 1024 * 1024
        /// `outbound.policy`: `disconnect` (default: the client reconnects and resumes from
        /// history), `drop_oldest` or `drop_newest` (events are dropped and a `dropped` notice says which).
        package var policy = SlowConsumerPolicy.disconnect
        /// `outbound.policy_overrides`: `pattern=policy` entries, first match wins, e.g.
        /// `metrics.>=drop_oldest` for feeds where only the latest value matters.
        package var policyOverrides: [PolicyOverride] = []
        /// `outbound.socket_send_buffer`: SO_SNDBUF per connection in bytes; 0 keeps the kernel's
        /// autotuning (up to 4 MiB per socket on Linux). Smaller makes slow readers visible sooner.
        package var socketSendBufferBytes = 0
        /// `outbound.tcp_nodelay`: TCP_NODELAY on accepted connections (true). false lets the
        /// kernel coalesce small frames (Nagle): less CPU per delivery, a few ms more latency.
        package var tcpNoDelay = true
        /// `outbound.write_delay`: seconds events wait before they are written, so that events
        /// within it leave together (one `writev` per connection); 0 (default) writes each at once.
        package var writeDelaySeconds = 0.0
        /// `outbound.write_timeout`: seconds a connection may hold queued output without the
        /// socket taking a byte before it is closed as a slow consumer.
        package var writeTimeoutSeconds = 10.0
    }

    /// Retained history (resume after reconnect).
    package struct History: Sendable, Equatable {
        /// `history.max_events_per_topic`: enough for a reconnect after a short outage.
        package var maxEventsPerTopic = 1_000
        /// `history.max_bytes_per_topic`: one noisy topic cannot take the node's memory.
        package var maxBytesPerTopic = 8 * 1024 * 1024
        /// `history.max_bytes_total`: the hard bound on all retained events together.
        package var maxBytesTotal = 256 * 1024 * 1024
        /// `history.max_age`: seconds an event stays retained.
        package var maxAgeSeconds = 3600.0
    }

    /// HTTP publishing.
    package struct Publish: Sendable, Equatable {
        /// `publish.max_body_bytes`: one event's body; 64 KiB, Centrifugo's and nchan's order of magnitude (→ 413).
        package var maxBodyBytes = 64 * 1024
        /// `publish.max_batch`: items in one `POST /publish` (→ 413 beyond).
        package var maxBatch = 1_000
        /// `publish.idempotency_window`: seconds an `Idempotency-Key` is remembered per topic.
        package var idempotencyWindowSeconds = 300.0
        /// `publish.idempotency_max_keys`: keys remembered per topic (oldest forgotten first).
        package var idempotencyMaxKeys = 10_000
        /// `publish.keys`: when non-empty, publishing needs `Authorization: Bearer <one of these>`.
        package var keys: [String] = []
    }

    /// Server-Sent Events.
    package struct SSE: Sendable, Equatable {
        /// `sse.heartbeat_interval`: seconds between comment lines that keep proxies from timing out.
        package var heartbeatIntervalSeconds = 15.0
        /// `sse.retry`: the reconnection delay (seconds) suggested to browsers.
        package var retrySeconds = 3.0
    }

    /// Protocol-conformance aids.
    package struct Conformance: Sendable, Equatable {
        /// `conformance.echo`: serve `/ws/echo` (for Autobahn). Off: it is not a product feature.
        package var echo = false
        /// `conformance.echo_max_message_bytes`: 16 MiB, the largest message Autobahn's 9.* cases send.
        package var echoMaxMessageBytes = 16 * 1024 * 1024
    }

    /// TLS (https and wss). Off unless both `tls.cert` and `tls.key` are set.
    package struct TLS: Sendable, Equatable {
        /// `tls.cert`: PEM certificate chain (leaf first). Empty: no TLS.
        package var certificateFile = ""
        /// `tls.key`: PEM private key of the certificate. Empty: no TLS.
        package var privateKeyFile = ""
        /// `tls.port`: 0 (default) makes the one listener speak only TLS, so a single port
        /// serves https and wss; another port runs a TLS listener beside the plain one.
        package var port = 0

        /// Whether TLS is configured at all.
        package var isEnabled: Bool { !certificateFile.isEmpty && !privateKeyFile.isEmpty }
    }

    package var listen = Listen()
    package var tls = TLS()
    package var http = HTTP()
    package var webSocket = WebSocket()
    package var conformance = Conformance()
    package var outbound = Outbound()
    package var history = History()
    package var publish = Publish()
    package var sse = SSE()
    /// `shutdown.grace`: seconds a stopping gateway waits for connections to finish after
    /// sending 1001 closes; what is left then is dropped.
    package var shutdownGraceSeconds = 10.0
    /// `node.name`: names this node in `welcome` frames and logs; empty means the host name.
    package var nodeName = ""
    /// `loops`: event-loop threads; 0 means one per core.
    package var loops = 0
    /// `static.root`: the folder served at `/` (the console and herald.js).
    package var staticRoot = "Public"
    /// `static.max_bytes`: Public/ is read into memory once; this bounds it.
    package var staticMaxBytes = 16 * 1024 * 1024
    /// `log.level`: trace, debug, info, notice, warning, error, critical.
    package var logLevel = "info"
    /// `log.format`: `text` for people, `json` (one object per line) for log shippers.
    package var logFormat = "text"

    package init() {}
}
