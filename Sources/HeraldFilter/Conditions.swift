/// A compiled boolean expression: evaluates to true or false for one event, never failing and
/// never allocating.
class Condition: @unchecked Sendable {
    /// The normalized filter text, on the root node only (set once, before the node is shared):
    /// kept here so that a `CompiledFilter` is a single reference and copying one touches no
    /// other memory than evaluating it does.
    var source = ""

    /// Whether `event` satisfies the condition.
    func evaluate(_ event: FilterEvent) -> Bool { false }
}

/// `true` or `false`.
final class ConstantCondition: Condition, @unchecked Sendable {
    let value: Bool

    init(_ value: Bool) {
        self.value = value
    }

    override func evaluate(_ event: FilterEvent) -> Bool { value }
}

/// `a && b && …`, stopping at the first false.
final class AllCondition: Condition, @unchecked Sendable {
    let terms: [Condition]

    init(_ terms: [Condition]) {
        self.terms = terms
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        var index = 0
        while index < terms.count {
            if !terms[index].evaluate(event) { return false }
            index &+= 1
        }
        return true
    }
}

/// `a && b`: the common two-term case, without an array to walk.
final class BothCondition: Condition, @unchecked Sendable {
    let first: Condition
    let second: Condition

    init(_ first: Condition, _ second: Condition) {
        self.first = first
        self.second = second
    }

    override func evaluate(_ event: FilterEvent) -> Bool { first.evaluate(event) && second.evaluate(event) }
}

/// `a || b`: the common two-term case, without an array to walk.
final class EitherCondition: Condition, @unchecked Sendable {
    let first: Condition
    let second: Condition

    init(_ first: Condition, _ second: Condition) {
        self.first = first
        self.second = second
    }

    override func evaluate(_ event: FilterEvent) -> Bool { first.evaluate(event) || second.evaluate(event) }
}

/// `a || b || …`, stopping at the first true.
final class AnyCondition: Condition, @unchecked Sendable {
    let terms: [Condition]

    init(_ terms: [Condition]) {
        self.terms = terms
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        var index = 0
        while index < terms.count {
            if terms[index].evaluate(event) { return true }
            index &+= 1
        }
        return false
    }
}

/// `!a`.
final class NotCondition: Condition, @unchecked Sendable {
    let operand: Condition

    init(_ operand: Condition) {
        self.operand = operand
    }

    override func evaluate(_ event: FilterEvent) -> Bool { !operand.evaluate(event) }
}

/// A value used as a condition (`data.active`): true only for the boolean `true`.
final class TruthCondition: Condition, @unchecked Sendable {
    let operand: Operand

    init(_ operand: Operand) {
        self.operand = operand
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        if case .bool(true) = operand.resolve(event) { return true }
        return false
    }
}

/// `has(field)`: whether the event has the field (any value, `null` included).
final class HasCondition: Condition, @unchecked Sendable {
    /// The `data` path, or nil for an envelope field.
    let key: PathKey?
    let root: FieldPath.Root

    init(_ path: FieldPath) {
        root = path.root
        key = path.root == .data ? PathKey(path.steps) : nil
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        if let key { return event.find(key) >= 0 }
        return root != .eventType || event.eventTypeRange != nil
    }
}
