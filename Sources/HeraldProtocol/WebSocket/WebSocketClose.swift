// Closing a WebSocket connection: the codes, and the close frame's payload.

/// The close codes Herald sends (RFC 6455 §7.4.1, IANA "WebSocket Close Code
/// Number Registry"), as listed in SPEC.md, plus the rule for codes it receives.
package enum WebSocketCloseCode: UInt16, Sendable, CaseIterable {
    /// 1000: the purpose of the connection is fulfilled (also: idle timeout).
    case normalClosure = 1000
    /// 1001: the server is shutting down (draining) or the client navigates away.
    case goingAway = 1001
    /// 1002: the peer broke the framing rules.
    case protocolError = 1002
    /// 1003: a kind of data the endpoint cannot accept (e.g. binary where only text is).
    case unsupportedData = 1003
    /// 1007: payload inconsistent with the message type (invalid UTF-8 in text).
    case invalidPayload = 1007
    /// 1008: policy violation (authentication, permission, origin).
    case policyViolation = 1008
    /// 1009: a message larger than the endpoint accepts.
    case messageTooBig = 1009
    /// 1011: an unexpected condition inside the server.
    case internalError = 1011
    /// 1013: try again later; Herald's slow-consumer close.
    case tryAgainLater = 1013

    /// Whether `code` may legitimately appear in a close frame from the peer.
    ///
    /// Valid: 1000–1003 and 1007–1011 (RFC 6455 §7.4.1), 1012–1014 (registered
    /// with IANA since: service restart, try again later, bad gateway; Herald
    /// itself sends 1013, so its own client must accept it), and 3000–4999
    /// (libraries, frameworks, applications). Invalid, answered with 1002:
    /// 0–999 (unused), 1004 (reserved), 1005, 1006 and 1015 (only for reporting
    /// locally, never sent), the unassigned 1016–2999, and 5000 and above.
    /// This matches Autobahn 7.7.* (valid) and 7.9.* (invalid).
    package static func isValidToReceive(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
}

/// The payload of a close frame (RFC 6455 §5.5.1): empty, or a 2-byte code in
/// network byte order followed by a UTF-8 reason.
package enum WebSocketClosePayload {
    /// The most reason bytes a close frame holds: 125 bytes of control payload
    /// minus the 2-byte code.
    package static let maxReasonBytes = 123

    /// Reads a received close payload.
    ///
    /// Empty: no code, no reason. One byte: `closePayloadTooShort` (1002). A
    /// code that fails `WebSocketCloseCode.isValidToReceive`:
    /// `invalidCloseCode` (1002). A reason that is not complete, valid UTF-8:
    /// `invalidCloseReason` (1007).
    package static func parse(_ payload: [UInt8]) throws(WebSocketProtocolError) -> (code: UInt16?, reason: String) {
        guard !payload.isEmpty else { return (nil, "") }
        guard payload.count >= 2 else { throw .closePayloadTooShort }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        guard WebSocketCloseCode.isValidToReceive(code) else { throw .invalidCloseCode(code) }
        var validator = UTF8Validator()
        let valid = payload.withUnsafeBytes { bytes in
            validator.validate(UnsafeRawBufferPointer(rebasing: bytes[2...]))
        }
        guard valid && validator.isComplete else { throw .invalidCloseReason }
        return (code, String(decoding: payload[2...], as: UTF8.self))
    }

    /// A close payload to send: `rawCode`, then `reason` cut to fit (see `truncatedReason`).
    package static func encode(rawCode: UInt16, reason: String) -> [UInt8] {
        [UInt8(truncatingIfNeeded: rawCode >> 8), UInt8(truncatingIfNeeded: rawCode)] + truncatedReason(reason)
    }

    /// The longest prefix of `reason`'s UTF-8 that is at most `maxReasonBytes`
    /// and does not split a character's encoding.
    package static func truncatedReason(_ reason: String) -> [UInt8] {
        let bytes = Array(reason.utf8)
        guard bytes.count > maxReasonBytes else { return bytes }
        // Back off from the cut while it falls before a continuation byte (10xxxxxx).
        var end = maxReasonBytes
        while end > 0 && bytes[end] & 0xC0 == 0x80 {
            end -= 1
        }
        return Array(bytes[..<end])
    }
}
