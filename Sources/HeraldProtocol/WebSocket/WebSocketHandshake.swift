/// The server side of the opening handshake (RFC 6455 §4.2): checks an
/// upgrade request given as plain values and writes the `101` answer.
///
/// SHA-1 is injected (`sha1: ([UInt8]) -> [UInt8]`, the 20-byte digest)
/// because this target has no crypto; the gateway passes `HeraldTLS.SHA1.hash`.
package enum WebSocketHandshake {
    /// The only protocol version spoken (`Sec-WebSocket-Version`).
    package static let version = "13"
    /// The GUID appended to the key before hashing (§1.3).
    package static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
    /// The decoded size of a valid `Sec-WebSocket-Key` (§4.1: a 16-byte nonce).
    package static let keyByteCount = 16

    /// Checks an upgrade request, in this order: method `GET`, HTTP/1.1 or
    /// later, `Upgrade` lists `websocket`, `Connection` lists `upgrade` (both
    /// case-insensitive, over all such headers), exactly one
    /// `Sec-WebSocket-Version: 13`, exactly one `Sec-WebSocket-Key` that is
    /// Base64 of 16 bytes, and well-formed `Sec-WebSocket-Extensions`.
    ///
    /// - Parameters:
    ///   - method: the request method, case-sensitive.
    ///   - httpVersion: the request's HTTP version.
    ///   - headers: every header in order, names in any case.
    /// - Throws: the first failed check, which knows the HTTP answer to give.
    package static func validateUpgrade(
        method: String,
        httpVersion: (major: Int, minor: Int),
        headers: [(name: String, value: String)]
    ) throws(WebSocketHandshakeError) -> WebSocketUpgradeRequest {
        typealias Syntax = WebSocketHeaderSyntax
        guard method == "GET" else { throw .methodNotGet }
        guard httpVersion.major > 1 || (httpVersion.major == 1 && httpVersion.minor >= 1) else {
            throw .httpVersionTooOld
        }
        guard Syntax.listContains(Syntax.values(named: "upgrade", in: headers), token: "websocket") else {
            throw .missingUpgradeWebSocket
        }
        guard Syntax.listContains(Syntax.values(named: "connection", in: headers), token: "upgrade") else {
            throw .missingConnectionUpgrade
        }
        let versions = Syntax.values(named: "sec-websocket-version", in: headers)
        guard versions.count == 1, Syntax.trimmed(Substring(versions[0])) == Substring(version) else {
            throw .unsupportedVersion
        }
        let keys = Syntax.values(named: "sec-websocket-key", in: headers)
        guard let rawKey = keys.first else { throw .missingKey }
        let key = String(Syntax.trimmed(Substring(rawKey)))
        guard keys.count == 1, Base64.decode(key)?.count == keyByteCount else { throw .invalidKey }
        let extensionValues = Syntax.values(named: "sec-websocket-extensions", in: headers)
        guard let offers = WebSocketExtensionOffer.parse(headerValues: extensionValues) else {
            throw .malformedExtensions
        }
        return WebSocketUpgradeRequest(key: key, extensionOffers: offers)
    }

    /// `Sec-WebSocket-Accept` for `key`: Base64 of SHA-1(key + GUID) (§4.2.2).
    package static func acceptValue(forKey key: String, sha1: ([UInt8]) -> [UInt8]) -> String {
        Base64.encode(sha1(Array((key + acceptGUID).utf8)))
    }

    /// The complete `101 Switching Protocols` response head, ending with the
    /// blank line, for the request that sent `key`.
    ///
    /// - Parameter extraHeaders: written after the required ones, e.g.
    ///   `Sec-WebSocket-Extensions`; a header whose name is not a token or
    ///   whose value holds CR, LF or NUL is left out rather than written.
    package static func switchingProtocolsResponse(
        key: String,
        sha1: ([UInt8]) -> [UInt8],
        extraHeaders: [(name: String, value: String)] = []
    ) -> [UInt8] {
        var response = Array("HTTP/1.1 101 Switching Protocols\r\n".utf8)
        WebSocketHeaderSyntax.appendHeader(name: "Upgrade", value: "websocket", to: &response)
        WebSocketHeaderSyntax.appendHeader(name: "Connection", value: "Upgrade", to: &response)
        WebSocketHeaderSyntax.appendHeader(
            name: "Sec-WebSocket-Accept", value: acceptValue(forKey: key, sha1: sha1), to: &response)
        for header in extraHeaders where WebSocketHeaderSyntax.isSafeToWrite(name: header.name, value: header.value) {
            WebSocketHeaderSyntax.appendHeader(name: header.name, value: header.value, to: &response)
        }
        response.append(contentsOf: "\r\n".utf8)
        return response
    }
}

/// A request that passed `WebSocketHandshake.validateUpgrade`.
package struct WebSocketUpgradeRequest: Sendable, Equatable {
    /// The `Sec-WebSocket-Key` value, whitespace-trimmed.
    package var key: String
    /// The extensions offered, in preference order (empty if none).
    package var extensionOffers: [WebSocketExtensionOffer]

    /// A validated request's key and offers.
    package init(key: String, extensionOffers: [WebSocketExtensionOffer] = []) {
        self.key = key
        self.extensionOffers = extensionOffers
    }

    /// The `101` response head for this request; see
    /// `WebSocketHandshake.switchingProtocolsResponse`.
    package func switchingProtocolsResponse(
        sha1: ([UInt8]) -> [UInt8],
        extraHeaders: [(name: String, value: String)] = []
    ) -> [UInt8] {
        WebSocketHandshake.switchingProtocolsResponse(key: key, sha1: sha1, extraHeaders: extraHeaders)
    }
}
