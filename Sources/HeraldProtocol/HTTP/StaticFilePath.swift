/// Maps a request path to a file under the static root (`Public/`), refusing anything that could
/// reach outside it or expose hidden files. The server answers 404 for a refused path.
package enum StaticFilePath {
    /// The longest path accepted, in bytes. 1 KiB: Herald's own files have short names.
    package static let maxPathBytes = 1024
    /// The longest path segment accepted, in bytes: NAME_MAX on Linux.
    package static let maxSegmentBytes = 255
    /// The file served for `/` and for a path ending in `/`.
    package static let indexFileName = "index.html"

    /// The path relative to the static root for an already percent-decoded request path, or nil
    /// when it must not be served.
    ///
    /// `/` gives `index.html`, `/herald.js` gives `herald.js`, `/docs/` gives `docs/index.html`.
    /// Refused: a path not starting with `/`; empty segments (`//etc`, `/a//b`); any segment starting
    /// with `.` (so `.`, `..` and hidden files such as `/.git/config`); NUL, other control bytes,
    /// backslashes and `%` anywhere; paths over ``maxPathBytes`` or segments over ``maxSegmentBytes``.
    /// Percent-decoding must happen before: `/%2e%2e/` arrives here as `/../` and is refused; a `%`
    /// left after decoding (`/%252e%252e/`) is refused too, so a second decoding elsewhere cannot
    /// turn it into a traversal.
    package static func resolve(_ decodedPath: String) -> String? {
        let bytes = decodedPath.utf8
        guard bytes.first == HTTPBytes.slash, bytes.count <= maxPathBytes else { return nil }
        guard bytes.allSatisfy(isAllowedByte) else { return nil }

        let segments = bytes.dropFirst().split(separator: HTTPBytes.slash, omittingEmptySubsequences: false)
        var relative = ""
        relative.reserveCapacity(bytes.count &+ indexFileName.utf8.count)
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count &- 1
            if segment.isEmpty {
                // Only the segment after a trailing slash may be empty: it names the directory's index.
                guard isLast else { return nil }
                relative += indexFileName
                break
            }
            guard segment.first != UInt8(ascii: "."), segment.count <= maxSegmentBytes else { return nil }
            relative += String(decoding: segment, as: UTF8.self)
            if !isLast { relative += "/" }
        }
        return relative
    }

    /// Not NUL or another control byte, not DEL, not a backslash, not `%`.
    private static func isAllowedByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x7F && byte != HTTPBytes.backslash && byte != HTTPBytes.percent
    }
}
