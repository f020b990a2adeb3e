/// A plain model of payloads and filter expressions for the property test: random generation,
/// rendering to JSON and filter text, and a naive recursive evaluator that follows SPEC literally.

/// A deterministic generator (SplitMix64), so that failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A JSON value.
indirect enum JSONModel {
    case null, bool(Bool), number(String, Double), string(String), array([JSONModel]), object([(String, JSONModel)])

    var json: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text, _): return text
        case .string(let text): return "\"" + text + "\""  // the pools need no escaping
        case .array(let elements): return "[" + elements.map(\.json).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { "\"\($0.0)\":\($0.1.json)" }.joined(separator: ",") + "}"
        }
    }
}

/// A path step below `data`.
enum StepModel {
    case member(String), index(Int)
}

/// A value as the reference evaluator sees it.
enum ValueModel {
    case missing, null, bool(Bool), number(Double), string([UInt8]), container
}

/// A filter expression.
indirect enum ExprModel {
    case literal(JSONModel)
    case field([StepModel])
    case topic
    case compare(String, ExprModel, ExprModel)
    case and(ExprModel, ExprModel), or(ExprModel, ExprModel), not(ExprModel)
    case isIn(ExprModel, [JSONModel])
    case has([StepModel])
    case method(String, ExprModel, String)

    var text: String {
        switch self {
        case .literal(.string(let text)): return "'" + text + "'"
        case .literal(let value): return value.json
        case .field(let steps): return "data" + steps.map(Self.stepText).joined()
        case .topic: return "topic"
        case .compare(let op, let a, let b): return "(\(a.text) \(op) \(b.text))"
        case .and(let a, let b): return "(\(a.text) && \(b.text))"
        case .or(let a, let b): return "(\(a.text) || \(b.text))"
        case .not(let a): return "!(\(a.text))"
        case .isIn(let a, let list): return "(\(a.text) in [\(list.map { ExprModel.literal($0).text }.joined(separator: ", "))])"
        case .has(let steps): return "has(data" + steps.map(Self.stepText).joined() + ")"
        case .method(let name, let receiver, let argument): return "(\(receiver.text)).\(name)('\(argument)')"
        }
    }

    private static func stepText(_ step: StepModel) -> String {
        switch step {
        case .member(let name): return "." + name
        case .index(let index): return "[\(index)]"
        }
    }
}
