/// Splits a filter's bytes into tokens, one at a time, on demand.
///
/// Whitespace is space, tab, CR and LF. Identifiers are ASCII `[A-Za-z_][A-Za-z0-9_]*`; numbers are
/// `digits (. digits)? ([eE] [+-]? digits)?` (the sign is the parser's); strings are quoted with
/// `'` or `"` and decoded by `Lexer+Strings.swift`.
struct Lexer {
    /// The filter text.
    let bytes: [UInt8]
    /// The offset of the next byte to read.
    private(set) var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte at `offset`, or nil past the end.
    func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// Reads the next token.
    mutating func next() throws(FilterError) -> Token {
        while let byte = byte(at: position), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            position &+= 1
        }
        let start = position
        guard let first = byte(at: start) else { return Token(kind: .end, offset: start) }
        let second = byte(at: start &+ 1)
        let kind: Token.Kind
        var length = 1
        switch first {
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "."): kind = .dot
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "=") where second == UInt8(ascii: "="): (kind, length) = (.equal, 2)
        case UInt8(ascii: "!") where second == UInt8(ascii: "="): (kind, length) = (.notEqual, 2)
        case UInt8(ascii: "!"): kind = .not
        case UInt8(ascii: "<") where second == UInt8(ascii: "="): (kind, length) = (.lessEqual, 2)
        case UInt8(ascii: "<"): kind = .less
        case UInt8(ascii: ">") where second == UInt8(ascii: "="): (kind, length) = (.greaterEqual, 2)
        case UInt8(ascii: ">"): kind = .greater
        case UInt8(ascii: "&") where second == UInt8(ascii: "&"): (kind, length) = (.and, 2)
        case UInt8(ascii: "|") where second == UInt8(ascii: "|"): (kind, length) = (.or, 2)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            let text = try scanString()
            return Token(kind: .string(text), offset: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return Token(kind: .number(try scanNumber()), offset: start)
        case _ where Self.isIdentifierStart(first):
            var end = start &+ 1
            while let byte = byte(at: end), Self.isIdentifierStart(byte) || Self.isDigit(byte) { end &+= 1 }
            position = end
            return Token(kind: .identifier(String(decoding: bytes[start..<end], as: UTF8.self)), offset: start)
        case UInt8(ascii: "="):
            throw FilterError(at: start, "'=' is not an operator; use '=='")
        case UInt8(ascii: "&"), UInt8(ascii: "|"):
            throw FilterError(at: start, "unexpected '\(Character(Unicode.Scalar(first)))'; use '&&' or '||'")
        default:
            throw FilterError(at: start, "unexpected character")
        }
        position = start &+ length
        return Token(kind: kind, offset: start)
    }

    /// Scans a number literal at `position`, which is a digit.
    private mutating func scanNumber() throws(FilterError) -> Double {
        let start = position
        var end = skipDigits(from: start)
        if byte(at: end) == UInt8(ascii: "."), let digit = byte(at: end &+ 1), Self.isDigit(digit) {
            end = skipDigits(from: end &+ 1)
        }
        if let e = byte(at: end), e | 0x20 == UInt8(ascii: "e") {
            var index = end &+ 1
            if byte(at: index) == UInt8(ascii: "+") || byte(at: index) == UInt8(ascii: "-") { index &+= 1 }
            guard let digit = byte(at: index), Self.isDigit(digit) else {
                throw FilterError(at: start, "malformed number")
            }
            end = skipDigits(from: index)
        }
        if let next = byte(at: end), Self.isIdentifierStart(next) || next == UInt8(ascii: ".") {
            throw FilterError(at: start, "malformed number")
        }
        position = end
        guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)), value.isFinite else {
            throw FilterError(at: start, "number out of range")
        }
        return value
    }

    private func skipDigits(from start: Int) -> Int {
        var index = start
        while let byte = byte(at: index), Self.isDigit(byte) { index &+= 1 }
        return index
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: "_")
    }

    /// Moves `position` (used by the string scanner).
    mutating func move(to offset: Int) { position = offset }
}

/// One lexical token of a filter, with where it starts.
struct Token: Equatable {
    /// What the token is.
    enum Kind: Equatable {
        /// A name: a field, a function, a method, or one of `in`, `true`, `false`, `null`.
        case identifier(String)
        /// A number literal (without sign) and its source text.
        case number(Double)
        /// A string literal's bytes, escapes decoded (valid UTF-8).
        case string([UInt8])
        case leftParen, rightParen, leftBracket, rightBracket, comma, dot, minus
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case and, or, not
        /// The end of the text.
        case end
    }

    /// The token.
    let kind: Kind
    /// The 0-based byte offset of the token's first byte.
    let offset: Int

    /// How the token is quoted in an error message.
    var quoted: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .number: return "number"
        case .string: return "string"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .minus: return "'-'"
        case .equal: return "'=='"
        case .notEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .and: return "'&&'"
        case .or: return "'||'"
        case .not: return "'!'"
        case .end: return "end of filter"
        }
    }
}
