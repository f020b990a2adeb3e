/// Primary expressions: literals, fields, `has(…)`, parentheses and lists.
extension Parser {
    mutating func parsePrimary() throws(FilterError) -> Syntax {
        let offset = token.offset
        switch token.kind {
        case .number(let value):
            try advance()
            return .literal(.number(value), offset: offset)
        case .minus:
            try advance()
            guard case .number(let value) = token.kind else {
                throw FilterError(at: offset, "'-' must be followed by a number")
            }
            try advance()
            return .literal(.number(-value), offset: offset)
        case .string(let bytes):
            try advance()
            return .literal(.string(bytes), offset: offset)
        case .leftParen:
            try enter()
            try advance()
            let inner = try parseOr()
            try expect(.rightParen, "')'")
            leave()
            return inner
        case .leftBracket:
            try enter()
            try advance()
            var elements: [Syntax] = []
            if token.kind != .rightBracket {
                elements.append(try parseOr())
                while token.kind == .comma {
                    try advance()
                    elements.append(try parseOr())
                }
            }
            try expect(.rightBracket, "',' or ']'")
            leave()
            return .list(elements, offset: offset)
        case .identifier(let name):
            return try parseName(name, at: offset)
        default:
            throw FilterError(at: offset, "expected a value but found \(token.quoted)")
        }
    }

    /// A name at the start of a primary: a keyword literal, a field root, or `has(…)`.
    private mutating func parseName(_ name: String, at offset: Int) throws(FilterError) -> Syntax {
        try advance()
        switch name {
        case "true": return .literal(.bool(true), offset: offset)
        case "false": return .literal(.bool(false), offset: offset)
        case "null": return .literal(.null, offset: offset)
        case "in": throw FilterError(at: offset, "expected a value but found 'in'")
        default: break
        }
        if token.kind == .leftParen {
            guard name == "has" else { throw FilterError(at: offset, "unknown function '\(name)'") }
            try enter()
            try advance()
            let argumentOffset = token.offset
            let argument = try parseOr()
            guard case .field(let path, _) = argument else {
                throw FilterError(at: argumentOffset, "has() takes a field, such as has(data.x)")
            }
            try expect(.rightParen, "')'")
            leave()
            return .has(path, offset: offset)
        }
        guard let root = FieldPath.Root(rawValue: name) else {
            throw FilterError(at: offset, "unknown field '\(name)'")
        }
        return .field(FieldPath(root: root), offset: offset)
    }
}
