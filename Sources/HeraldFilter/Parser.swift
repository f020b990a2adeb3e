/// A recursive-descent parser from tokens to `Syntax`.
///
/// Precedence, loosest first: `||`, `&&`, `!`, one comparison or `in` (they do not chain), then
/// member access, calls and indexes. Recursion happens only through nesting constructs (`(`,
/// `[`, calls, indexes and `!`), each of which counts towards `FilterLimits.maxDepth`.
struct Parser {
    private var lexer: Lexer
    /// The current (lookahead) token.
    private(set) var token: Token
    /// How many nesting constructs enclose the current token.
    private var depth = 0

    /// Parses a whole filter.
    static func parse(_ bytes: [UInt8]) throws(FilterError) -> Syntax {
        var lexer = Lexer(bytes)
        let first = try lexer.next()
        guard first.kind != .end else { throw FilterError(at: 0, "empty filter") }
        var parser = Parser(lexer: lexer, token: first)
        let syntax = try parser.parseOr()
        guard parser.token.kind == .end else {
            throw FilterError(at: parser.token.offset, "unexpected \(parser.token.quoted)")
        }
        return syntax
    }

    private init(lexer: Lexer, token: Token) {
        self.lexer = lexer
        self.token = token
    }

    mutating func advance() throws(FilterError) {
        token = try lexer.next()
    }

    /// Consumes the current token if it is `kind`, or fails with "expected `what`".
    mutating func expect(_ kind: Token.Kind, _ what: String) throws(FilterError) {
        guard token.kind == kind else { throw FilterError(at: token.offset, "expected \(what) but found \(token.quoted)") }
        try advance()
    }

    /// Enters a nesting construct that starts at the current token.
    mutating func enter() throws(FilterError) {
        guard depth < FilterLimits.maxDepth else {
            throw FilterError(at: token.offset, "nesting deeper than \(FilterLimits.maxDepth)")
        }
        depth &+= 1
    }

    mutating func leave() { depth &-= 1 }

    // MARK: Boolean structure

    mutating func parseOr() throws(FilterError) -> Syntax {
        var terms = [try parseAnd()]
        while token.kind == .or {
            try advance()
            terms.append(try parseAnd())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseAnd() throws(FilterError) -> Syntax {
        var terms = [try parseUnary()]
        while token.kind == .and {
            try advance()
            terms.append(try parseUnary())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parseUnary() throws(FilterError) -> Syntax {
        guard token.kind == .not else { return try parseComparison() }
        let offset = token.offset
        try enter()
        try advance()
        let operand = try parseUnary()
        leave()
        return .not(operand, offset: offset)
    }

    private mutating func parseComparison() throws(FilterError) -> Syntax {
        let left = try parsePostfix()
        let comparison: Comparison?
        switch token.kind {
        case .equal: comparison = .equal
        case .notEqual: comparison = .notEqual
        case .less: comparison = .less
        case .lessEqual: comparison = .lessEqual
        case .greater: comparison = .greater
        case .greaterEqual: comparison = .greaterEqual
        case .identifier("in"): comparison = nil
        default: return left
        }
        let offset = token.offset
        try advance()
        let right = try parsePostfix()
        switch token.kind {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .identifier("in"):
            throw FilterError(at: token.offset, "comparisons do not chain; use parentheses")
        default: break
        }
        if let comparison { return .compare(comparison, left, right, offset: offset) }
        return .isIn(left, right, offset: offset)
    }

    // MARK: Postfix: members, methods, indexes

    private mutating func parsePostfix() throws(FilterError) -> Syntax {
        var expression = try parsePrimary()
        while true {
            if token.kind == .dot {
                try advance()
                guard case .identifier(let name) = token.kind else {
                    throw FilterError(at: token.offset, "expected a name after '.' but found \(token.quoted)")
                }
                let nameOffset = token.offset
                try advance()
                if token.kind == .leftParen {
                    guard let method = StringMethod(rawValue: name) else {
                        throw FilterError(at: nameOffset, "unknown method '\(name)'")
                    }
                    try enter()
                    try advance()
                    let argument = try parseOr()
                    try expect(.rightParen, "')'")
                    leave()
                    expression = .method(method, expression, argument, offset: nameOffset)
                } else {
                    expression = try appendStep(.member(Array(name.utf8)), to: expression, at: nameOffset)
                }
            } else if token.kind == .leftBracket {
                let bracketOffset = token.offset
                try enter()
                try advance()
                let step = try parseIndex()
                try expect(.rightBracket, "']'")
                leave()
                expression = try appendStep(step, to: expression, at: bracketOffset)
            } else {
                return expression
            }
        }
    }

    /// The inside of `[…]` after a field: an integer or a string literal.
    private mutating func parseIndex() throws(FilterError) -> FieldPath.Step {
        var sign = 1.0
        let offset = token.offset
        if token.kind == .minus {
            sign = -1
            try advance()
        }
        switch token.kind {
        case .number(let value) where value.magnitude < 1e15 && value == Double(Int(value)):
            try advance()
            return .index(Int(sign * value))
        case .string(let bytes) where sign > 0:
            try advance()
            return .member(bytes)
        default:
            throw FilterError(at: offset, "an index must be an integer or a string literal")
        }
    }

    /// Adds a step to a `data` field path.
    private func appendStep(_ step: FieldPath.Step, to expression: Syntax, at offset: Int) throws(FilterError)
        -> Syntax
    {
        guard case .field(var path, let start) = expression, path.root == .data else {
            throw FilterError(at: offset, "only data fields have members or elements")
        }
        guard path.steps.count < FilterLimits.maxDepth else {
            throw FilterError(at: offset, "field path deeper than \(FilterLimits.maxDepth)")
        }
        path.steps.append(step)
        return .field(path, offset: start)
    }
}
