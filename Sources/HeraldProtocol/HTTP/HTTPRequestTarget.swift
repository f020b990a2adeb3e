/// Splitting a request-target (RFC 9112 §3.2) into a decoded path and query.
enum HTTPRequestTarget {
    /// The decoded path and query of `target`, whose bytes are not yet checked.
    ///
    /// Origin-form (`/a/b?c=d`) is the normal case; absolute-form (`http://host/a?b`) is accepted for
    /// robustness, its scheme and authority dropped; asterisk-form (`*`) only for OPTIONS.
    static func parse(
        _ target: UnsafeBufferPointer<UInt8>, method: HTTPMethod
    ) throws(HTTPParseError) -> (path: String, query: [HTTPQueryItem]) {
        guard let first = target.first, target.allSatisfy(HTTPBytes.isVisibleASCII) else {
            throw .invalidRequestTarget
        }
        if target.count == 1 && first == UInt8(ascii: "*") {
            guard method == .options else { throw .invalidRequestTarget }
            return ("*", [])
        }
        let pathStart = first == HTTPBytes.slash ? 0 : try absoluteFormPathStart(target)
        let queryMark = ByteSearch.firstIndex(of: HTTPBytes.questionMark, in: target, from: pathStart, to: target.count)
        let rawPath = UnsafeBufferPointer(rebasing: target[pathStart..<(queryMark ?? target.count)])

        let path: String
        if rawPath.isEmpty {
            path = "/"  // `http://host` and `http://host?x`
        } else {
            guard let decoded = PercentDecoding.decodeString(rawPath, plusAsSpace: false),
                !decoded.utf8.contains(0)
            else { throw .invalidPathEncoding }
            path = decoded
        }

        guard let queryMark else { return (path, []) }
        let rawQuery = UnsafeBufferPointer(rebasing: target[(queryMark &+ 1)...])
        guard let query = HTTPQueryItem.parse(rawQuery) else { throw .invalidQueryEncoding }
        return (path, query)
    }

    /// For `http://authority/path`, the offset of the path (or of `?`, or the end). Throws unless the
    /// scheme is http or https and the authority is not empty.
    private static func absoluteFormPathStart(_ target: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        let authorityStart: Int
        if hasPrefixIgnoringCase(target, "http://") {
            authorityStart = 7
        } else if hasPrefixIgnoringCase(target, "https://") {
            authorityStart = 8
        } else {
            throw .invalidRequestTarget
        }
        var index = authorityStart
        while index < target.count && target[index] != HTTPBytes.slash && target[index] != HTTPBytes.questionMark {
            index &+= 1
        }
        guard index > authorityStart else { throw .invalidRequestTarget }
        return index
    }

    private static func hasPrefixIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        bytes.count >= prefix.utf8.count
            && HTTPBytes.equalsIgnoringCase(bytes.prefix(prefix.utf8.count), prefix.utf8)
    }
}
