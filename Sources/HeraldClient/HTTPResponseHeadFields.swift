/// The few facts of an HTTP/1.x response head that framing needs: status,
/// `Content-Length`, chunked coding, and whether the connection closes.
struct HTTPResponseHeadFields {
    var status: Int
    var contentLength: Int?
    var chunked = false
    var closes = false

    /// 1xx, 204 and 304 responses have no body whatever the headers say.
    var hasNoBody: Bool { status < 200 || status == 204 || status == 304 }

    /// Parses `head`, which ends with the blank line. Walks the lines in
    /// place: it runs once per publish, so it must not allocate.
    init(_ head: UnsafeRawBufferPointer) throws(ClientError) {
        var lineStart = 0
        var lineEnd = Self.endOfLine(in: head, from: 0)
        let statusLine = head[lineStart..<lineEnd]
        guard statusLine.count >= 12, statusLine.starts(with: "HTTP/1.".utf8) else {
            throw .badHTTPResponse("bad status line")
        }
        var status = 0
        for offset in 9..<12 {
            let digit = head[offset]
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else {
                throw .badHTTPResponse("bad status code")
            }
            status = status * 10 + Int(digit - UInt8(ascii: "0"))
        }
        self.status = status
        // HTTP/1.0 closes unless it says keep-alive; good enough for a client that asks for 1.1.
        closes = head[7] == UInt8(ascii: "0")
        while lineEnd < head.count {
            lineStart = lineEnd + 1
            lineEnd = Self.endOfLine(in: head, from: lineStart)
            let line = head[lineStart..<lineEnd]
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = line[..<colon]
            let value = Self.trimmed(line[(colon + 1)...])
            if Self.equalsIgnoringCase(name, "content-length") {
                var length = 0
                for digit in value {
                    guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"), length < 1 << 40 else {
                        throw .badHTTPResponse("bad Content-Length")
                    }
                    length = length * 10 + Int(digit - UInt8(ascii: "0"))
                }
                contentLength = length
            } else if Self.equalsIgnoringCase(name, "transfer-encoding") {
                chunked = Self.containsIgnoringCase(value, "chunked")
            } else if Self.equalsIgnoringCase(name, "connection") {
                if Self.containsIgnoringCase(value, "close") { closes = true }
                if Self.containsIgnoringCase(value, "keep-alive") { closes = false }
            }
        }
    }

    /// The index of the next LF at or after `start`, or the end.
    private static func endOfLine(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < bytes.count && bytes[index] != 0x0A { index += 1 }
        return index
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D { slice = slice.dropLast() }
        return slice
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func equalsIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ text: StaticString) -> Bool {
        let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return bytes.count == expected.count && zip(bytes, expected).allSatisfy { lowercased($0) == $1 }
    }

    private static func containsIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ text: StaticString) -> Bool {
        let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        guard bytes.count >= expected.count else { return false }
        var start = bytes.startIndex
        while start + expected.count <= bytes.endIndex {
            if zip(bytes[start..<(start + expected.count)], expected).allSatisfy({ lowercased($0) == $1 }) {
                return true
            }
            start += 1
        }
        return false
    }
}
