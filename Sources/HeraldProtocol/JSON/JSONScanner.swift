/// The token-level grammar of JSON (RFC 8259) over raw bytes, shared by `JSONValidator` and the
/// parser so that both accept exactly the same texts and report the same errors.
///
/// A cursor over borrowed memory: it allocates nothing, and each `scan…` method starts at the
/// current byte, checks one token and leaves `position` just past it. The structure (arrays,
/// objects, depth) is the caller's business.
struct JSONScanner {
    /// The input; offsets in errors are relative to its start.
    let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to look at.
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// The byte at `position`, or nil at the end of the input.
    var currentByte: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// Moves past the current byte, which the caller has just looked at.
    mutating func advance() {
        position &+= 1
    }

    /// Skips the four whitespace bytes JSON allows between tokens: space, tab, LF and CR.
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position &+= 1
            default: return
            }
        }
    }

    /// An error at the current position, or `unexpectedEnd` when the input ran out there: at the
    /// end of the input every "expected X" is really a truncation.
    func failure(_ reason: JSONError.Reason) -> JSONError {
        JSONError(position < bytes.count ? reason : .unexpectedEnd, at: position)
    }

    /// An error at `offset`, or `unexpectedEnd` at the end of the input if `offset` is past it.
    func failure(_ reason: JSONError.Reason, at offset: Int) -> JSONError {
        offset < bytes.count ? JSONError(reason, at: offset) : JSONError(.unexpectedEnd, at: bytes.count)
    }

    /// Scans an object member's name, the `:` after it and whitespace around that, leaving the
    /// scanner at the member's value.
    /// - Returns: the name's string token (quotes included) and whether it has escapes.
    @discardableResult
    mutating func scanMemberName() throws(JSONError) -> (token: Range<Int>, hasEscapes: Bool) {
        guard currentByte == UInt8(ascii: "\"") else { throw failure(.expectedMemberName) }
        let start = position
        let hasEscapes = try scanString()
        let token = start..<position
        skipWhitespace()
        guard currentByte == UInt8(ascii: ":") else { throw failure(.expectedColon) }
        advance()
        skipWhitespace()
        return (token, hasEscapes)
    }

    // MARK: Literals

    // The literals' bytes read as little-endian words, so that each is checked with one load.
    private static let trueWord: UInt32 = 0x6575_7274  // "true"
    private static let alseWord: UInt32 = 0x6573_6C61  // "alse" of "false"
    private static let nullWord: UInt32 = 0x6C6C_756E  // "null"

    /// Scans `true`, `false` or `null`, whichever the current byte (`t`, `f` or `n`) begins.
    /// - Returns: the literal's value: `true`, `false`, or nil for `null`.
    @discardableResult
    mutating func scanLiteral() throws(JSONError) -> Bool? {
        let start = position
        let first = bytes[start]
        // The word after the first byte is "rue", "alse" or "ull": compare four bytes from the start
        // for true and null, four from the second for false.
        let length = first == UInt8(ascii: "f") ? 5 : 4
        guard bytes.count &- start >= length else {
            throw matchesPrefixOfLiteral(from: start)
                ? JSONError(.unexpectedEnd, at: bytes.count) : JSONError(.invalidLiteral, at: start)
        }
        let word = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start &+ length &- 4, as: UInt32.self))
        let value: Bool?
        switch first {
        case UInt8(ascii: "t") where word == Self.trueWord: value = true
        case UInt8(ascii: "f") where word == Self.alseWord: value = false
        case UInt8(ascii: "n") where word == Self.nullWord: value = nil
        default: throw JSONError(.invalidLiteral, at: start)
        }
        position = start &+ length
        return value
    }

    /// Whether the input from `start` to its end is a proper prefix of the literal it begins.
    private func matchesPrefixOfLiteral(from start: Int) -> Bool {
        let literal: StaticString
        switch bytes[start] {
        case UInt8(ascii: "t"): literal = "true"
        case UInt8(ascii: "f"): literal = "false"
        default: literal = "null"
        }
        return literal.withUTF8Buffer { expected in
            var index = start
            var offset = 0
            while index < bytes.count {
                guard offset < expected.count, bytes[index] == expected[offset] else { return false }
                index &+= 1
                offset &+= 1
            }
            return true
        }
    }

    // MARK: Numbers

    /// Scans a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. No leading `+`,
    /// no leading zeros, no `.5` or `1.`, no `NaN` or `Infinity`; any number of digits and any
    /// exponent (range is the reader's concern, not the syntax's).
    /// - Returns: whether the number is written as an integer (no fraction, no exponent).
    @discardableResult
    mutating func scanNumber() throws(JSONError) -> Bool {
        var index = position
        if bytes[index] == UInt8(ascii: "-") { index &+= 1 }
        guard index < bytes.count else { throw JSONError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "0"):
            index &+= 1
            if index < bytes.count, Self.isDigit(bytes[index]) { throw JSONError(.leadingZero, at: index &- 1) }
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            index = skipDigits(from: index &+ 1)
        default:
            throw JSONError(.invalidNumber, at: index)
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index = try requireDigits(from: index &+ 1)
            isInteger = false
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index &+= 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index &+= 1
            }
            index = try requireDigits(from: index)
            isInteger = false
        }
        position = index
        return isInteger
    }

    /// The offset after one or more digits starting at `start`.
    private func requireDigits(from start: Int) throws(JSONError) -> Int {
        let end = skipDigits(from: start)
        guard end > start else { throw failure(.invalidNumber, at: start) }
        return end
    }

    /// The offset of the first non-digit at or after `start`.
    private func skipDigits(from start: Int) -> Int {
        var index = start
        while index < bytes.count, Self.isDigit(bytes[index]) { index &+= 1 }
        return index
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
