/// Decoding strings (member names and values) from validated JSON.
extension JSONReader {
    /// Reads the string at the current position (its opening quote) and appends its decoded
    /// UTF-8 to `output`.
    mutating func readString(into output: inout [UInt8]) {
        skipByte()
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                skipByte()
                return
            }
            if byte != UInt8(ascii: "\\") {
                // A run of plain bytes, appended at once.
                let start = position
                while position < input.count, input[position] != UInt8(ascii: "\""),
                    input[position] != UInt8(ascii: "\\")
                {
                    skipByte()
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<position]))
                continue
            }
            let escape = position &+ 1 < input.count ? input[position &+ 1] : 0
            skipByte()
            skipByte()
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"): appendUnicodeEscape(into: &output)
            default: output.append(escape)  // `"`, `\` or `/`
            }
        }
    }

    /// Decodes the four hex digits after `\u` (and a following low surrogate's escape).
    private mutating func appendUnicodeEscape(into output: inout [UInt8]) {
        var value = readHex4()
        if value & 0xFC00 == 0xD800, current == UInt8(ascii: "\\"), position &+ 1 < input.count,
            input[position &+ 1] == UInt8(ascii: "u")
        {
            skipByte()
            skipByte()
            let low = readHex4()
            value = 0x10000 &+ ((value & 0x3FF) << 10 | (low & 0x3FF))
        }
        Self.appendUTF8(Unicode.Scalar(value) ?? "\u{FFFD}", to: &output)
    }

    private mutating func readHex4() -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = current
            skipByte()
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte &- UInt8(ascii: "a") &+ 10
            default: nibble = (byte | 0x20) &- UInt8(ascii: "a") &+ 10
            }
            value = value << 4 | UInt32(nibble & 0x0F)
        }
        return value
    }

    /// Appends a scalar's UTF-8 encoding.
    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            output.append(UInt8(truncatingIfNeeded: value))
        case ..<0x800:
            output.append(0xC0 | UInt8(truncatingIfNeeded: value >> 6))
            output.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        case ..<0x10000:
            output.append(0xE0 | UInt8(truncatingIfNeeded: value >> 12))
            output.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        default:
            output.append(0xF0 | UInt8(truncatingIfNeeded: value >> 18))
            output.append(0x80 | UInt8(truncatingIfNeeded: (value >> 12) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        }
    }
}
