import HeraldProtocol
import Testing

@Suite struct HTTPRequestParserErrorTests {
    @Test func aTLSHandshakeOrBinaryInputIsRefusedFromItsFirstByte() throws {
        // A ClientHello's first bytes: no line end may ever come, so nothing is waited for.
        var tls = HTTPRequestParser()
        tls.append([0x16, 0x03, 0x01])
        #expect(throws: HTTPParseError.tlsOnPlainPort) { try tls.next() }
        #expect(HTTPParseError.tlsOnPlainPort.status == .badRequest)
        var binary = HTTPRequestParser()
        binary.append([0x00])
        #expect(throws: HTTPParseError.malformedRequestLine) { try binary.next() }
        // The same after empty lines, whether they come with it or before it (a fuzz finding).
        var afterBlankLines = HTTPRequestParser()
        afterBlankLines.append(bytes("\n\n\u{0C}p"))
        #expect(throws: HTTPParseError.malformedRequestLine) { try afterBlankLines.next() }
        // Line breaks before a request line, and a method arriving a byte at a time, still wait.
        var patient = HTTPRequestParser()
        patient.append(bytes("\r\n\r\nG"))
        #expect(try patient.next() == nil)
        patient.append(bytes("ET / HTTP/1.1\r\n\r\n"))
        #expect(try patient.next() != nil)
    }

    @Test func parserRejectsHeadersOverLimitWith431() {
        let filler = String(repeating: "a", count: 8 * 1024)
        let error = parseError("GET / HTTP/1.1\r\nX-Filler: \(filler)\r\n\r\n")
        #expect(error == .headersTooLarge)
        #expect(error?.status == .requestHeaderFieldsTooLarge)
        #expect(error?.code == "headers_too_large")
    }

    @Test func parserRejectsARequestLineOverLimitWith431() {
        let path = "/" + String(repeating: "p", count: 9 * 1024)
        #expect(parseError("GET \(path) HTTP/1.1\r\n\r\n") == .headersTooLarge)
    }

