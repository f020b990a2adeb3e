/// A JSON number as written, and its nearest `Double`.
///
/// JSON numbers have no range or precision limit, so the exact text is kept (to compare, re-emit or
/// read as an integer without rounding); `doubleValue` is for arithmetic and comparisons.
package struct JSONNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The number's exact source text, e.g. `-0`, `1E+5`, `12345678901234567890`.
    package let text: String
    /// The nearest `Double` to the text: infinite when the exponent is too large, zero (with the
    /// sign) when too small.
    package let doubleValue: Double
    /// Whether the text is an integer: no fraction and no exponent.
    package let isInteger: Bool

    /// A number from its text, which must be valid JSON number syntax (as the scanner ensures).
    init(validText text: String, isInteger: Bool) {
        self.text = text
        // The standard library's parser accepts every JSON number and rounds correctly.
        self.doubleValue = Double(text) ?? .nan
        self.isInteger = isInteger
    }

    /// The number as an `Int` when it is whole and within range, computed from the text so that
    /// nothing is rounded: `9007199254740993` and `9007199254740993.0` stay exact, `1e3` and `2.50e1`
    /// are whole; nil for `1.5`, `1e-400` (which rounds to a zero `Double`), `1e400` or anything
    /// beyond `Int`.
    package var intValue: Int? {
        isInteger ? Int(text) : Self.exactInteger(decimal: text)
    }

    /// The integer that a number with a fraction or an exponent stands for, or nil.
    private static func exactInteger(decimal text: String) -> Int? {
        var isNegative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var exponentIsNegative = false
        var part = 0  // 0: integer part, 1: fraction, 2: exponent
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-") where part == 0: isNegative = true
            case UInt8(ascii: "-"): exponentIsNegative = true
            case UInt8(ascii: "."): part = 1
            case UInt8(ascii: "e"), UInt8(ascii: "E"): part = 2
            case UInt8(ascii: "0")...UInt8(ascii: "9") where part == 2:
                // Saturates far beyond any exponent an Int could use.
                exponent = min(exponent &* 10 &+ Int(byte &- UInt8(ascii: "0")), 1_000_000)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if part == 1 { fractionDigits &+= 1 }
                if byte != UInt8(ascii: "0") || !digits.isEmpty { digits.append(byte) }  // no leading zeros
            default: break  // `+`
            }
        }
        guard !digits.isEmpty else { return 0 }
        // The value is digits × 10^scale.
        var scale = (exponentIsNegative ? -exponent : exponent) &- fractionDigits
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            scale &+= 1
        }
        guard scale >= 0, digits.count &+ scale <= 19 else { return nil }
        var integer = isNegative ? "-" : ""
        integer += String(decoding: digits, as: UTF8.self)
        integer += String(repeating: "0", count: scale)
        return Int(integer)
    }

    /// The source text.
    package var description: String { text }
}
