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
