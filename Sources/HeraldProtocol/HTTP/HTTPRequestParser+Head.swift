/// Reading a request head: finding its end within the limits, then the request line, header
/// fields and body framing.
extension HTTPRequestParser {
    /// A parsed head and how its body is framed.
    struct ParsedHead {
        /// The request, body still empty.
        var request: HTTPRequest
        /// The phase that reads the body, or nil when there is none.
        var framing: Phase?
        /// `Expect: 100-continue` on an HTTP/1.1 request.
        var expectsContinue: Bool
        /// Bytes of the head, line breaks and final empty line included.
        var byteCount: Int
    }

    /// The buffered head, consumed, or nil when it is not all buffered yet.
    mutating func readHead() throws(HTTPParseError) -> ParsedHead? {
        guard let headLength = try findEndOfHead() else { return nil }
        let start = readIndex
        let limits = limits
        let parsed = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try Self.parseHead(UnsafeBufferPointer(rebasing: bytes[start..<(start &+ headLength)]), limits: limits)
        }
        consume(headLength)
        lineStart = 0
        lineCount = 0
        headsRead &+= 1
        return parsed
    }

    /// The length of the head through its final empty line, or nil when that line has not arrived.
    /// Counts lines and bytes as they arrive so an oversized head fails before it is all buffered.
    private mutating func findEndOfHead() throws(HTTPParseError) -> Int? {
        while true {
            // Again after each empty line skipped: the request line starts after them.
            try checkFirstByte()
            switch findLineFeed(within: limits.maxHeaderBytes) {
            case .needMoreBytes:
                return nil
            case .beyondLimit:
                throw .headersTooLarge
            case .found(let lineFeed):
                let lineLength = lineFeed &- lineStart
                let isEmptyLine =
                    lineLength == 0
                    || (lineLength == 1 && buffer[readIndex &+ lineStart] == HTTPBytes.carriageReturn)
                if !isEmptyLine {
                    lineCount &+= 1
                    // The first line is the request line, not a header field.
                    if lineCount &- 1 > limits.maxHeaderCount { throw .tooManyHeaders }
                    lineStart = lineFeed &+ 1
                } else if lineCount == 0 {
                    // Empty lines before a request line are ignored (RFC 9112 §2.2).
                    consume(lineFeed &+ 1)
                    lineStart = 0
                } else {
                    return lineFeed &+ 1
                }
            }
        }
    }

    /// Refuses at once a connection whose first byte is a control or non-ASCII byte (a TLS
    /// ClientHello sent to the plain port, another protocol), instead of waiting until the
    /// header timeout for a line end that binary input may never contain. Only the first
    /// request is checked: bytes after an upgrade belong to the new protocol.
    private func checkFirstByte() throws(HTTPParseError) {
        guard headsRead == 0, lineCount == 0, lineStart == 0, readIndex < buffer.count else { return }
        let first = buffer[readIndex]
        // Line breaks before a request line are allowed (RFC 9112 §2.2); anything printable
        // is left to the request-line parser, which names what is wrong with it.
        guard first < HTTPBytes.space || first >= 0x7F, first != HTTPBytes.carriageReturn,
            first != HTTPBytes.lineFeed
        else { return }
        throw first == Self.tlsHandshakeRecordType ? .tlsOnPlainPort : .malformedRequestLine
    }

    /// The first byte of a TLS record carrying a handshake (a ClientHello opens with it).
    static let tlsHandshakeRecordType: UInt8 = 0x16

    /// Parses a complete head: lines ending in LF (optionally CR LF), the last one empty.
    static func parseHead(
        _ head: UnsafeBufferPointer<UInt8>, limits: HTTPParserLimits
    ) throws(HTTPParseError) -> ParsedHead {
        var position = 0
        var requestLine: (method: HTTPMethod, target: Range<Int>, version: HTTPVersion)?
        var fields: [HTTPHeaders.Field] = []
        while let lineFeed = ByteSearch.firstIndex(of: HTTPBytes.lineFeed, in: head, from: position, to: head.count) {
            var lineEnd = lineFeed
            if lineEnd > position && head[lineEnd &- 1] == HTTPBytes.carriageReturn { lineEnd &-= 1 }
            let line = position..<lineEnd
            position = lineFeed &+ 1
            if line.isEmpty { break }
            if requestLine == nil {
                requestLine = try parseRequestLine(head, line)
            } else {
                fields.append(try parseField(head, line))
            }
        }
        guard let requestLine else { throw .malformedRequestLine }

        let headers = HTTPHeaders(fields)
        let target = UnsafeBufferPointer(rebasing: head[requestLine.target])
        let (path, query) = try HTTPRequestTarget.parse(target, method: requestLine.method)
        let framing = try bodyFraming(headers, version: requestLine.version, limits: limits)
        let expectsContinue =
            requestLine.version == .http1_1 && framing != nil
            && headers.containsToken("100-continue", in: "expect")
        let request = HTTPRequest(
            method: requestLine.method,
            target: String(decoding: target, as: UTF8.self),
            path: path,
            query: query,
            version: requestLine.version,
            headers: headers
        )
        return ParsedHead(request: request, framing: framing, expectsContinue: expectsContinue, byteCount: position)
    }

    /// `method SP request-target SP HTTP-version`, single spaces.
    private static func parseRequestLine(
        _ head: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(HTTPParseError) -> (method: HTTPMethod, target: Range<Int>, version: HTTPVersion) {
        guard
            let firstSpace = ByteSearch.firstIndex(
                of: HTTPBytes.space, in: head, from: line.lowerBound, to: line.upperBound),
            let secondSpace = ByteSearch.firstIndex(
                of: HTTPBytes.space, in: head, from: firstSpace &+ 1, to: line.upperBound),
            firstSpace > line.lowerBound, secondSpace > firstSpace &+ 1
        else { throw .malformedRequestLine }

        let method = UnsafeBufferPointer(rebasing: head[line.lowerBound..<firstSpace])
        guard method.allSatisfy(HTTPBytes.isTokenByte) else { throw .invalidMethod }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: head[(secondSpace &+ 1)..<line.upperBound]))
        return (HTTPMethod(token: String(decoding: method, as: UTF8.self)), (firstSpace &+ 1)..<secondSpace, version)
    }

    /// `HTTP/1.1` or `HTTP/1.0`; another `HTTP/d.d` is unsupported (505), anything else malformed (400).
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
            let major = HTTPBytes.decimalValue(bytes[5]), let minor = HTTPBytes.decimalValue(bytes[7])
        else { throw .malformedRequestLine }
        switch (major, minor) {
        case (1, 1): return .http1_1
        case (1, 0): return .http1_0
        default: throw .unsupportedVersion
        }
    }

    /// `name ":" OWS value OWS`. Also used for chunked trailers.
    static func parseField(
        _ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) throws(HTTPParseError) -> HTTPHeaders.Field {
        guard let first = line.first.map({ bytes[$0] }), !HTTPBytes.isWhitespace(first) else {
            throw .obsoleteLineFolding
        }
        guard
            let colon = ByteSearch.firstIndex(
                of: HTTPBytes.colon, in: bytes, from: line.lowerBound, to: line.upperBound),
            colon > line.lowerBound
        else { throw .invalidHeaderName }
        if HTTPBytes.isWhitespace(bytes[colon &- 1]) { throw .whitespaceBeforeColon }
        let name = UnsafeBufferPointer(rebasing: bytes[line.lowerBound..<colon])
        guard name.allSatisfy(HTTPBytes.isTokenByte) else { throw .invalidHeaderName }

        var valueStart = colon &+ 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd && HTTPBytes.isWhitespace(bytes[valueStart]) { valueStart &+= 1 }
        while valueEnd > valueStart && HTTPBytes.isWhitespace(bytes[valueEnd &- 1]) { valueEnd &-= 1 }
        let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd])
        guard value.allSatisfy(HTTPBytes.isFieldValueByte) else { throw .invalidHeaderValue }
        return (name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }
}
