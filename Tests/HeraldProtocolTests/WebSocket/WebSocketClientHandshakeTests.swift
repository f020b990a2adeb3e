import HeraldProtocol
import HeraldTLS
import Testing

@Suite struct WebSocketClientHandshakeTests {
    typealias Headers = [(name: String, value: String)]
    static let rfcKey = "dGhlIHNhbXBsZSBub25jZQ=="
    static let rfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
    static let goodResponseHeaders: Headers = [
        ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", rfcAccept),
    ]

    @Test func buildsTheUpgradeRequestHead() {
        let request = WebSocketClientHandshake.upgradeRequest(
            host: "server.example.com", path: "/chat?topic=a.*", key: Self.rfcKey,
            extraHeaders: [("Sec-WebSocket-Extensions", "permessage-deflate"), ("X-Bad", "a\nb")])
        let expected =
            "GET /chat?topic=a.* HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"
        #expect(request.map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test(arguments: [
        ("", "/"), ("h", ""), ("h", "chat"), ("h", "/a b"), ("h", "/a\r\nX: y"), ("h o", "/"), ("h\n", "/"),
    ])
    func refusesAHostOrPathThatWouldBreakTheRequest(host: String, path: String) {
        #expect(WebSocketClientHandshake.upgradeRequest(host: host, path: path, key: Self.rfcKey) == nil)
    }

    @Test func makesKeysOfSixteenRandomBytes() {
        var generator = WebSocketTestSupport.SeededGenerator(seed: 42)
        let first = WebSocketClientHandshake.makeKey(using: &generator)
        let second = WebSocketClientHandshake.makeKey(using: &generator)
        #expect(Base64.decode(first)?.count == 16)
        #expect(first.utf8.count == 24)
        #expect(first != second)
    }

    @Test func acceptsTheRFCExampleResponseAndReturnsAcceptedExtensions() throws {
        let headers =
            Self.goodResponseHeaders + [("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover")]
        let accepted = try WebSocketClientHandshake.validateResponse(
            status: 101, headers: headers, key: Self.rfcKey, sha1: SHA1.hash)
        #expect(
            accepted == [
                WebSocketExtensionOffer(
                    name: "permessage-deflate", parameters: [.init(name: "server_no_context_takeover")])
            ])
    }

    @Test(
        arguments: [
            (200, goodResponseHeaders, WebSocketClientHandshakeError.unexpectedStatus(200)),
            (101, goodResponseHeaders.filter { $0.name != "Upgrade" }, .missingUpgradeWebSocket),
            (101, goodResponseHeaders.filter { $0.name != "Connection" }, .missingConnectionUpgrade),
            (101, goodResponseHeaders.filter { $0.name != "Sec-WebSocket-Accept" }, .missingAccept),
            (
                101,
                goodResponseHeaders.filter { $0.name != "Sec-WebSocket-Accept" } + [("Sec-WebSocket-Accept", "AAAA")],
                .acceptMismatch
            ),
            (101, goodResponseHeaders + [("Sec-WebSocket-Accept", rfcAccept)], .acceptMismatch),
            (101, goodResponseHeaders + [("Sec-WebSocket-Extensions", "permessage-deflate;")], .malformedExtensions),
        ] as [(Int, Headers, WebSocketClientHandshakeError)])
    func rejectsResponsesThatAreNotAValidHandshake(status: Int, headers: Headers, error: WebSocketClientHandshakeError)
    {
        #expect(throws: error) {
            try WebSocketClientHandshake.validateResponse(
                status: status, headers: headers, key: Self.rfcKey, sha1: SHA1.hash)
        }
    }

    @Test func completesAHandshakeAgainstTheServerSideAndKeepsTheFirstFrame() throws {
        var generator = WebSocketTestSupport.SeededGenerator(seed: 7)
        let key = WebSocketClientHandshake.makeKey(using: &generator)
        // The server side sees the request's headers (as its HTTP parser would hand them over).
        let requestHeaders: Headers = [
            ("Host", "localhost:8080"), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", key), ("Sec-WebSocket-Version", "13"),
        ]
        let upgrade = try WebSocketHandshake.validateUpgrade(
            method: "GET", httpVersion: (1, 1), headers: requestHeaders)
        let welcome = WebSocketFrameEncoder.encode(opcode: .text, payload: Array(#"{"type":"welcome"}"#.utf8))
        let serverBytes = upgrade.switchingProtocolsResponse(sha1: SHA1.hash) + welcome

        let parsed = try #require(try WebSocketHTTPResponseHead.parse(serverBytes))
        #expect(parsed.head.status == 101)
        _ = try WebSocketClientHandshake.validateResponse(
            status: parsed.head.status, headers: parsed.head.headers, key: key, sha1: SHA1.hash)
        var reader = WebSocketReader(maxMessageBytes: 1024, expectMasked: false)
        reader.append(serverBytes[parsed.consumedBytes...])
        #expect(try reader.nextMessage() == .text(Array(#"{"type":"welcome"}"#.utf8)))
    }
}

@Suite struct WebSocketHTTPResponseHeadTests {
    static let response = Array(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection:Upgrade\r\nX-Empty:\r\n\r\n".utf8)

    @Test func parsesStatusAndTrimmedHeaders() throws {
        let parsed = try #require(try WebSocketHTTPResponseHead.parse(Self.response))
        #expect(parsed.consumedBytes == Self.response.count)
        #expect(parsed.head.status == 101)
        #expect(parsed.head.headers.map(\.name) == ["Upgrade", "Connection", "X-Empty"])
        #expect(parsed.head.headers.map(\.value) == ["websocket", "Upgrade", ""])
    }

    @Test func waitsForTheBlankLineAtEverySplit() throws {
        for cut in 0..<Self.response.count {
            #expect(try WebSocketHTTPResponseHead.parse(Self.response[..<cut]) == nil, "cut at \(cut)")
        }
    }

    @Test(arguments: [
        "HTTP/1.1 101\r\n\r\n", "HTTP/1.0 426 Upgrade Required\r\n\r\n",
    ])
    func acceptsMinimalStatusLines(text: String) throws {
        #expect(try WebSocketHTTPResponseHead.parse(Array(text.utf8)) != nil)
    }

    @Test(arguments: [
        "HTTP/2 101 OK\r\n\r\n", "HTTP/1.1 1O1 OK\r\n\r\n", "HTTP/1.1 10 OK\r\n\r\n", "HTTP/1.1  101 OK\r\n\r\n",
        "ICY 200 OK\r\n\r\n", "HTTP/1.1 101 OK\r\nNo colon here\r\n\r\n", "HTTP/1.1 101 OK\r\nA: b\r\n folded\r\n\r\n",
        "HTTP/1.1 101 OK\r\nBad Name: x\r\n\r\n", "\r\n\r\n",
    ])
    func rejectsMalformedHeads(text: String) {
        #expect(throws: WebSocketClientHandshakeError.malformedResponse) {
            try WebSocketHTTPResponseHead.parse(Array(text.utf8))
        }
    }

    @Test func refusesAHeadLargerThanTheLimit() {
        let endless =
            Array("HTTP/1.1 101 OK\r\nX: ".utf8) + [UInt8](repeating: 0x61, count: WebSocketHTTPResponseHead.maxBytes)
        #expect(throws: WebSocketClientHandshakeError.responseHeadTooLarge) {
            try WebSocketHTTPResponseHead.parse(endless)
        }
    }
}
