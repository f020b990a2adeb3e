/// Why a request to a WebSocket endpoint cannot be upgraded (RFC 6455 §4.2.1),
/// with the HTTP answer to give in one place.
package enum WebSocketHandshakeError: Error, Sendable, Equatable {
    /// The method is not `GET`.
    case methodNotGet
    /// The request is HTTP/1.0 (or older); WebSocket needs HTTP/1.1 or later.
    case httpVersionTooOld
    /// No `Upgrade` header lists `websocket`: a plain request to a WebSocket endpoint.
    case missingUpgradeWebSocket
    /// No `Connection` header lists `upgrade`.
    case missingConnectionUpgrade
    /// `Sec-WebSocket-Version` is missing, repeated or not `13`.
    case unsupportedVersion
    /// There is no `Sec-WebSocket-Key` header.
    case missingKey
    /// `Sec-WebSocket-Key` is repeated, or is not Base64 of exactly 16 bytes.
    case invalidKey
    /// `Sec-WebSocket-Extensions` does not follow the §9.1 grammar.
    case malformedExtensions

    /// The HTTP status to answer with: 405, 426 or 400.
    package var status: Int {
        switch self {
        case .methodNotGet: 405
        case .missingUpgradeWebSocket, .unsupportedVersion: 426
        default: 400
        }
    }

    /// The JSON error code for the SPEC's error body.
    package var errorCode: String {
        switch status {
        case 405: "method_not_allowed"
        case 426: "upgrade_required"
        default: "bad_request"
        }
    }

    /// Headers the answer must carry: `Allow` with 405; with 426, `Upgrade`
    /// (RFC 9110 §15.5.22, with its `Connection` option) and the version this
    /// server speaks (RFC 6455 §4.2.2).
    package var responseHeaders: [(name: String, value: String)] {
        switch self {
        case .methodNotGet:
            [("Allow", "GET")]
        case .missingUpgradeWebSocket, .unsupportedVersion:
            [
                ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                ("Sec-WebSocket-Version", WebSocketHandshake.version),
            ]
        default:
            []
        }
    }

    /// A short human-readable explanation for the error body.
    package var message: String {
        switch self {
        case .methodNotGet: "a WebSocket handshake must use GET"
        case .httpVersionTooOld: "a WebSocket handshake needs HTTP/1.1 or later"
        case .missingUpgradeWebSocket: "this endpoint needs a WebSocket upgrade (Upgrade: websocket)"
        case .missingConnectionUpgrade: "the Connection header must include upgrade"
        case .unsupportedVersion: "only Sec-WebSocket-Version 13 is supported"
        case .missingKey: "Sec-WebSocket-Key is missing"
        case .invalidKey: "Sec-WebSocket-Key must be one base64 value of 16 bytes"
        case .malformedExtensions: "Sec-WebSocket-Extensions is malformed"
        }
    }
}
