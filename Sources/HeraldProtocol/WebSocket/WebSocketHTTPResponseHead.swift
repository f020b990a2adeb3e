/// The head of the server's answer to a client's upgrade request: just
/// enough HTTP/1.1 response parsing for `WebSocketClientHandshake`, so the
/// client needs no HTTP codec. Bytes after the head are the first WebSocket
/// frames (Herald sends its welcome at once) and belong to a `WebSocketReader`.
package struct WebSocketHTTPResponseHead: Sendable {
    /// The most bytes a response head may take, blank line included; a
    /// handshake answer is a few hundred bytes, so more means a wrong server.
    package static let maxBytes = 16 * 1024

    /// The status code (101 on success).
    package var status: Int
    /// The headers in order, values whitespace-trimmed.
    package var headers: [(name: String, value: String)]

    /// Parses a response head from the start of `bytes`.
    ///
    /// - Returns: the head and how many bytes it took (through the blank
    ///   line), or `nil` if the blank line has not arrived yet.
    /// - Throws: `malformedResponse` for a status line other than
    ///   `HTTP/1.x NNN reason` or a header line without `name:` (obsolete
    ///   line folding included); `responseHeadTooLarge` past `maxBytes`.
    package static func parse(
        _ bytes: some Collection<UInt8>
    ) throws(WebSocketClientHandshakeError) -> (head: WebSocketHTTPResponseHead, consumedBytes: Int)? {
        let window = Array(bytes.prefix(maxBytes))
        guard let headEnd = endOfHead(in: window) else {
            if window.count >= maxBytes { throw .responseHeadTooLarge }
            return nil
        }
        var lines = window[..<(headEnd - 4)].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line in line.last == UInt8(ascii: "\r") ? line.dropLast() : line }
        guard !lines.isEmpty else { throw .malformedResponse }
        let status = try parseStatusLine(lines.removeFirst())
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedResponse }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            guard WebSocketHeaderSyntax.isToken(name) else { throw .malformedResponse }
            let value = WebSocketHeaderSyntax.trimmed(Substring(String(decoding: line[(colon + 1)...], as: UTF8.self)))
            headers.append((name, String(value)))
        }
        return (WebSocketHTTPResponseHead(status: status, headers: headers), headEnd)
    }

    /// The index just past the first CR LF CR LF, if any.
    private static func endOfHead(in bytes: [UInt8]) -> Int? {
        let terminator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        guard bytes.count >= terminator.count else { return nil }
        for start in 0...(bytes.count - terminator.count) where bytes[start] == 0x0D {
            if bytes[start..<(start + 4)].elementsEqual(terminator) { return start + 4 }
        }
        return nil
    }

    /// The status code from `HTTP/1.x NNN[ reason]`.
    private static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(WebSocketClientHandshakeError) -> Int {
        let prefix = Array("HTTP/1.".utf8)
        let line = Array(line)
        guard line.count >= 12, line.starts(with: prefix),
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[7]), line[8] == UInt8(ascii: " "),
            line.count == 12 || line[12] == UInt8(ascii: " ")
        else { throw .malformedResponse }
        var status = 0
        for digit in line[9..<12] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { throw .malformedResponse }
            status = status * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return status
    }
}
