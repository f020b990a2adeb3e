/// Entity tags for static files (RFC 9110 §8.8.3) and `If-None-Match` evaluation (§13.1.2).
package enum ETag {
    /// A quoted entity tag from a file's size and modification time:
    /// `"<size>-<seconds>"` or `"<size>-<seconds>.<nanoseconds>"` in lowercase hex, with a `W/`
    /// prefix when `weak`. Size and time change on nearly every edit; use `weak` where identical
    /// bytes cannot be promised (say, content transformed on the way out).
    package static func make(
        size: Int, modificationSeconds: Int, modificationNanoseconds: Int = 0, weak: Bool = false
    ) -> String {
        var tag = weak ? "W/\"" : "\""
        tag += hex(size)
        tag += "-"
        tag += hex(modificationSeconds)
        if modificationNanoseconds != 0 {
            tag += "."
            tag += hex(modificationNanoseconds)
        }
        tag += "\""
        return tag
    }

    /// Whether an `If-None-Match` field value matches `etag` (the current representation's tag), so
    /// the server answers 304 to GET and HEAD. `*` matches any tag; otherwise the value is a list of
    /// entity tags compared weakly (`W/"x"` matches `"x"`). A malformed value matches nothing, so
    /// the full response is sent.
    package static func ifNoneMatch(_ fieldValue: String, matches etag: String) -> Bool {
        let bytes = Array(fieldValue.utf8)
        let current = opaqueTag(Array(etag.utf8)[...])
        var index = 0
        skipWhitespace(bytes, &index)
        if index < bytes.count && bytes[index] == UInt8(ascii: "*") {
            index &+= 1
            skipWhitespace(bytes, &index)
            return index == bytes.count
        }
        var matched = false
        while index < bytes.count {
            // Elements are separated by commas with optional whitespace; empty elements are allowed.
            if bytes[index] == HTTPBytes.comma || HTTPBytes.isWhitespace(bytes[index]) {
                index &+= 1
                continue
            }
            guard let end = entityTagEnd(bytes, from: index) else { return false }
            if let current, opaqueTag(bytes[index..<end]) == current { matched = true }
            index = end
            skipWhitespace(bytes, &index)
            guard index == bytes.count || bytes[index] == HTTPBytes.comma else { return false }
        }
        return matched
    }

    /// Whether any of several `If-None-Match` fields matches `etag`.
    package static func ifNoneMatch(_ fieldValues: [String], matches etag: String) -> Bool {
        fieldValues.contains { ifNoneMatch($0, matches: etag) }
    }

    /// The end of the entity tag (`W/"…"` or `"…"`) starting at `start`, or nil when malformed.
    private static func entityTagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        if bytes.count &- index >= 2 && bytes[index] == UInt8(ascii: "W") && bytes[index &+ 1] == HTTPBytes.slash {
            index &+= 2
        }
        guard index < bytes.count, bytes[index] == HTTPBytes.quote else { return nil }
        index &+= 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == HTTPBytes.quote { return index &+ 1 }
            // etagc: 0x21, 0x23-0x7E and obs-text.
            guard byte == 0x21 || (byte >= 0x23 && byte != 0x7F) else { return nil }
            index &+= 1
        }
        return nil
    }

    /// The quoted part of a tag without any `W/`, for weak comparison; nil when malformed.
    private static func opaqueTag(_ tag: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let quoted = tag.starts(with: "W/".utf8) ? tag.dropFirst(2) : tag
        guard quoted.count >= 2, quoted.first == HTTPBytes.quote, quoted.last == HTTPBytes.quote else { return nil }
        return quoted
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count && HTTPBytes.isWhitespace(bytes[index]) { index &+= 1 }
    }

    private static func hex(_ value: Int) -> String {
        String(UInt64(bitPattern: Int64(value)), radix: 16)
    }
}
