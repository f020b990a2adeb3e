/// Reading a request body: a fixed length, or chunked (RFC 9112 §7.1) with extensions ignored and
/// trailers read, checked and discarded.
extension HTTPRequestParser {
    /// Reads as much of the pending body as is buffered; true once it is complete.
    mutating func readBody() throws(HTTPParseError) -> Bool {
        while true {
            switch phase {
            case .head, .failed:
                return false
            case .fixedBody(let remaining):
                let count = copyBodyBytes(upTo: remaining)
                guard count == remaining else {
                    phase = .fixedBody(remaining: remaining &- count)
                    return false
                }
                return true
            case .chunkSize:
                guard try readChunkSizeLine() else { return false }
            case .chunkData(let remaining):
                let count = copyBodyBytes(upTo: remaining)
                guard count == remaining else {
                    phase = .chunkData(remaining: remaining &- count)
                    return false
                }
                phase = .chunkDataEnd
            case .chunkDataEnd:
                guard try readChunkDataEnd() else { return false }
            case .trailers:
                switch try readTrailerLine() {
                case .needMoreBytes: return false
                case .field: continue
                case .end: return true
                }
            }
        }
    }

    /// Moves up to `limit` buffered bytes into the body; returns how many.
    private mutating func copyBodyBytes(upTo limit: Int) -> Int {
        let count = min(limit, availableBytes)
        guard count > 0 else { return 0 }
        body.append(contentsOf: buffer[readIndex..<(readIndex &+ count)])
        consume(count)
        return count
    }

    /// `chunk-size [ chunk-ext ] CRLF`; moves to the chunk's data, or to trailers after the last chunk.
    private mutating func readChunkSizeLine() throws(HTTPParseError) -> Bool {
        let lineFeed: Int
        switch findLineFeed(within: limits.maxChunkSizeLineBytes) {
        case .needMoreBytes: return false
        case .beyondLimit: throw .chunkSizeLineTooLong
        case .found(let offset): lineFeed = offset
        }
        let start = readIndex
        let size = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try Self.parseChunkSize(UnsafeBufferPointer(rebasing: bytes[start..<(start &+ lineFeed)]))
        }
        consume(lineFeed &+ 1)
        if size == 0 {
            phase = .trailers
            lineCount = 0
            trailerBytes = 0
            return true
        }
        // `size` may be anything up to Int.max; compare without adding to it.
        guard size <= limits.maxBodyBytes &- body.count else { throw .bodyTooLarge }
        phase = .chunkData(remaining: size)
        return true
    }

    /// The size from a chunk-size line without its LF. Extensions after `;` are ignored but may
    /// not hold control bytes (a bare CR among them). A size over `Int.max` fails the body limit.
    static func parseChunkSize(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var end = line.count
        if end > 0 && line[end &- 1] == HTTPBytes.carriageReturn { end &-= 1 }
        var index = 0
        var size = 0
        while index < end, let digit = HTTPBytes.hexValue(line[index]) {
            let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
            guard !overflow else { throw .bodyTooLarge }
            size = shifted | Int(digit)
            index &+= 1
        }
        guard index > 0 else { throw .invalidChunkSize }
        while index < end && HTTPBytes.isWhitespace(line[index]) { index &+= 1 }
        guard index == end || line[index] == HTTPBytes.semicolon else { throw .invalidChunkSize }
        while index < end {
            guard HTTPBytes.isFieldValueByte(line[index]) else { throw .invalidChunkSize }
            index &+= 1
        }
        return size
    }

    /// The CRLF (or LF) after a chunk's data.
    private mutating func readChunkDataEnd() throws(HTTPParseError) -> Bool {
        guard availableBytes >= 1 else { return false }
        switch buffer[readIndex] {
        case HTTPBytes.lineFeed:
            consume(1)
        case HTTPBytes.carriageReturn:
            guard availableBytes >= 2 else { return false }
            guard buffer[readIndex &+ 1] == HTTPBytes.lineFeed else { throw .missingChunkTerminator }
            consume(2)
        default:
            throw .missingChunkTerminator
        }
        phase = .chunkSize
        return true
    }

    /// What one step through the trailer section found.
    enum TrailerStep {
        case needMoreBytes
        case field
        case end
    }

    /// One trailer line. Trailers share the head's budgets: their bytes add to the head's against
    /// `maxHeaderBytes`, their count to the header count against `maxHeaderCount`.
    private mutating func readTrailerLine() throws(HTTPParseError) -> TrailerStep {
        let budget = max(limits.maxHeaderBytes &- pendingHeadBytes &- trailerBytes, 0)
        let lineFeed: Int
        switch findLineFeed(within: budget) {
        case .needMoreBytes: return .needMoreBytes
        case .beyondLimit: throw .headersTooLarge
        case .found(let offset): lineFeed = offset
        }
        let start = readIndex
        let isEnd = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            var lineEnd = start &+ lineFeed
            if lineEnd > start && bytes[lineEnd &- 1] == HTTPBytes.carriageReturn { lineEnd &-= 1 }
            guard lineEnd > start else { return true }
            _ = try Self.parseField(bytes, start..<lineEnd)
            return false
        }
        consume(lineFeed &+ 1)
        trailerBytes &+= lineFeed &+ 1
        if isEnd { return .end }
        lineCount &+= 1
        if pendingHeaderCount &+ lineCount > limits.maxHeaderCount { throw .tooManyHeaders }
        return .field
    }
}
