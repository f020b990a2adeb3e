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

/// One decoded frame (RFC 6455 §5.2), with its payload already unmasked.
package struct WebSocketFrame: Sendable, Equatable {
    /// `true` on the last (or only) frame of a message; always `true` for control frames.
    package var fin: Bool
    /// Reserved bit 1: set on the first frame of a compressed message once
    /// permessage-deflate (RFC 7692) is negotiated; otherwise always `false`.
    package var rsv1: Bool
    /// Reserved bit 2: no extension Herald supports uses it.
    package var rsv2: Bool
    /// Reserved bit 3: no extension Herald supports uses it.
    package var rsv3: Bool
    /// What the frame carries.
    package var opcode: WebSocketOpcode
    /// The application (or extension) data, unmasked.
    package var payload: [UInt8]

    /// A frame with the given fields; the reserved bits default to clear.
    package init(
        fin: Bool = true,
        rsv1: Bool = false,
        rsv2: Bool = false,
        rsv3: Bool = false,
        opcode: WebSocketOpcode,
        payload: [UInt8] = []
    ) {
        self.fin = fin
        self.rsv1 = rsv1
        self.rsv2 = rsv2
        self.rsv3 = rsv3
        self.opcode = opcode
        self.payload = payload
    }
}

/// The fixed part of a frame, known once its header (2–14 bytes) has arrived,
/// before any of its payload.
package struct WebSocketFrameHeader: Sendable, Equatable {
    /// `true` on the last (or only) frame of a message.
    package var fin: Bool
    /// Reserved bit 1 (permessage-deflate's "compressed" flag).
    package var rsv1: Bool
    /// Reserved bit 2.
    package var rsv2: Bool
    /// Reserved bit 3.
    package var rsv3: Bool
    /// What the frame carries.
    package var opcode: WebSocketOpcode
    /// The 32-bit masking key in wire order (first key byte in the high bits),
    /// or `nil` for an unmasked frame.
    package var maskingKey: UInt32?
    /// The payload length announced by the header, in bytes.
    package var payloadLength: Int
}
