import HeraldProtocol
import HeraldTLS
import Testing

@Suite struct WebSocketHandshakeTests {
    typealias Headers = [(name: String, value: String)]
    static let rfcKey = "dGhlIHNhbXBsZSBub25jZQ=="
    /// As printed in RFC 6455 §1.3 and §4.2.2 (and checked against an independent SHA-1).
    static let rfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    /// The RFC 6455 §1.2 client handshake's headers.
    static let rfcRequestHeaders: Headers = [
        ("Host", "server.example.com"), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
        ("Sec-WebSocket-Key", rfcKey), ("Origin", "http://example.com"),
        ("Sec-WebSocket-Protocol", "chat, superchat"), ("Sec-WebSocket-Version", "13"),
    ]

    static func replacing(_ name: String, with value: String?, in headers: Headers = rfcRequestHeaders) -> Headers {
        var result = headers.filter { $0.name != name }
        if let value { result.append((name, value)) }
        return result
    }

    @Test func computesTheRFCExampleAcceptValueWithRealSHA1() {
        #expect(WebSocketHandshake.acceptValue(forKey: Self.rfcKey, sha1: SHA1.hash) == Self.rfcAccept)
    }

    @Test func acceptsTheRFCExampleRequestAndAnswersWithExactly101() throws {
        let upgrade = try WebSocketHandshake.validateUpgrade(
            method: "GET", httpVersion: (1, 1), headers: Self.rfcRequestHeaders)
        #expect(upgrade == WebSocketUpgradeRequest(key: Self.rfcKey, extensionOffers: []))
        let response = upgrade.switchingProtocolsResponse(sha1: SHA1.hash)
        let expected =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"
        #expect(String(decoding: response, as: UTF8.self) == expected)
    }

    @Test func writesExtraHeadersButNeverOnesThatWouldInjectLines() {
        let response = WebSocketHandshake.switchingProtocolsResponse(
            key: Self.rfcKey, sha1: SHA1.hash,
            extraHeaders: [
                ("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover"),
                ("X-Evil", "a\r\nSet-Cookie: b"), ("Bad Name", "x"),
            ])
        let text = String(decoding: response, as: UTF8.self)
        #expect(text.hasSuffix("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n"))
        #expect(!text.contains("Evil") && !text.contains("Bad Name"))
    }

    @Test(arguments: [
        ("keep-alive, Upgrade", "websocket"), ("UPGRADE", "WebSocket"), ("upgrade,keep-alive", "websocket, h2c"),
        ("  Upgrade  ", "  websocket "),
    ])
    func matchesUpgradeAndConnectionTokensCaseInsensitivelyInLists(connection: String, upgrade: String) throws {
        let headers = Self.replacing("Upgrade", with: upgrade, in: Self.replacing("Connection", with: connection))
        _ = try WebSocketHandshake.validateUpgrade(method: "GET", httpVersion: (1, 1), headers: headers)
    }

    @Test func findsTheConnectionTokenInASecondConnectionHeaderAndAcceptsLowercaseNames() throws {
        let headers: Headers = [
            ("connection", "keep-alive"), ("CONNECTION", "upgrade"), ("upgrade", "websocket"),
            ("sec-websocket-key", " \(Self.rfcKey) "), ("SEC-WEBSOCKET-VERSION", "13"),
        ]
        let upgrade = try WebSocketHandshake.validateUpgrade(method: "GET", httpVersion: (2, 0), headers: headers)
        #expect(upgrade.key == Self.rfcKey)
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        var name: String
        var method = "GET"
        var version = (major: 1, minor: 1)
        var headers: [(name: String, value: String)]
        var error: WebSocketHandshakeError
        var status: Int
        var testDescription: String { name }
    }

