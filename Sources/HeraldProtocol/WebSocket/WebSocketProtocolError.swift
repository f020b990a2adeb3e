/// Every way a peer can break RFC 6455 framing or messaging, each mapped in one
/// place to the close code and the reason Herald sends before closing.
package enum WebSocketProtocolError: Error, Sendable, Equatable {
    /// A client sent a frame without the mask bit (§5.1: servers must fail the connection).
    case unmaskedClientFrame
    /// A server sent a masked frame (§5.1: clients must fail the connection).
    case maskedServerFrame
    /// RSV1, RSV2 or RSV3 is set without an extension that defines it (§5.2).
    case reservedBitsSet
    /// The opcode is one of the reserved values 3–7 or B–F (§5.2).
    case reservedOpcode(UInt8)
    /// A close, ping or pong frame has FIN clear (§5.5: control frames are not fragmented).
    case fragmentedControlFrame
    /// A control frame announces more than 125 bytes of payload (§5.5).
    case controlFrameTooLong
    /// A 64-bit payload length has its most significant bit set (§5.2).
    case invalidPayloadLength
    /// A message (or one frame) would exceed the configured maximum message size.
    case messageTooBig
    /// A continuation frame arrived with no fragmented message open (§5.4).
    case unexpectedContinuation
    /// A text or binary frame arrived while a fragmented message was still open (§5.4).
    case unfinishedFragmentedMessage
    /// A text message, or fragment of one, is not valid UTF-8 (§8.1).
    case invalidUTF8
    /// A close frame has a 1-byte payload: too short for a code (§5.5.1).
    case closePayloadTooShort
    /// A close frame carries a code that may not be sent (§7.4).
    case invalidCloseCode(UInt16)
    /// A close frame's reason is not valid UTF-8 (§5.5.1).
    case invalidCloseReason
    /// A compressed message does not inflate (RFC 7692 §6.2: fail the connection).
    /// Herald closes with 1007, as for other data that does not match its
    /// message type; RFC 7692 names no code.
    case invalidCompressedData

    /// The code to close the connection with.
    package var closeCode: WebSocketCloseCode {
        switch self {
        case .messageTooBig: .messageTooBig
        case .invalidUTF8, .invalidCloseReason, .invalidCompressedData: .invalidPayload
        default: .protocolError
        }
    }

    /// A short reason for the close frame, ASCII and at most 123 bytes.
    package var reason: String {
        switch self {
        case .unmaskedClientFrame: "client frame not masked"
        case .maskedServerFrame: "server frame masked"
        case .reservedBitsSet: "reserved bits set"
        case .reservedOpcode: "reserved opcode"
        case .fragmentedControlFrame: "fragmented control frame"
        case .controlFrameTooLong: "control frame over 125 bytes"
        case .invalidPayloadLength: "invalid payload length"
        case .messageTooBig: "message too big"
        case .unexpectedContinuation: "continuation without a message"
        case .unfinishedFragmentedMessage: "new message inside a fragmented one"
        case .invalidUTF8: "invalid UTF-8 in text message"
        case .closePayloadTooShort: "close payload of 1 byte"
        case .invalidCloseCode: "invalid close code"
        case .invalidCloseReason: "invalid UTF-8 in close reason"
        case .invalidCompressedData: "invalid compressed data"
        }
    }
}
