/// Byte classes and ASCII helpers shared by the HTTP parser, encoder and header lookups (RFC 9110 §5.6).
enum HTTPBytes {
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let horizontalTab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
    static let slash: UInt8 = 0x2F
    static let questionMark: UInt8 = 0x3F
    static let percent: UInt8 = 0x25
    static let plus: UInt8 = 0x2B
    static let ampersand: UInt8 = 0x26
    static let equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C

    /// `tchar` as a bitmap over 0...127: `!#$%&'*+-.^_`|~`, digits and letters.
    private static let tokenBytesBelow64: UInt64 = 0x03FF_6CFA_0000_0000
    private static let tokenBytesFrom64: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// `tchar`: the characters of methods, header names and transfer codings.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        if byte < 64 { return tokenBytesBelow64 >> byte & 1 == 1 }
        if byte < 128 { return tokenBytesFrom64 >> (byte &- 64) & 1 == 1 }
        return false
    }

    /// A byte allowed inside a field value: visible ASCII, space, tab and obs-text (0x80...0xFF).
    /// Excludes NUL, CR, LF, the other controls and DEL.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == horizontalTab
    }

    /// Space or horizontal tab: optional whitespace (OWS) around field values and list elements.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == horizontalTab
    }

    /// A visible ASCII character (VCHAR), the alphabet of a request-target.
    static func isVisibleASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    /// Lowercases an ASCII letter; every other byte is returned unchanged.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The value of a decimal digit, or nil.
    static func decimalValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte &- UInt8(ascii: "0")) : nil
    }

    /// The value of a hexadecimal digit, or nil.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }

    /// ASCII case-insensitive equality of two byte sequences.
    static func equalsIgnoringCase(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (left, right) in zip(lhs, rhs) where lowercased(left) != lowercased(right) {
            return false
        }
        return true
    }

    /// ASCII case-insensitive equality of two strings (header names, tokens); compares contiguous
    /// UTF-8 directly when both strings have it, as native strings do.
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        let contiguous = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<left.count where lowercased(left[index]) != lowercased(right[index]) {
                    return false
                }
                return true
            }
        }
        return (contiguous ?? nil) ?? equalsIgnoringCase(lhs.utf8, rhs.utf8)
    }

    /// Whether a comma-separated list (`keep-alive, Upgrade`) has `token` as one of its elements,
    /// compared case-insensitively.
    static func list(_ list: String, containsToken token: String) -> Bool {
        ListElements(list).contains { equalsIgnoringCase($0, token.utf8) }
    }

    /// The elements of a comma-separated field value (RFC 9110 §5.6.1), each trimmed of optional
    /// whitespace; empty elements are included. Iterating allocates nothing.
    struct ListElements: Sequence, IteratorProtocol {
        private var rest: Substring.UTF8View
        private var finished = false

        init(_ value: String) {
            rest = Substring(value).utf8
        }

        mutating func next() -> Substring.UTF8View? {
            guard !finished else { return nil }
            let end = rest.firstIndex(of: HTTPBytes.comma) ?? rest.endIndex
            var element = rest[rest.startIndex..<end]
            if end == rest.endIndex {
                finished = true
            } else {
                rest = rest[rest.index(after: end)...]
            }
            while let first = element.first, HTTPBytes.isWhitespace(first) { element = element.dropFirst() }
            while let last = element.last, HTTPBytes.isWhitespace(last) { element = element.dropLast() }
            return element
        }
    }

    /// Appends the decimal digits of a non-negative integer without building a `String`.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        let value = max(value, 0)
        // The largest power of ten not above `value`; `divisor * 10 <= value` cannot overflow.
        var divisor = 1
        while value / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / divisor % 10))
            divisor /= 10
        }
    }
}
