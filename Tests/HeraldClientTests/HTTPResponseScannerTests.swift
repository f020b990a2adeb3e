import HeraldClient
import Testing

@Suite struct HTTPResponseScannerTests {
    /// Feeds `stream` in pieces of `step` bytes, keeping unused bytes as a client would.
    private func responses(in stream: String, step: Int) throws(ClientError) -> [HTTPResponseScanner.Response] {
        var scanner = HTTPResponseScanner()
        var pending: [UInt8] = []
        var found: [HTTPResponseScanner.Response] = []
        let bytes = Array(stream.utf8)
        var index = 0
        while index < bytes.count {
            pending += bytes[index..<min(index + step, bytes.count)]
            index += step
            while true {
                let outcome = pending.withUnsafeBytes { buffer in
                    Result { () throws(ClientError) in try scanner.scan(buffer) }
                }
                let (used, response) = try outcome.get()
                pending.removeFirst(used)
                if let response { found.append(response) }
                if used == 0 && response == nil { break }
            }
        }
        return found
    }

    static let pipelined =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"id\":\"1\"}\n"
        + "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"
        + "HTTP/1.1 413 Payload Too Large\r\nCONTENT-LENGTH: 2\r\nConnection: close\r\n\r\n{}"

    @Test(arguments: [1, 2, 7, 64, 4096])
    func findsPipelinedResponsesAtAnySplit(step: Int) throws {
        let found = try responses(in: Self.pipelined, step: step)
        #expect(found.map(\.status) == [200, 202, 204, 413])
        #expect(found.map(\.closes) == [false, false, false, true])
    }

    @Test func rejectsWhatIsNotHTTP() {
        #expect(throws: ClientError.self) { try responses(in: "SSH-2.0-OpenSSH\r\n\r\n", step: 100) }
        #expect(throws: ClientError.self) {
            try responses(in: "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", step: 100)
        }
    }
}
