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
