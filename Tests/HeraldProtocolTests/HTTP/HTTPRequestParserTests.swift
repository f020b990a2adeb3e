import HeraldProtocol
import Testing

@Suite struct HTTPRequestParserTests {
    @Test func parserReadsASimpleGet() throws {
        let request = try #require(parseOne("GET /api/topics?limit=5 HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n"))
        #expect(request.method == .get)
        #expect(request.target == "/api/topics?limit=5")
        #expect(request.path == "/api/topics")
        #expect(request.query == [HTTPQueryItem(name: "limit", value: "5")])
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "example")
        #expect(request.headers["ACCEPT"] == "*/*")
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
        #expect(!request.isWebSocketUpgrade)
    }

    @Test func parserReturnsNilUntilTheHeadIsComplete() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET / HTTP/1.1\r\nHost: x\r\n"))
        #expect(try parser.next() == nil)
        #expect(parser.isMidRequest)
        parser.append(bytes("\r\n"))
        #expect(try parser.next() == .request(HTTPRequest(method: .get, target: "/", path: "/", headers: ["Host": "x"])))
        #expect(!parser.isMidRequest)
        #expect(try parser.next() == nil)
    }

    @Test func parserAcceptsLoneLineFeeds() throws {
        let request = try #require(parseOne("GET /a HTTP/1.1\nHost: x\n\n"))
        #expect(request.path == "/a")
        #expect(request.headers["host"] == "x")
    }

    @Test func parserIgnoresEmptyLinesBeforeTheRequestLine() throws {
        let outcome = parse("\r\n\r\nGET / HTTP/1.1\r\n\r\n")
        #expect(outcome.requests.count == 1)
        #expect(outcome.error == nil)
    }

    @Test func parserIsNotMidRequestAfterOnlyEmptyLines() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("\r\n"))
        #expect(try parser.next() == nil)
        #expect(!parser.isMidRequest)
    }

    @Test(arguments: [
        ("GET", HTTPMethod.get), ("HEAD", .head), ("POST", .post), ("PUT", .put), ("DELETE", .delete),
        ("OPTIONS", .options), ("PATCH", .patch), ("TRACE", .trace), ("PURGE", .other("PURGE")),
        ("get", .other("get")),
    ])
    func parserMapsMethodTokens(token: String, method: HTTPMethod) throws {
        let request = try #require(parseOne("\(token) / HTTP/1.1\r\n\r\n"))
        #expect(request.method == method)
        #expect(request.method.name == token)
    }

    @Test func parserTrimsOptionalWhitespaceAroundValuesAndKeepsOrder() throws {
        let request = try #require(parseOne("GET / HTTP/1.1\r\nX-A: \t one \t\r\nx-b:two\r\nX-A: three\r\nEmpty:\r\n\r\n"))
        #expect(Array(request.headers.map(\.name)) == ["X-A", "x-b", "X-A", "Empty"])
        #expect(request.headers.values(for: "x-a") == ["one", "three"])
        #expect(request.headers["x-b"] == "two")
        #expect(request.headers["empty"] == "")
    }

    @Test func parserKeepsObsTextInValues() throws {
        let outcome = parse(bytes("GET / HTTP/1.1\r\nX-Name: caf") + [0xC3, 0xA9] + bytes("\r\n\r\n"))
        #expect(outcome.requests.first?.headers["x-name"] == "café")
    }

    @Test func parserAcceptsAbsoluteFormTargets() throws {
        let request = try #require(parseOne("GET http://example.com:8080/ws?topic=a HTTP/1.1\r\n\r\n"))
        #expect(request.target == "http://example.com:8080/ws?topic=a")
        #expect(request.path == "/ws")
        #expect(request.queryValues("topic") == ["a"])
        #expect(parseOne("GET HTTPS://example.com HTTP/1.1\r\n\r\n")?.path == "/")
    }

    @Test func parserAcceptsAsteriskFormOnlyForOptions() {
        #expect(parseOne("OPTIONS * HTTP/1.1\r\n\r\n")?.path == "*")
        #expect(parseError("GET * HTTP/1.1\r\n\r\n") == .invalidRequestTarget)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nConnection: Keep-Alive, CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: close\r\n\r\n", false),
    ])
    func parserAppliesKeepAliveDefaultsPerVersion(head: String, keepAlive: Bool) throws {
        #expect(try #require(parseOne(head)).keepAlive == keepAlive)
    }

    @Test func parserRecognisesWebSocketUpgrades() throws {
        let upgrade = try #require(
            parseOne("GET /ws HTTP/1.1\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n\r\n"))
        #expect(upgrade.isWebSocketUpgrade)
        let noConnection = try #require(parseOne("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"))
        #expect(!noConnection.isWebSocketUpgrade)
        let otherProtocol = try #require(parseOne("GET /ws HTTP/1.1\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n"))
        #expect(!otherProtocol.isWebSocketUpgrade)
    }

    @Test func parserHandsOverFrameBytesThatFollowAnUpgrade() throws {
        var parser = HTTPRequestParser()
        let frame: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        parser.append(bytes("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n") + frame)
        guard case .request(let request) = try parser.next() else {
            Issue.record("expected the upgrade request")
            return
        }
        #expect(request.isWebSocketUpgrade)
        #expect(parser.takeBufferedBytes() == frame)
        #expect(parser.takeBufferedBytes().isEmpty)
        #expect(!parser.isMidRequest)
    }

    @Test func parserReturnsThreePipelinedRequestsInOrder() {
        let outcome = parse(
            "GET /one HTTP/1.1\r\n\r\n"
                + "POST /two HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /three HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.path) == ["/one", "/two", "/three"])
        #expect(outcome.requests.map(\.body) == [[], bytes("abc"), bytes("de")])
        #expect(outcome.leftover.isEmpty)
    }

    @Test func parserLeavesAPartialPipelinedRequestBuffered() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET /one HTTP/1.1\r\n\r\nGET /tw"))
        #expect(try parser.next() != nil)
        #expect(try parser.next() == nil)
        #expect(parser.isMidRequest)
        parser.append(bytes("o HTTP/1.1\r\n\r\n"))
        guard case .request(let second) = try parser.next() else {
            Issue.record("expected the second request")
            return
        }
        #expect(second.path == "/two")
    }

    @Test func parserGivesExpectContinueOnceBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(bytes("POST /publish/a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"))
        #expect(try parser.next() == .expectContinue)
        #expect(try parser.next() == nil)
        parser.append(bytes("ab"))
        #expect(try parser.next() == nil)
        parser.append(bytes("cd"))
        guard case .request(let request) = try parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(request.body == bytes("abcd"))
    }

    @Test func parserSkipsExpectContinueWhenTheBodyAlreadyArrived() {
        let outcome = parse("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
        #expect(outcome.continueCount == 0)
        #expect(outcome.requests.first?.body == bytes("ok"))
    }

    @Test func parserGivesExpectContinueForChunkedBodies() {
        let outcome = parse("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n")
        #expect(outcome.continueCount == 1)
    }

    @Test func parserIgnoresExpectContinueWithoutBodyOrOnHTTP10() {
        #expect(parse("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n").continueCount == 0)
        #expect(parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n").continueCount == 0)
    }

    @Test func parserCompactsItsBufferAcrossManyPipelinedRequests() throws {
        var parser = HTTPRequestParser()
        let request = bytes("POST /publish/t HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789")
        var parsed = 0
        for round in 0..<2_000 {
            // Split each request unevenly so the buffer never drains completely.
            parser.append(request[..<(round % request.count)])
            parser.append(request[(round % request.count)...])
            while case .request(let next) = try parser.next() {
                #expect(next.body == bytes("0123456789"))
                parsed += 1
            }
        }
        #expect(parsed == 2_000)
    }

    @Test func parserStaysDeadAfterAnError() {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET / HTTP/9.9\r\n\r\n"))
        #expect(throws: HTTPParseError.unsupportedVersion) { try parser.next() }
        parser.append(bytes("GET / HTTP/1.1\r\n\r\n"))
        #expect(throws: HTTPParseError.unsupportedVersion) { try parser.next() }
        #expect(!parser.isMidRequest)
    }
}
