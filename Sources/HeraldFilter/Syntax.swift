/// The parsed form of a filter, before it is checked and compiled; also what the normalized
/// text is printed from.
indirect enum Syntax {
    /// A literal value.
    case literal(Literal, offset: Int)
    /// A field of the event.
    case field(FieldPath, offset: Int)
    /// `[a, b, …]`: only allowed on the right of `in`.
    case list([Syntax], offset: Int)
    /// `!x`.
    case not(Syntax, offset: Int)
    /// `a && b && …` (two or more).
    case and([Syntax])
    /// `a || b || …` (two or more).
    case or([Syntax])
    /// `a OP b` for the six comparison operators.
    case compare(Comparison, Syntax, Syntax, offset: Int)
    /// `a in b`.
    case isIn(Syntax, Syntax, offset: Int)
    /// `has(field)`.
    case has(FieldPath, offset: Int)
    /// `receiver.method(argument)`.
    case method(StringMethod, Syntax, Syntax, offset: Int)

    /// The offset where the expression's text begins, for error columns.
    var offset: Int {
        switch self {
        case .literal(_, let offset), .field(_, let offset), .list(_, let offset), .not(_, let offset),
            .has(_, let offset):
            return offset
        case .and(let terms), .or(let terms): return terms.first?.offset ?? 0
        case .compare(_, let left, _, _), .isIn(let left, _, _), .method(_, let left, _, _): return left.offset
        }
    }
}

/// A literal in a filter.
enum Literal: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    /// UTF-8 bytes.
    case string([UInt8])
}

/// The six comparison operators.
enum Comparison: UInt8, Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    /// The operator as written.
    var symbol: String {
        switch self {
        case .equal: return "=="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        }
    }
}

/// The string methods: `receiver.startsWith(x)` and so on.
enum StringMethod: String, Sendable {
    case startsWith, endsWith, contains
}

/// Where a field lives: one of the envelope's strings, or a path into the JSON `data`.
struct FieldPath: Equatable {
    /// The first name of the path.
    enum Root: String, Equatable {
        case topic, id, data
        case eventType = "event_type"
    }

    /// One step below `data`.
    enum Step: Equatable {
        /// `.name` or `['name']`: an object member (UTF-8 bytes).
        case member([UInt8])
        /// `[n]`: an array element (negative never exists).
        case index(Int)
    }

    /// The root name.
    var root: Root
    /// The steps below `data` (always empty for the other roots).
    var steps: [Step] = []
}
