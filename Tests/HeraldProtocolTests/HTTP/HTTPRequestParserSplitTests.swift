import HeraldProtocol
import Testing

/// An input for the split-invariance table: every way of cutting it must parse the same.
struct SplitCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var limits: HTTPParserLimits = .default
    /// What the whole input must give, so a case cannot pass by failing the same way every time.
    var expectedRequests: Int
    var expectedError: HTTPParseError?

    var testDescription: String { name }

    static let all: [SplitCase] = [
        SplitCase(name: "simple GET", input: bytes("GET /a?b=c HTTP/1.1\r\nHost: x\r\n\r\n"), expectedRequests: 1),
        SplitCase(name: "lone LF", input: bytes("GET / HTTP/1.0\nA: b\n\n"), expectedRequests: 1),
        SplitCase(name: "leading empty lines", input: bytes("\r\n\nGET / HTTP/1.1\r\n\r\n"), expectedRequests: 1),
        SplitCase(
            name: "content-length body", input: bytes("POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"),
            expectedRequests: 1),
        SplitCase(
            name: "chunked with extensions and trailers",
            input: bytes(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n"),
            expectedRequests: 1),
        SplitCase(
            name: "pipelined with bodies",
            input: bytes(
                "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 2\r\n\r\nab"
                    + "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nc\r\n0\r\n\r\n"),
            expectedRequests: 3),
        SplitCase(
            name: "expect 100-continue",
            input: bytes("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nxyz"), expectedRequests: 1),
        SplitCase(
            name: "upgrade followed by frame bytes",
            input: bytes("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n") + [0x81, 0x80, 1, 2, 3, 4],
            expectedRequests: 1),
        SplitCase(
            name: "incomplete second request",
            input: bytes("GET / HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc"), expectedRequests: 1),
        SplitCase(
            name: "incomplete chunked body",
            input: bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"), expectedRequests: 0),
        SplitCase(
            name: "head at byte limit", input: bytes("GET / HTTP/1.1\r\nA: \(String(repeating: "b", count: 41))\r\n\r\n"),
            limits: .small, expectedRequests: 1),
        SplitCase(
            name: "head over byte limit", input: bytes("GET / HTTP/1.1\r\nA: \(String(repeating: "b", count: 42))\r\n\r\n"),
            limits: .small, expectedRequests: 0, expectedError: .headersTooLarge),
        SplitCase(
            name: "too many headers", input: bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"),
            limits: .small, expectedRequests: 0, expectedError: .tooManyHeaders),
        SplitCase(
            name: "content-length over limit", input: bytes("POST / HTTP/1.1\r\nContent-Length: 17\r\n\r\n"),
            limits: .small, expectedRequests: 0, expectedError: .bodyTooLarge),
        SplitCase(
            name: "chunked over limit",
            input: bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n123456789\r\n8\r\n"),
            limits: .small, expectedRequests: 0, expectedError: .bodyTooLarge),
        SplitCase(
            name: "chunk size line too long",
            input: bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;abcdefghijk\r\n"),
            limits: .small, expectedRequests: 0, expectedError: .chunkSizeLineTooLong),
        SplitCase(
            name: "trailers over byte limit",
            input: bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nTrailer: abcdef\r\n\r\n"),
            limits: .small, expectedRequests: 0, expectedError: .headersTooLarge),
        SplitCase(
            name: "missing chunk terminator",
            input: bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naXY"), expectedRequests: 0,
            expectedError: .missingChunkTerminator),
        SplitCase(
            name: "bad version", input: bytes("GET / HTTP/2.0\r\n\r\n"), expectedRequests: 0,
            expectedError: .unsupportedVersion),
        SplitCase(
            name: "obsolete folding", input: bytes("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n"), expectedRequests: 0,
            expectedError: .obsoleteLineFolding),
        SplitCase(
            name: "content-length and transfer-encoding",
            input: bytes("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            expectedRequests: 0, expectedError: .contentLengthWithTransferEncoding),
        SplitCase(
            name: "unknown transfer coding", input: bytes("POST / HTTP/1.1\r\nTransfer-Encoding: br\r\n\r\n"),
            expectedRequests: 0, expectedError: .unsupportedTransferEncoding),
        SplitCase(
            name: "error after a good request", input: bytes("GET /ok HTTP/1.1\r\n\r\nGET /%zz HTTP/1.1\r\n\r\n"),
            expectedRequests: 1, expectedError: .invalidPathEncoding),
    ]
}

@Suite struct HTTPRequestParserSplitTests {
    @Test(arguments: SplitCase.all)
    func parserGivesTheSameResultHoweverTheInputIsSplit(_ testCase: SplitCase) {
        let whole = expectSameOutcomeForEverySplit(testCase.input, limits: testCase.limits)
        #expect(whole.requests.count == testCase.expectedRequests)
        #expect(whole.error == testCase.expectedError)
    }
}
