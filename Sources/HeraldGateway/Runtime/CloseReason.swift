import Synchronization

/// Why a connection was closed (or events dropped): one enum feeding stats and
/// logs, as nats-server keeps one list of close reasons.
enum CloseReason: Int, CaseIterable, Sendable {
    /// The client's close frame, end of stream, or Connection: close.
    case clientClosed
    /// A WebSocket protocol violation (1002, 1003, 1007, 1009).
    case protocolError
    /// The outbound queue overflowed under the `disconnect` policy (1013).
    case slowConsumer
    /// The socket took nothing for `outbound.write_timeout` (1013).
    case writeTimeout
    /// No inbound frame for `ws.idle_timeout` (1000), or an idle HTTP keep-alive connection.
    case idleTimeout
    /// A request head did not arrive within `http.header_timeout` (408).
    case requestTimeout
    /// A malformed HTTP request (4xx, then close).
    case badRequest
    /// The gateway is stopping (1001).
    case shutdown
    /// A TLS handshake failed or did not finish within `http.header_timeout`, or a record was bad.
    case tlsFailure

    /// The name used in `/api/stats`.
    var name: String {
        switch self {
        case .clientClosed: "client_closed"
        case .protocolError: "protocol_error"
        case .slowConsumer: "slow_consumer"
        case .writeTimeout: "write_timeout"
        case .idleTimeout: "idle_timeout"
        case .requestTimeout: "request_timeout"
        case .badRequest: "bad_request"
        case .shutdown: "shutdown"
        case .tlsFailure: "tls_failure"
        }
    }
}

/// Counters shared by every loop (relaxed atomics: figures, not synchronisation).
final class GatewayCounters: Sendable {
    private let closes = CloseReason.allCases.map { _ in LoopCounter() }
    /// Events dropped by the drop policies.
    let droppedEvents = Atomic<Int>(0)

    func record(_ reason: CloseReason) {
        closes[reason.rawValue].value.add(1, ordering: .relaxed)
    }

    func count(_ reason: CloseReason) -> Int {
        closes[reason.rawValue].value.load(ordering: .relaxed)
    }
}
