/// String literals: `'text'` or `"text"`, on one line, with escapes.
///
/// Escapes: `\\` `\'` `\"` `` \` `` `\?` `\a` `\b` `\f` `\n` `\r` `\t` `\v`, `\uXXXX` (not a
/// surrogate) and `\UXXXXXXXX` (a Unicode scalar). The text between the quotes must be valid UTF-8
/// (it is, since it comes from a Swift `String`); control characters must be escaped.
extension Lexer {
    /// Scans the string literal whose opening quote is at `position`.
    /// - Returns: the decoded UTF-8 bytes.
    mutating func scanString() throws(FilterError) -> [UInt8] {
        let start = position
        let quote = bytes[start]
        var index = start &+ 1
        var text: [UInt8] = []
        while true {
            guard let byte = byte(at: index), byte != 0x0A, byte != 0x0D else {
                throw FilterError(at: start, "unterminated string")
            }
            switch byte {
            case quote:
                move(to: index &+ 1)
                return text
            case UInt8(ascii: "\\"):
                index = try decodeEscape(at: index, into: &text)
            case ..<0x20:
                throw FilterError(at: index, "control character in string; escape it")
            default:
                text.append(byte)
                index &+= 1
            }
        }
    }

    /// Decodes the escape whose backslash is at `index`, appending its UTF-8 to `text`.
    /// - Returns: the offset after the escape.
    private func decodeEscape(at index: Int, into text: inout [UInt8]) throws(FilterError) -> Int {
        guard let letter = byte(at: index &+ 1) else { throw FilterError(at: index, "unterminated string") }
        let simple: UInt8?
        switch letter {
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "?"):
            simple = letter
        case UInt8(ascii: "a"): simple = 0x07
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "v"): simple = 0x0B
        default: simple = nil
        }
        if let simple {
            text.append(simple)
            return index &+ 2
        }
        let digits: Int
        switch letter {
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: throw FilterError(at: index, "unknown escape")
        }
        var value: UInt32 = 0
        for offset in 0..<digits {
            guard let hex = byte(at: index &+ 2 &+ offset), let nibble = Self.hexValue(hex) else {
                throw FilterError(at: index, "malformed Unicode escape")
            }
            value = value << 4 | UInt32(nibble)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw FilterError(at: index, "escape is not a Unicode scalar")
        }
        text.append(contentsOf: Array(String(Character(scalar)).utf8))
        return index &+ 2 &+ digits
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }
}