    static let rejections: [Rejection] = [
        Rejection(name: "POST", method: "POST", headers: rfcRequestHeaders, error: .methodNotGet, status: 405),
        Rejection(name: "lowercase get", method: "get", headers: rfcRequestHeaders, error: .methodNotGet, status: 405),
        Rejection(
            name: "HTTP/1.0", version: (1, 0), headers: rfcRequestHeaders, error: .httpVersionTooOld, status: 400),
        Rejection(
            name: "no Upgrade", headers: replacing("Upgrade", with: nil), error: .missingUpgradeWebSocket, status: 426),
        Rejection(
            name: "Upgrade: h2c", headers: replacing("Upgrade", with: "h2c"), error: .missingUpgradeWebSocket,
            status: 426),
        Rejection(
            name: "Upgrade: websockets", headers: replacing("Upgrade", with: "websockets"),
            error: .missingUpgradeWebSocket, status: 426),
        Rejection(
            name: "no Connection", headers: replacing("Connection", with: nil), error: .missingConnectionUpgrade,
            status: 400),
        Rejection(
            name: "Connection: keep-alive", headers: replacing("Connection", with: "keep-alive"),
            error: .missingConnectionUpgrade, status: 400),
        Rejection(
            name: "no version", headers: replacing("Sec-WebSocket-Version", with: nil), error: .unsupportedVersion,
            status: 426),
        Rejection(
            name: "version 8", headers: replacing("Sec-WebSocket-Version", with: "8"), error: .unsupportedVersion,
            status: 426),
        Rejection(
            name: "version 13, 8", headers: replacing("Sec-WebSocket-Version", with: "13, 8"),
            error: .unsupportedVersion, status: 426),
        Rejection(
            name: "two version headers", headers: rfcRequestHeaders + [("Sec-WebSocket-Version", "13")],
            error: .unsupportedVersion, status: 426),
        Rejection(name: "no key", headers: replacing("Sec-WebSocket-Key", with: nil), error: .missingKey, status: 400),
        Rejection(
            name: "empty key", headers: replacing("Sec-WebSocket-Key", with: ""), error: .invalidKey, status: 400),
        Rejection(
            name: "key not base64", headers: replacing("Sec-WebSocket-Key", with: "not base64 at all!!!!!!!"),
            error: .invalidKey, status: 400),
        Rejection(
            name: "key of 15 bytes", headers: replacing("Sec-WebSocket-Key", with: "AAAAAAAAAAAAAAAAAAAA"),
            error: .invalidKey, status: 400),
        Rejection(
            name: "key of 17 bytes", headers: replacing("Sec-WebSocket-Key", with: "AAAAAAAAAAAAAAAAAAAAAAA="),
            error: .invalidKey, status: 400),
        Rejection(
            name: "key without padding", headers: replacing("Sec-WebSocket-Key", with: "dGhlIHNhbXBsZSBub25jZQ"),
            error: .invalidKey, status: 400),
        Rejection(
            name: "two keys", headers: rfcRequestHeaders + [("Sec-WebSocket-Key", rfcKey)], error: .invalidKey,
            status: 400),
        Rejection(
            name: "malformed extensions",
            headers: rfcRequestHeaders + [("Sec-WebSocket-Extensions", "permessage-deflate; =1")],
            error: .malformedExtensions, status: 400),
    ]

    @Test(arguments: rejections)
    func rejectsBadUpgradeRequestsWithTheRightStatus(rejection: Rejection) {
        #expect(throws: rejection.error) {
            try WebSocketHandshake.validateUpgrade(
                method: rejection.method, httpVersion: rejection.version, headers: rejection.headers)
        }
        #expect(rejection.error.status == rejection.status)
    }

    @Test func tellsTheClientWhichVersionToUseWith426() {
        let headers = WebSocketHandshakeError.unsupportedVersion.responseHeaders
        #expect(headers.contains { $0.name == "Sec-WebSocket-Version" && $0.value == "13" })
        #expect(WebSocketHandshakeError.unsupportedVersion.errorCode == "upgrade_required")
        #expect(WebSocketHandshakeError.methodNotGet.responseHeaders.contains { $0 == ("Allow", "GET") })
    }

    @Test func returnsTheParsedExtensionOffers() throws {
        let headers =
            Self.rfcRequestHeaders + [
                ("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits, x-webkit-deflate-frame")
            ]
        let upgrade = try WebSocketHandshake.validateUpgrade(method: "GET", httpVersion: (1, 1), headers: headers)
        #expect(upgrade.extensionOffers.map(\.name) == ["permessage-deflate", "x-webkit-deflate-frame"])
    }
}
