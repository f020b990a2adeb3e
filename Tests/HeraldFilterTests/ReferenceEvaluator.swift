/// The naive evaluator the compiled filters are checked against.
struct ReferenceEvaluator {
    let data: JSONModel
    let topic: String

    func value(_ expression: ExprModel) -> ValueModel {
        switch expression {
        case .literal(let json): return Self.value(of: json)
        case .field(let steps): return lookup(steps).map(Self.value(of:)) ?? .missing
        case .topic: return .string(Array(topic.utf8))
        default: return .bool(test(expression))
        }
    }

    func test(_ expression: ExprModel) -> Bool {
        switch expression {
        case .literal, .field, .topic:
            if case .bool(true) = value(expression) { return true }
            return false
        case .compare(let op, let a, let b):
            let (x, y) = (value(a), value(b))
            switch op {
            case "==": return Self.equal(x, y)
            case "!=": return !Self.equal(x, y)
            case "<": return Self.order(x, y).map { $0 < 0 } ?? false
            case "<=": return Self.order(x, y).map { $0 <= 0 } ?? false
            case ">": return Self.order(x, y).map { $0 > 0 } ?? false
            default: return Self.order(x, y).map { $0 >= 0 } ?? false
            }
        case .and(let a, let b): return test(a) && test(b)
        case .or(let a, let b): return test(a) || test(b)
        case .not(let a): return !test(a)
        case .isIn(let a, let list):
            let x = value(a)
            return list.contains { Self.equal(x, Self.value(of: $0)) }
        case .has(let steps): return lookup(steps) != nil
        case .method(let name, let receiver, let argument):
            guard case .string(let whole) = value(receiver) else { return false }
            let part = Array(argument.utf8)
            switch name {
            case "startsWith": return whole.starts(with: part)
            case "endsWith": return whole.reversed().starts(with: part.reversed())
            default:
                if part.isEmpty { return true }
                guard whole.count >= part.count else { return false }
                return (0...(whole.count - part.count)).contains { Array(whole[$0..<$0 + part.count]) == part }
            }
        }
    }

    private func lookup(_ steps: [StepModel]) -> JSONModel? {
        var current = data
        for step in steps {
            switch (step, current) {
            case (.member(let name), .object(let members)):
                guard let found = members.first(where: { $0.0 == name }) else { return nil }
                current = found.1
            case (.index(let index), .array(let elements)):
                guard index >= 0, index < elements.count else { return nil }
                current = elements[index]
            default: return nil
            }
        }
        return current
    }

    private static func value(of json: JSONModel) -> ValueModel {
        switch json {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(_, let value): return .number(value)
        case .string(let text): return .string(Array(text.utf8))
        case .array, .object: return .container
        }
    }

    private static func equal(_ x: ValueModel, _ y: ValueModel) -> Bool {
        switch (x, y) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        default: return false
        }
    }

    private static func order(_ x: ValueModel, _ y: ValueModel) -> Int? {
        switch (x, y) {
        case (.number(let a), .number(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): return a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        default: return nil
        }
    }
}
