/// Prints `Syntax` as normalized filter text: single spaces around binary operators, single
/// quotes, canonical numbers and only the parentheses the structure needs. Compiling the printed
/// text gives the same text again.
enum Printer {
    /// Binding strength: 1 `||`, 2 `&&`, 3 `!`, 4 comparison and `in`, 5 everything else.
    private static func level(_ syntax: Syntax) -> Int {
        switch syntax {
        case .or: return 1
        case .and: return 2
        case .not: return 3
        case .compare, .isIn: return 4
        default: return 5
        }
    }

    /// The text of `syntax`, parenthesized if it binds more loosely than `minimum`.
    static func text(_ syntax: Syntax, minimum: Int = 1) -> String {
        let inner = bareText(syntax)
        return level(syntax) < minimum ? "(" + inner + ")" : inner
    }

    private static func bareText(_ syntax: Syntax) -> String {
        switch syntax {
        case .literal(let literal, _): return text(literal)
        case .field(let path, _): return text(path)
        case .list(let elements, _): return "[" + elements.map { text($0) }.joined(separator: ", ") + "]"
        case .not(let inner, _): return "!" + text(inner, minimum: 3)
        case .and(let terms): return terms.map { text($0, minimum: 3) }.joined(separator: " && ")
        case .or(let terms): return terms.map { text($0, minimum: 2) }.joined(separator: " || ")
        case .compare(let comparison, let left, let right, _):
            return text(left, minimum: 5) + " " + comparison.symbol + " " + text(right, minimum: 5)
        case .isIn(let left, let right, _): return text(left, minimum: 5) + " in " + text(right, minimum: 5)
        case .has(let path, _): return "has(" + text(path) + ")"
        case .method(let method, let receiver, let argument, _):
            var receiverText = text(receiver, minimum: 5)
            if case .literal(.number, _) = receiver { receiverText = "(" + receiverText + ")" }
            return receiverText + "." + method.rawValue + "(" + text(argument) + ")"
        }
    }

    private static func text(_ literal: Literal) -> String {
        switch literal {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value.magnitude < 1e15, value == Double(Int(value)) { return String(Int(value)) }
            return String(value)
        case .string(let bytes): return quoted(bytes)
        }
    }

    private static func text(_ path: FieldPath) -> String {
        var result = path.root.rawValue
        for step in path.steps {
            switch step {
            case .index(let index): result += "[\(index)]"
            case .member(let name) where isIdentifier(name): result += "." + String(decoding: name, as: UTF8.self)
            case .member(let name): result += "[" + quoted(name) + "]"
            }
        }
        return result
    }

    private static func isIdentifier(_ name: [UInt8]) -> Bool {
        guard let first = name.first, Lexer.isIdentifierStart(first) else { return false }
        return name.allSatisfy { Lexer.isIdentifierStart($0) || Lexer.isDigit($0) }
    }

    /// A single-quoted literal: `\\`, `\'` and control characters escaped.
    private static func quoted(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = [UInt8(ascii: "'")]
        let hex = Array("0123456789abcdef".utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "'"): out += [UInt8(ascii: "\\"), byte]
            case ..<0x20, 0x7F:
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "'"))
        return String(decoding: out, as: UTF8.self)
    }
}
