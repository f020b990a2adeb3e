/// A frame's opcode (RFC 6455 §5.2, §11.8).
///
/// Only the six defined opcodes have cases; the reserved values 3–7 and B–F
/// have none, so a decoder must turn them into a protocol error
/// (`WebSocketProtocolError.reservedOpcode`) rather than carry them further.
package enum WebSocketOpcode: UInt8, Sendable, CaseIterable {
    /// Carries the next fragment of a message begun by a text or binary frame.
    case continuation = 0x0
    /// Begins a message whose payload is UTF-8 text.
    case text = 0x1
    /// Begins a message whose payload is arbitrary bytes.
    case binary = 0x2
    /// Begins or answers the closing handshake (payload: optional code + reason).
    case close = 0x8
    /// Asks the peer for a pong with the same payload.
    case ping = 0x9
    /// Answers a ping, or serves as an unsolicited heartbeat.
    case pong = 0xA

    /// `true` for close, ping and pong: at most 125 bytes of payload, never
    /// fragmented, and allowed between the fragments of a message (§5.5).
    package var isControl: Bool {
        rawValue & 0x8 != 0
    }
}