    @Test func parserRejectsOversizedHeadersBeforeTheHeadEnds() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxHeaderBytes: 100))
        parser.append(bytes("GET / HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: 90)))
        #expect(throws: HTTPParseError.headersTooLarge) { try parser.next() }
    }

    @Test func parserAcceptsAHeadExactlyAtTheByteLimit() {
        let head = "GET / HTTP/1.1\r\nA: b\r\n\r\n"
        #expect(parse(head, limits: HTTPParserLimits(maxHeaderBytes: head.utf8.count)).error == nil)
        #expect(parse(head, limits: HTTPParserLimits(maxHeaderBytes: head.utf8.count - 1)).error == .headersTooLarge)
    }

    @Test func parserRejectsHeaderCountOverLimitWith431() {
        let fields = (0...100).map { "X-\($0): v\r\n" }.joined()
        let error = parseError("GET / HTTP/1.1\r\n\(fields)\r\n")
        #expect(error == .tooManyHeaders)
        #expect(error?.status.code == 431)
        let atLimit = (0..<100).map { "X-\($0): v\r\n" }.joined()
        #expect(parseError("GET / HTTP/1.1\r\n\(atLimit)\r\n") == nil)
    }

    @Test func parserRejectsContentLengthOverLimitWith413() {
        let error = parseError("POST / HTTP/1.1\r\nContent-Length: \(1024 * 1024 + 1)\r\n\r\n")
        #expect(error == .bodyTooLarge)
        #expect(error?.status == .contentTooLarge)
        #expect(error?.code == "body_too_large")
    }

    @Test func parserRejectsChunkedBodyOverLimitWith413() {
        let chunk = String(repeating: "z", count: 0x8000)
        let chunks = String(repeating: "8000\r\n\(chunk)\r\n", count: 33)
        #expect(parseError("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\(chunks)0\r\n\r\n") == .bodyTooLarge)
    }

    @Test(arguments: [
        "Content-Length: abc", "Content-Length: -1", "Content-Length: 1.5", "Content-Length:",
        "Content-Length: +5", "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 5, 6",
        "Content-Length: 0x10",
    ])
    func parserRejectsInvalidContentLengthWith400(field: String) {
        let error = parseError("POST / HTTP/1.1\r\n\(field)\r\n\r\n")
        #expect(error == .invalidContentLength)
        #expect(error?.status == .badRequest)
    }

    @Test(arguments: [
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
        "Transfer-Encoding: gzip\r\nContent-Length: 5",
    ])
    func parserRejectsContentLengthWithTransferEncodingWith400(fields: String) {
        #expect(parseError("POST / HTTP/1.1\r\n\(fields)\r\n\r\n") == .contentLengthWithTransferEncoding)
    }

    @Test(arguments: ["gzip", "gzip, chunked", "chunked, gzip", "deflate", "identity"])
    func parserRejectsUnknownTransferCodingsWith501(codings: String) {
        let error = parseError("POST / HTTP/1.1\r\nTransfer-Encoding: \(codings)\r\n\r\n")
        #expect(error == .unsupportedTransferEncoding)
        #expect(error?.status == .notImplemented)
        #expect(error?.code == "unsupported_transfer_encoding")
    }

    @Test(arguments: [
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding:\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
    ])
    func parserRejectsInvalidTransferEncodingWith400(request: String) {
        #expect(parseError(request) == .invalidTransferEncoding)
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3.0"])
    func parserRejectsOtherVersionsWith505(version: String) {
        let error = parseError("GET / \(version)\r\n\r\n")
        #expect(error == .unsupportedVersion)
        #expect(error?.status == .httpVersionNotSupported)
        #expect(error?.code == "version_not_supported")
    }

    @Test(arguments: [
        "GET /\r\n\r\n", "GET\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1 \r\n\r\n",
        " GET / HTTP/1.1\r\n\r\n", "GET / http/1.1\r\n\r\n", "GET / HTTP/1\r\n\r\n", "GET / HTTP/11.1\r\n\r\n",
        "GET / HTTP/1.1\rX\r\n\r\n", "GET /a b HTTP/1.1\r\n\r\n", "\u{1}\r\n\r\n",
    ])
    func parserRejectsMalformedRequestLinesWith400(request: String) {
        let error = parseError(request)
        #expect(error == .malformedRequestLine)
        #expect(error?.status == .badRequest)
    }

    @Test(arguments: ["G(T / HTTP/1.1\r\n\r\n", "GE\rT / HTTP/1.1\r\n\r\n", "G\u{0}T / HTTP/1.1\r\n\r\n"])
    func parserRejectsInvalidMethodsWith400(request: String) {
        #expect(parseError(request) == .invalidMethod)
    }

    @Test(arguments: [
        "GET a/b HTTP/1.1\r\n\r\n", "GET ftp://host/x HTTP/1.1\r\n\r\n", "GET http:///x HTTP/1.1\r\n\r\n",
        "GET /caf\u{e9} HTTP/1.1\r\n\r\n", "GET /a\u{7f} HTTP/1.1\r\n\r\n",
    ])
    func parserRejectsInvalidTargetsWith400(request: String) {
        #expect(parseError(request) == .invalidRequestTarget)
    }

    @Test(arguments: [
        ("Bad Name: x", HTTPParseError.invalidHeaderName),
        (": empty name", .invalidHeaderName),
        ("No-Colon", .invalidHeaderName),
        ("Na(me: x", .invalidHeaderName),
        ("Name : x", .whitespaceBeforeColon),
        ("Name\t: x", .whitespaceBeforeColon),
        ("Name: a\u{0}b", .invalidHeaderValue),
        ("Name: a\rb", .invalidHeaderValue),
        ("Name: a\u{7f}", .invalidHeaderValue),
        ("Name: a\u{1b}b", .invalidHeaderValue),
    ])
    func parserRejectsMalformedHeaderFieldsWith400(field: String, error: HTTPParseError) {
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n\(field)\r\n\r\n") == error)
        #expect(error.status == .badRequest)
    }

    @Test(arguments: ["Host: x\r\n folded", "Host: x\r\n\tfolded", " Host: x"])
    func parserRejectsObsoleteLineFoldingWith400(fields: String) {
        #expect(parseError("GET / HTTP/1.1\r\n\(fields)\r\n\r\n") == .obsoleteLineFolding)
    }

    @Test func everyParseErrorMapsToAStatusCodeAndMessage() {
        let all: [HTTPParseError] = [
            .malformedRequestLine, .invalidMethod, .tlsOnPlainPort, .invalidRequestTarget, .unsupportedVersion, .invalidHeaderName,
            .whitespaceBeforeColon, .obsoleteLineFolding, .invalidHeaderValue, .headersTooLarge, .tooManyHeaders,
            .invalidContentLength, .contentLengthWithTransferEncoding, .unsupportedTransferEncoding,
            .invalidTransferEncoding, .bodyTooLarge, .invalidChunkSize, .chunkSizeLineTooLong,
            .missingChunkTerminator, .invalidPathEncoding, .invalidQueryEncoding,
        ]
        for error in all {
            #expect([400, 413, 431, 501, 505].contains(error.status.code))
            #expect(!error.code.isEmpty && !error.message.isEmpty)
        }
    }
}
