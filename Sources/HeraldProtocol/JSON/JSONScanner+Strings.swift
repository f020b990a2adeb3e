/// Strings (RFC 8259 §7): scanning, which checks everything, and decoding, for the parser.
///
/// Decisions: raw bytes below 0x20 are refused (they must be escaped); DEL and every non-ASCII
/// character are allowed raw but must be well-formed UTF-8 (checked by `UTF8Validator`, so
/// overlongs and UTF-8-encoded surrogates are refused); a `\u` escape of a UTF-16 surrogate must be
/// a high surrogate immediately followed by a `\u` low surrogate. RFC 8259 §8.2 lets unpaired
/// surrogates through the grammar, but Herald re-emits JSON to clients whose parsers differ on
/// them, and a Swift `String` cannot hold one, so they are refused (`unpairedSurrogate`).
extension JSONScanner {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Scans a string starting at its opening quote, leaving `position` just past the closing one.
    /// - Returns: whether the string contains escapes (if not, its content is its UTF-8 text).
    @discardableResult
    mutating func scanString() throws(JSONError) -> Bool {
        let count = bytes.count
        var index = position &+ 1
        var hasEscapes = false
        while true {
            // Plain ASCII is the common case: skip it eight bytes at a time. The first byte that is
            // a quote, backslash, control character or non-ASCII stops the skip exactly.
            while count &- index >= 8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let flags = JSONEncoding.escapeFlags(in: word) | word & Self.highBits
                if flags != 0 {
                    index &+= flags.trailingZeroBitCount &>> 3
                    break
                }
                index &+= 8
            }
            guard index < count else { throw JSONError(.unexpectedEnd, at: count) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                position = index &+ 1
                return hasEscapes
            case UInt8(ascii: "\\"):
                hasEscapes = true
                index = try scanEscape(at: index)
            case 0..<0x20:
                throw JSONError(.controlCharacterInString, at: index)
            case 0x80...:
                index = try scanNonASCII(from: index)
            default:
                index &+= 1
            }
        }
    }

    /// Checks the escape whose backslash is at `index`.
    /// - Returns: the offset just past it (past both halves of a surrogate pair).
    private func scanEscape(at index: Int) throws(JSONError) -> Int {
        let next = index &+ 1
        guard next < bytes.count else { throw JSONError(.unexpectedEnd, at: bytes.count) }
        switch bytes[next] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index &+ 2
        case UInt8(ascii: "u"):
            let unit = try hexQuad(at: index &+ 2)
            switch unit {
            case 0xD800...0xDBFF:
                let low = index &+ 6
                // A high surrogate must be followed by `\u` and a low one; end of input is a truncation.
                guard low < bytes.count else { throw JSONError(.unexpectedEnd, at: bytes.count) }
                guard bytes[low] == UInt8(ascii: "\\") else { throw JSONError(.unpairedSurrogate, at: index) }
                guard low &+ 1 < bytes.count else { throw JSONError(.unexpectedEnd, at: bytes.count) }
                guard bytes[low &+ 1] == UInt8(ascii: "u") else { throw JSONError(.unpairedSurrogate, at: index) }
                guard try hexQuad(at: low &+ 2) & 0xFC00 == 0xDC00 else {
                    throw JSONError(.unpairedSurrogate, at: index)
                }
                return index &+ 12
            case 0xDC00...0xDFFF:
                throw JSONError(.unpairedSurrogate, at: index)
            default:
                return index &+ 6
            }
        default:
            throw JSONError(.invalidEscape, at: index)
        }
    }

    /// The value of the four hexadecimal digits starting at `start`.
    private func hexQuad(at start: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for index in start..<start &+ 4 {
            guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: bytes.count) }
            guard let digit = HTTPBytes.hexValue(bytes[index]) else {
                throw JSONError(.invalidUnicodeEscape, at: start &- 2)
            }
            value = value &<< 4 | UInt32(digit)
        }
        return value
    }

    /// Checks the text from the non-ASCII byte at `start` up to the next quote, backslash or control
    /// character. Those are ASCII, so they never sit inside a UTF-8 sequence and the span must be
    /// whole, well-formed UTF-8 on its own: one `UTF8Validator` pass checks it, its own fast path
    /// taking the ASCII between non-ASCII characters.
    /// - Returns: the offset of the byte that ended the span (or the end of the input).
    private func scanNonASCII(from start: Int) throws(JSONError) -> Int {
        var end = start &+ 1
        while bytes.count &- end >= 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: end, as: UInt64.self))
            let flags = JSONEncoding.escapeFlags(in: word)
            if flags != 0 {
                end &+= flags.trailingZeroBitCount &>> 3
                break
            }
            end &+= 8
        }
        while end < bytes.count, !Self.endsPlainText(bytes[end]) { end &+= 1 }
        var validator = UTF8Validator()
        guard validator.validate(UnsafeRawBufferPointer(rebasing: bytes[start..<end])), validator.isComplete else {
            throw JSONError(.invalidUTF8, at: start)
        }
        return end
    }

    /// A quote, a backslash or a control character.
    private static func endsPlainText(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    // MARK: Decoding

    /// The text of the string token occupying `range` (quotes included), which `scanString` has
    /// accepted; `hasEscapes` is what it returned.
    func decodeString(in range: Range<Int>, hasEscapes: Bool) -> String {
        let content = UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound &+ 1..<range.upperBound &- 1])
        guard hasEscapes else { return String(decoding: content, as: UTF8.self) }
        var text: [UInt8] = []
        text.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\"), index &+ 1 < content.count else {
                text.append(byte)
                index &+= 1
                continue
            }
            let escaped = content[index &+ 1]
            index &+= 2
            switch escaped {
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = Self.hexValue(content, at: index)
                index &+= 4
                if scalar & 0xFC00 == 0xD800 {
                    // Scanning guaranteed the low half: `\uDC00`–`\uDFFF` right after.
                    let low = Self.hexValue(content, at: index &+ 2)
                    scalar = 0x10000 &+ (scalar &- 0xD800) &<< 10 &+ (low &- 0xDC00)
                    index &+= 6
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { text.append($0) }
            default: text.append(escaped)  // `"`, `\` and `/` stand for themselves
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The value of four hex digits known to be valid; out-of-range or non-hex input gives garbage,
    /// never a trap.
    private static func hexValue(_ content: UnsafeRawBufferPointer, at start: Int) -> UInt32 {
        var value: UInt32 = 0
        var index = start
        while index < start &+ 4, index < content.count {
            value = value &<< 4 | UInt32(HTTPBytes.hexValue(content[index]) ?? 0)
            index &+= 1
        }
        return value
    }
}
