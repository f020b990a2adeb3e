/// An incremental HTTP/1.1 request parser (RFC 9112): bytes in with ``append(_:)``, requests out
/// with ``next()``.
///
/// One growable buffer with a read index holds what has not been consumed; it is compacted when
/// appending, once the consumed prefix is large, never per request. Strings are built only for the
/// request line and header fields; bodies are copied once from the buffer.
///
/// Accepted beyond the strict grammar, as RFC 9112 permits: lone LF line endings (a CR is allowed
/// only right before LF), empty lines before a request line (ignored), absolute-form targets, and
/// list-form `Content-Length: 5, 5`. Refused: obsolete line folding, whitespace before a header
/// colon, control bytes in values, `Content-Length` with `Transfer-Encoding`.
///
/// After ``next()`` throws, the parser is dead: every later call throws the same error, and the
/// server closes the connection after answering it.
///
/// The limits bound what ``next()`` keeps; bytes appended and not yet looked at are the caller's
/// to bound: after each read, call ``next()`` until it returns nil (or throws).
package struct HTTPRequestParser {
    /// What the parser waits for. Offsets kept beside it are relative to `readIndex`, so compaction
    /// never invalidates them.
    enum Phase: Equatable {
        /// A request line and headers.
        case head
        /// The rest of a `Content-Length` body.
        case fixedBody(remaining: Int)
        /// A chunk-size line.
        case chunkSize
        /// The rest of a chunk's data.
        case chunkData(remaining: Int)
        /// The line break after a chunk's data.
        case chunkDataEnd
        /// Trailer lines after the last chunk, up to an empty line.
        case trailers
        /// A parse error; terminal.
        case failed(HTTPParseError)
    }

    /// Once at least this much of the buffer is consumed (and it is at least half the buffer),
    /// `append` moves the unread bytes to the front. 16 KiB: a few requests' worth, so pipelined
    /// streams compact rarely while the buffer stays small.
    static let compactionThresholdBytes = 16 * 1024
    /// A drained buffer keeps its allocation up to this capacity for the next request; above it the
    /// memory (grown for a large body) is released so idle connections stay small. 64 KiB.
    static let retainedCapacityBytes = 64 * 1024

    /// The limits this parser enforces.
    package let limits: HTTPParserLimits

    var buffer: [UInt8] = []
    /// Request heads read so far on this connection.
    var headsRead = 0
    var readIndex = 0
    var phase = Phase.head
    /// Bytes after `readIndex` already searched for a line feed, so a line arriving byte by byte is
    /// scanned once in all.
    var scannedBytes = 0
    /// In the head: the offset of the current line's first byte.
    var lineStart = 0
    /// Head lines (request line included) or trailer lines seen so far.
    var lineCount = 0
    /// The request whose body is being read, its body so far, and what its head cost.
    var pending: HTTPRequest?
    var body: [UInt8] = []
    var pendingHeadBytes = 0
    var pendingHeaderCount = 0
    var pendingExpectsContinue = false
    /// Bytes of trailer lines consumed so far; they count against the head's byte budget.
    var trailerBytes = 0

    /// A parser with the given limits.
    package init(limits: HTTPParserLimits = .default) {
        self.limits = limits
    }

    /// Adds received bytes. Ignored after an error.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard prepareToAppend() else { return }
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes. Ignored after an error.
    package mutating func append(_ bytes: some Collection<UInt8>) {
        guard prepareToAppend() else { return }
        buffer.append(contentsOf: bytes)
    }

    /// The next event the buffered bytes complete, or nil when more bytes are needed.
    package mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        if case .failed(let error) = phase { throw error }
        do throws(HTTPParseError) {
            return try advance()
        } catch {
            phase = .failed(error)
            pending = nil
            body = []
            throw error
        }
    }

    /// Hands over every byte not consumed by a request, and empties the buffer. Call it after the
    /// request that switches protocols (a WebSocket upgrade): frames may have arrived in the same read
    /// as the handshake. Any request still being read is discarded; the parser starts afresh.
    package mutating func takeBufferedBytes() -> [UInt8] {
        let rest = Array(buffer[readIndex...])
        buffer = []
        readIndex = 0
        resetForNextRequest()
        return rest
    }

    /// Whether part of a request is buffered (its head, or its head and part of its body). The server
    /// times this out with 408. False between requests, and after an error.
    package var isMidRequest: Bool {
        switch phase {
        case .head: buffer.count > readIndex
        case .failed: false
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers: true
        }
    }

    /// One step: a head, then as much of its body as is buffered.
    private mutating func advance() throws(HTTPParseError) -> HTTPParserEvent? {
        if phase == .head {
            guard let head = try readHead() else { return nil }
            guard let framing = head.framing else { return .request(head.request) }
            pending = head.request
            pendingHeadBytes = head.byteCount
            pendingHeaderCount = head.request.headers.count
            pendingExpectsContinue = head.expectsContinue
            phase = framing
        }
        guard try readBody() else {
            guard pendingExpectsContinue else { return nil }
            pendingExpectsContinue = false
            return .expectContinue
        }
        guard var request = pending else { return nil }
        request.body = body
        resetForNextRequest()
        return .request(request)
    }

    /// Back to waiting for a head, with no request pending.
    mutating func resetForNextRequest() {
        phase = .head
        scannedBytes = 0
        lineStart = 0
        lineCount = 0
        pending = nil
        body = []
        pendingHeadBytes = 0
        pendingHeaderCount = 0
        pendingExpectsContinue = false
        trailerBytes = 0
    }

    /// Bytes buffered after `readIndex`.
    var availableBytes: Int { buffer.count &- readIndex }

    /// Marks `count` bytes after `readIndex` as read; line scanning restarts after them.
    mutating func consume(_ count: Int) {
        readIndex &+= count
        scannedBytes = 0
    }

    /// Where the next line feed is within the first `maxLength` bytes after `readIndex`.
    enum LineFeedSearch {
        /// At this offset after `readIndex`.
        case found(Int)
        /// Not among the bytes buffered so far, which are fewer than `maxLength`.
        case needMoreBytes
        /// Not within `maxLength` bytes.
        case beyondLimit
    }

    /// Searches for a line feed, resuming after the bytes already searched.
    mutating func findLineFeed(within maxLength: Int) -> LineFeedSearch {
        let searchLength = min(availableBytes, maxLength)
        let start = readIndex &+ scannedBytes
        let end = readIndex &+ searchLength
        let found = buffer.withUnsafeBufferPointer { bytes in
            ByteSearch.firstIndex(of: HTTPBytes.lineFeed, in: bytes, from: start, to: end)
        }
        if let found {
            scannedBytes = found &- readIndex &+ 1
            return .found(found &- readIndex)
        }
        scannedBytes = searchLength
        return searchLength >= maxLength ? .beyondLimit : .needMoreBytes
    }

    /// Compacts or empties the buffer before new bytes go in; false when the parser is dead.
    private mutating func prepareToAppend() -> Bool {
        if case .failed = phase { return false }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= Self.retainedCapacityBytes)
            readIndex = 0
        } else if readIndex >= Self.compactionThresholdBytes && readIndex >= buffer.count / 2 {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
        return true
    }
}
