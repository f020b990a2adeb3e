/// Finds the ends of HTTP/1.1 responses in a keep-alive (possibly
/// pipelined) stream: status line, headers, then a body framed by
/// `Content-Length` or chunked transfer coding, which it skips.
///
/// The publisher needs only each response's status and whether the server
/// will close, so nothing is kept. Incremental: feed it bytes, it says how
/// many it used. Pure.
package struct HTTPResponseScanner {
    /// The longest response head accepted.
    package static let maxHeadBytes = 16 * 1024

    /// A complete response.
    package struct Response: Sendable, Equatable {
        /// The status code.
        package var status: Int
        /// True when the server said `Connection: close`.
        package var closes: Bool
    }

    private enum Phase: Equatable {
        case head
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkTrailer
    }

    private var phase = Phase.head
    private var response = Response(status: 0, closes: false)

    package init() {}

    /// Consumes from the start of `bytes`.
    /// - Returns: the bytes used and the response they completed, if one did.
    ///   Call again with the rest while it uses bytes.
    /// - Throws: `ClientError.badHTTPResponse` for bytes that are not an HTTP/1.1 response.
    package mutating func scan(_ bytes: UnsafeRawBufferPointer) throws(ClientError) -> (used: Int, response: Response?)
    {
        switch phase {
        case .head:
            guard let end = Self.lineEnd(in: bytes, blankLine: true) else {
                guard bytes.count < Self.maxHeadBytes else { throw .badHTTPResponse("head over 16 KiB") }
                return (0, nil)
            }
            let head = try HTTPResponseHeadFields(UnsafeRawBufferPointer(rebasing: bytes[..<end]))
            response = Response(status: head.status, closes: head.closes)
            if head.chunked {
                phase = .chunkSize
            } else if head.hasNoBody {
                return (end, complete())
            } else {
                phase = .body(remaining: head.contentLength ?? 0)
                if head.contentLength == nil && !head.closes {
                    throw .badHTTPResponse("no Content-Length on a keep-alive response")
                }
            }
            let (used, done) = try scan(UnsafeRawBufferPointer(rebasing: bytes[end...]))
            return (end + used, done)
        case .body(let remaining):
            let used = min(remaining, bytes.count)
            if used == remaining { return (used, complete()) }
            phase = .body(remaining: remaining - used)
            return (used, nil)
        case .chunkSize:
            guard let end = Self.lineEnd(in: bytes, blankLine: false) else {
                guard bytes.count < 1024 else { throw .badHTTPResponse("chunk size line too long") }
                return (0, nil)
            }
            var size = 0
            var digits = 0
            for byte in bytes[..<(end - 2)] {
                guard let value = Self.hexValue(byte) else { break }
                guard size < 1 << 40 else { throw .badHTTPResponse("chunk too large") }
                size = size << 4 | value
                digits += 1
            }
            guard digits > 0 else { throw .badHTTPResponse("bad chunk size") }
            phase = size == 0 ? .chunkTrailer : .chunkData(remaining: size + 2)
            let (used, done) = try scan(UnsafeRawBufferPointer(rebasing: bytes[end...]))
            return (end + used, done)
        case .chunkData(let remaining):
            let used = min(remaining, bytes.count)
            phase = used == remaining ? .chunkSize : .chunkData(remaining: remaining - used)
            guard used == remaining else { return (used, nil) }
            let (more, done) = try scan(UnsafeRawBufferPointer(rebasing: bytes[used...]))
            return (used + more, done)
        case .chunkTrailer:
            guard let end = Self.lineEnd(in: bytes, blankLine: false) else { return (0, nil) }
            // Trailer fields are skipped; the empty line ends the message.
            if end == 2 { return (end, complete()) }
            let (used, done) = try scan(UnsafeRawBufferPointer(rebasing: bytes[end...]))
            return (end + used, done)
        }
    }

    private mutating func complete() -> Response {
        phase = .head
        return response
    }

    /// The index just past the first CRLF (or CRLFCRLF when `blankLine`).
    private static func lineEnd(in bytes: UnsafeRawBufferPointer, blankLine: Bool) -> Int? {
        let needed = blankLine ? 4 : 2
        guard bytes.count >= needed else { return nil }
        var index = 0
        while index + needed <= bytes.count {
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A
                && (!blankLine || (bytes[index + 2] == 0x0D && bytes[index + 3] == 0x0A))
            {
                return index + needed
            }
            index += 1
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
