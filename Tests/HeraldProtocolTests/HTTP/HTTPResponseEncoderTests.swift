import HeraldProtocol
import Testing

@Suite struct HTTPResponseEncoderTests {
    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test func encoderWritesStatusLineHeadersLengthAndBody() {
        let response = HTTPResponse(status: .ok, headers: ["content-type": "text/plain"], body: bytes("hello"))
        #expect(
            text(HTTPResponseEncoder.encode(response))
                == "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 5\r\n\r\nhello")
    }

    @Test func encoderWritesZeroLengthForAnEmptyBody() {
        #expect(
            text(HTTPResponseEncoder.encode(HTTPResponse(status: .notFound)))
                == "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n")
    }

    @Test func encoderReplacesAContentLengthGivenByTheCaller() {
        let response = HTTPResponse(status: .ok, headers: ["Content-Length": "999"], body: bytes("ab"))
        #expect(text(HTTPResponseEncoder.encode(response)) == "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nab")
    }

    @Test func encoderAddsConnectionCloseWhenClosing() {
        let response = HTTPResponse(status: .badRequest, body: bytes("x"), closeConnection: true)
        #expect(
            text(HTTPResponseEncoder.encode(response))
                == "HTTP/1.1 400 Bad Request\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx")
        let already = HTTPResponse(status: .ok, headers: ["Connection": "close"], closeConnection: true)
        #expect(
            text(HTTPResponseEncoder.encode(already)) == "HTTP/1.1 200 OK\r\nConnection: close\r\ncontent-length: 0\r\n\r\n")
    }

    @Test(arguments: [HTTPStatus.noContent, .notModified, .continue, .switchingProtocols])
    func encoderWritesNeitherLengthNorBodyWhenTheStatusForbidsContent(status: HTTPStatus) {
        let response = HTTPResponse(status: status, headers: ["etag": "\"1\""], body: bytes("ignored"))
        #expect(text(HTTPResponseEncoder.encode(response)) == "HTTP/1.1 \(status)\r\netag: \"1\"\r\n\r\n")
    }

    @Test func encoderWritesTheLengthButNotTheBodyForHead() {
        let response = HTTPResponse(status: .ok, body: bytes("0123456789"))
        #expect(
            text(HTTPResponseEncoder.encode(response, headOnly: true)) == "HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n")
    }

    @Test func encoderAppendsToAnExistingBuffer() {
        var buffer = bytes("before|")
        HTTPResponseEncoder.encode(HTTPResponse(status: .noContent), into: &buffer)
        #expect(text(buffer) == "before|HTTP/1.1 204 No Content\r\n\r\n")
    }

    @Test func encoderWritesAHeadVerbatimForUpgradesAndStreams() {
        var buffer: [UInt8] = []
        HTTPResponseEncoder.encodeHead(
            status: .switchingProtocols,
            headers: ["upgrade": "websocket", "connection": "Upgrade", "sec-websocket-accept": "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="],
            into: &buffer)
        #expect(
            text(buffer)
                == "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                + "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
    }

    @Test func encoderNeutralisesLineBreaksAndDropsInvalidNamesInHeaders() {
        let response = HTTPResponse(
            status: .ok, headers: ["x-echo": "a\r\nSet-Cookie: evil", "bad name": "v", "": "v"])
        #expect(
            text(HTTPResponseEncoder.encode(response))
                == "HTTP/1.1 200 OK\r\nx-echo: a  Set-Cookie: evil\r\ncontent-length: 0\r\n\r\n")
    }

    @Test func encoderWritesMultiDigitLengths() {
        for length in [9, 10, 99, 100, 1_000, 65_536, 1_048_576] {
            let encoded = text(HTTPResponseEncoder.encode(HTTPResponse(status: .ok, body: [UInt8](repeating: 0x61, count: length)), headOnly: true))
            #expect(encoded == "HTTP/1.1 200 OK\r\ncontent-length: \(length)\r\n\r\n")
        }
    }

    @Test func continueBytesAreTheInterimResponse() {
        #expect(text(HTTPResponseEncoder.continueBytes) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    @Test func jsonErrorFollowsTheSpecShape() {
        let response = HTTPResponse.jsonError(status: .badRequest, code: "bad_topic", message: "topic \"a..b\" is empty")
        #expect(response.status == .badRequest)
        #expect(response.headers["content-type"] == "application/json")
        #expect(text(response.body) == #"{"error":{"code":"bad_topic","message":"topic \"a..b\" is empty"}}"#)
        #expect(!response.closeConnection)
    }

    @Test func parseErrorResponseClosesWithItsStatusAndCode() {
        let response = HTTPResponse(parseError: .headersTooLarge)
        let body = #"{"error":{"code":"headers_too_large","message":"request line and headers are too large"}}"#
        #expect(
            text(HTTPResponseEncoder.encode(response))
                == "HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\n"
                + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n" + body)
    }
}
