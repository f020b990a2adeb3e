/// The client side of the opening handshake (RFC 6455 §4.1): the upgrade
/// request to send and the checks on the server's answer, for Herald's
/// terminal client and bench.
package enum WebSocketClientHandshake {
    /// A fresh `Sec-WebSocket-Key`: Base64 of 16 bytes from `generator`
    /// (pass `SystemRandomNumberGenerator` in production, a seeded one in tests).
    package static func makeKey(using generator: inout some RandomNumberGenerator) -> String {
        let nonce = (0..<WebSocketHandshake.keyByteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Base64.encode(nonce)
    }

    /// The upgrade request head, ending with the blank line, or `nil` if
    /// `host` or `path` would break the request line or headers (empty, or
    /// holding whitespace, CR, LF or NUL; `path` must start with `/`).
    ///
    /// - Parameters:
    ///   - host: the `Host` value, with `:port` when not the scheme's default.
    ///   - path: the request target, query included (`/ws?topic=orders.*`).
    ///   - key: from `makeKey`.
    ///   - extraHeaders: e.g. `Sec-WebSocket-Extensions`, `Authorization`;
    ///     unsafe ones (see `WebSocketHandshake.switchingProtocolsResponse`) are left out.
    package static func upgradeRequest(
        host: String,
        path: String,
        key: String,
        extraHeaders: [(name: String, value: String)] = []
    ) -> [UInt8]? {
        func isSafeTarget(_ text: String) -> Bool {
            !text.isEmpty && !text.utf8.contains { $0 <= 0x20 || $0 == 0x7F }
        }
        guard isSafeTarget(host), isSafeTarget(path), path.utf8.first == UInt8(ascii: "/") else { return nil }
        var request = Array("GET \(path) HTTP/1.1\r\n".utf8)
        let headers: [(name: String, value: String)] =
            [
                ("Host", host), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                ("Sec-WebSocket-Key", key), ("Sec-WebSocket-Version", WebSocketHandshake.version),
            ] + extraHeaders
        for header in headers where WebSocketHeaderSyntax.isSafeToWrite(name: header.name, value: header.value) {
            WebSocketHeaderSyntax.appendHeader(name: header.name, value: header.value, to: &request)
        }
        request.append(contentsOf: "\r\n".utf8)
        return request
    }

    /// Checks the server's answer to the request that sent `key` (§4.1, the
    /// client's obligations): status 101, `Upgrade: websocket`,
    /// `Connection: upgrade`, and `Sec-WebSocket-Accept` equal to the value
    /// computed from `key`.
    ///
    /// - Returns: the extensions the server accepted (empty if none); the
    ///   caller must fail the connection if it did not offer one of them.
    package static func validateResponse(
        status: Int,
        headers: [(name: String, value: String)],
        key: String,
        sha1: ([UInt8]) -> [UInt8]
    ) throws(WebSocketClientHandshakeError) -> [WebSocketExtensionOffer] {
        typealias Syntax = WebSocketHeaderSyntax
        guard status == 101 else { throw .unexpectedStatus(status) }
        guard Syntax.listContains(Syntax.values(named: "upgrade", in: headers), token: "websocket") else {
            throw .missingUpgradeWebSocket
        }
        guard Syntax.listContains(Syntax.values(named: "connection", in: headers), token: "upgrade") else {
            throw .missingConnectionUpgrade
        }
        let accepts = Syntax.values(named: "sec-websocket-accept", in: headers)
        guard let accept = accepts.first else { throw .missingAccept }
        let expected = WebSocketHandshake.acceptValue(forKey: key, sha1: sha1)
        guard accepts.count == 1, Syntax.trimmed(Substring(accept)) == Substring(expected) else {
            throw .acceptMismatch
        }
        let extensionValues = Syntax.values(named: "sec-websocket-extensions", in: headers)
        guard let accepted = WebSocketExtensionOffer.parse(headerValues: extensionValues) else {
            throw .malformedExtensions
        }
        return accepted
    }
}

/// Why a server's answer to an upgrade request is not a WebSocket handshake.
package enum WebSocketClientHandshakeError: Error, Sendable, Equatable {
    /// The status is not 101 (e.g. 401, 403, 426, 503 while draining).
    case unexpectedStatus(Int)
    /// No `Upgrade` header lists `websocket`.
    case missingUpgradeWebSocket
    /// No `Connection` header lists `upgrade`.
    case missingConnectionUpgrade
    /// There is no `Sec-WebSocket-Accept` header.
    case missingAccept
    /// `Sec-WebSocket-Accept` is repeated or does not match the key sent.
    case acceptMismatch
    /// `Sec-WebSocket-Extensions` does not follow the §9.1 grammar.
    case malformedExtensions
    /// The response head is not HTTP/1.x (bad status line or header line).
    case malformedResponse
    /// The response head is larger than `WebSocketHTTPResponseHead.maxBytes`.
    case responseHeadTooLarge
}
