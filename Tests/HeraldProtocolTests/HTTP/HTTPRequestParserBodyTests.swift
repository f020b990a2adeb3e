import HeraldProtocol
import Testing

@Suite struct HTTPRequestParserBodyTests {
    @Test func parserReadsAContentLengthBody() {
        let outcome = parse("POST /publish/a HTTP/1.1\r\nContent-Length: 11\r\n\r\n{\"a\":\"b c\"}")
        #expect(outcome.requests.first?.body == bytes("{\"a\":\"b c\"}"))
        #expect(outcome.leftover.isEmpty)
    }

    @Test func parserReadsABodyOnAGetOnlyWithContentLength() {
        #expect(parse("GET / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi").requests.first?.body == bytes("hi"))
        let noLength = parse("GET / HTTP/1.1\r\n\r\nhi")
        #expect(noLength.requests.first?.body == [])
        #expect(noLength.leftover == bytes("hi"))
    }

    @Test func parserTreatsContentLengthZeroAsNoBody() {
        let outcome = parse("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        #expect(outcome.requests.count == 1)
        #expect(!outcome.isMidRequest)
    }

    @Test func parserAcceptsRepeatedEqualContentLengths() {
        let outcome = parse("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc")
        #expect(outcome.requests.first?.body == bytes("abc"))
    }

    @Test func parserDecodesAChunkedBody() {
        let outcome = parse(
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n1;name=value;flag\r\n \r\nA \r\n0123456789\r\n0\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.body == bytes("hello 0123456789"))
        #expect(outcome.leftover.isEmpty)
    }

    @Test func parserAcceptsUppercaseHexAndLeadingZerosInChunkSizes() {
        let body = String(repeating: "x", count: 0x1F)
        let outcome = parse("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n001F\r\n\(body)\r\n000\r\n\r\n")
        #expect(outcome.requests.first?.body.count == 0x1F)
    }

    @Test func parserReadsAndDiscardsTrailers() {
        let outcome = parse(
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nDigest: x\r\nExpires: never\r\n\r\n"
                + "GET /next HTTP/1.1\r\n\r\n")
        #expect(outcome.requests.map(\.body) == [bytes("abc"), []])
        #expect(outcome.requests.last?.path == "/next")
        #expect(outcome.requests.first?.headers.contains("digest") == false)
    }

    @Test func parserAcceptsLoneLineFeedsInChunkedFraming() {
        let outcome = parse("POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n2\nab\n0\n\n")
        #expect(outcome.requests.first?.body == bytes("ab"))
    }

    @Test func parserCountsTrailerBytesAgainstTheHeaderLimit() {
        let limits = HTTPParserLimits(maxHeaderBytes: 80)
        let head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"  // 47 bytes
        let fits = parse(head + "0\r\nA: \(String(repeating: "b", count: 26))\r\n\r\n", limits: limits)
        #expect(fits.error == nil)
        let over = parse(head + "0\r\nA: \(String(repeating: "b", count: 27))\r\n\r\n", limits: limits)
        #expect(over.error == .headersTooLarge)
    }

    @Test func parserCountsTrailerFieldsAgainstTheHeaderCount() {
        let limits = HTTPParserLimits(maxHeaderCount: 2)
        let head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parse(head + "0\r\nA: 1\r\n\r\n", limits: limits).error == nil)
        #expect(parse(head + "0\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits).error == .tooManyHeaders)
    }

    @Test func parserValidatesTrailerFields() {
        let head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        #expect(parse(head + "Bad Name: x\r\n\r\n").error == .invalidHeaderName)
        #expect(parse(head + " folded\r\n\r\n").error == .obsoleteLineFolding)
    }

    @Test func parserAcceptsABodyExactlyAtTheLimit() {
        let limits = HTTPParserLimits(maxBodyBytes: 4)
        #expect(parse("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd", limits: limits).error == nil)
        let chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n"
        #expect(parse(chunked, limits: limits).requests.first?.body == bytes("abcd"))
    }

    @Test func parserRejectsAnOversizedContentLengthBeforeTheBodyArrives() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 1024))
        parser.append(bytes("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1025\r\n\r\n"))
        #expect(throws: HTTPParseError.bodyTooLarge) { try parser.next() }
    }

    @Test func parserRejectsAnOversizedChunkBeforeItsDataArrives() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 10))
        parser.append(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\n"))
        #expect(throws: HTTPParseError.bodyTooLarge) { try parser.next() }
    }

    @Test(arguments: [
        "FFFFFFFFFFFFFFFFFFFF", "7FFFFFFFFFFFFFFF", "10000000000000000",
    ])
    func parserRejectsHugeChunkSizesWithoutOverflowing(size: String) {
        let request = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n\(size)\r\n"
        #expect(parseError(request) == .bodyTooLarge)
    }

    @Test func parserRejectsAHugeContentLengthWithoutOverflowing() {
        #expect(parseError("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") == .bodyTooLarge)
    }

    @Test(arguments: [
        ("G\r\nabc\r\n0\r\n\r\n", HTTPParseError.invalidChunkSize),
        ("\r\nabc\r\n0\r\n\r\n", .invalidChunkSize),
        (" 3\r\nabc\r\n0\r\n\r\n", .invalidChunkSize),
        ("3x\r\nabc\r\n0\r\n\r\n", .invalidChunkSize),
        ("3;a\rb\r\nabc\r\n0\r\n\r\n", .invalidChunkSize),
        ("3\r\nabcX\r\n0\r\n\r\n", .missingChunkTerminator),
        ("3\r\nabc\rX0\r\n\r\n", .missingChunkTerminator),
        ("3;\(String(repeating: "e", count: 2000))\r\nabc\r\n0\r\n\r\n", .chunkSizeLineTooLong),
    ])
    func parserRejectsMalformedChunks(chunks: String, error: HTTPParseError) {
        #expect(parseError("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks) == error)
    }
}
