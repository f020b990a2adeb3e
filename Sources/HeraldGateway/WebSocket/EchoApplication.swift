import HeraldProtocol

/// `/ws/echo`: every text or binary message comes back as it was sent.
/// For conformance runs (Autobahn) only; off unless `conformance.echo: true`.
final class EchoApplication: WebSocketApplication {
    func opened(_ session: WebSocketConnectionHandler, on connection: Connection) {}

    func received(_ message: WebSocketMessage, session: WebSocketConnectionHandler, on connection: Connection) {
        switch message {
        case .text(let payload):
            payload.withUnsafeBytes { session.send(.text, payload: $0, on: connection) }
        case .binary(let payload):
            payload.withUnsafeBytes { session.send(.binary, payload: $0, on: connection) }
        default:
            break
        }
    }

    func closed(_ session: WebSocketConnectionHandler, on connection: Connection) {}
}
