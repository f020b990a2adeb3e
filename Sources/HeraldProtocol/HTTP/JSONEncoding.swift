/// JSON string encoding (RFC 8259 §7) appended straight into a byte buffer: for error bodies here,
/// and for the gateway's envelopes, so it is built for speed. Runs of bytes that need no escape are
/// found eight at a time and appended in one copy.
package enum JSONEncoding {
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Appends `string` as a quoted JSON string: `"`, `\` and control characters escaped (`\n`,
    /// `\u001f`), everything else, non-ASCII included, as UTF-8 unchanged.
    package static func appendString(_ string: String, to buffer: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendString(utf8: $0, to: &buffer) }
    }

    /// Appends bytes as a quoted JSON string. They must be valid UTF-8 (validated by the caller):
    /// they are copied through unchanged except for the escapes.
    package static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count &+ bytes.count &+ 2)
        buffer.append(HTTPBytes.quote)
        var runStart = 0
        while let index = firstIndexNeedingEscape(in: bytes, from: runStart) {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            appendEscape(for: bytes[index], to: &buffer)
            runStart = index &+ 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        buffer.append(HTTPBytes.quote)
    }

    /// The escape sequence for one byte that needs one.
    private static func appendEscape(for byte: UInt8, to buffer: inout [UInt8]) {
        buffer.append(HTTPBytes.backslash)
        switch byte {
        case HTTPBytes.quote: buffer.append(HTTPBytes.quote)
        case HTTPBytes.backslash: buffer.append(HTTPBytes.backslash)
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        case HTTPBytes.lineFeed: buffer.append(UInt8(ascii: "n"))
        case HTTPBytes.carriageReturn: buffer.append(UInt8(ascii: "r"))
        case HTTPBytes.horizontalTab: buffer.append(UInt8(ascii: "t"))
        default:
            buffer.append(contentsOf: "u00".utf8)
            hexDigits.withUTF8Buffer { digits in
                buffer.append(digits[Int(byte >> 4)])
                buffer.append(digits[Int(byte & 0x0F)])
            }
        }
    }

    /// Whether a byte must be escaped: a control character, `"` or `\`.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == HTTPBytes.quote || byte == HTTPBytes.backslash
    }

    /// The first byte at or after `start` that needs an escape, or nil.
    private static func firstIndexNeedingEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while bytes.count &- index >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // Flags bytes below 0x20 and bytes equal to `"` or `\`. Each test flags its first hit
                // exactly (borrows only reach higher bytes), so the lowest flag is the first such byte.
                let flags = (below(word, 0x20) | equal(word, HTTPBytes.quote) | equal(word, HTTPBytes.backslash))
                if flags != 0 { return index &+ flags.trailingZeroBitCount / 8 }
                index &+= 8
            }
        }
        while index < bytes.count {
            if needsEscape(bytes[index]) { return index }
            index &+= 1
        }
        return nil
    }

    /// High bit set in each byte of `word` (loaded little-endian) that must be escaped in a JSON
    /// string: a control character, `"` or `\`. The lowest flag marks the first such byte exactly;
    /// flags above it may be spurious. The JSON scanner uses it to skip plain runs of string bytes.
    static func escapeFlags(in word: UInt64) -> UInt64 {
        below(word, 0x20) | equal(word, HTTPBytes.quote) | equal(word, HTTPBytes.backslash)
    }

    /// High bit set in each byte of `word` less than `limit` (limit at most 0x80), above the first
    /// such byte possibly also in others.
    private static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- lowBits &* UInt64(limit)) & ~word & highBits
    }

    /// High bit set in each byte of `word` equal to `byte`, with the same caveat.
    private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (lowBits &* UInt64(byte))
        return (difference &- lowBits) & ~difference & highBits
    }
}
