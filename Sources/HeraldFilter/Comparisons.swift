/// `a OP b` for two general operands.
final class CompareCondition: Condition, @unchecked Sendable {
    let comparison: Comparison
    let left: Operand
    let right: Operand

    init(_ comparison: Comparison, _ left: Operand, _ right: Operand) {
        self.comparison = comparison
        self.left = left
        self.right = right
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        Datum.compare(comparison, left.resolve(event), right.resolve(event))
    }
}

/// `a in [x, y, …]`: whether `a` equals one of the list's values.
final class InListCondition: Condition, @unchecked Sendable {
    let needle: Operand
    let elements: [Operand]

    init(_ needle: Operand, _ elements: [Operand]) {
        self.needle = needle
        self.elements = elements
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        let value = needle.resolve(event)
        if case .missing = value { return false }
        var index = 0
        while index < elements.count {
            if Datum.equal(value, elements[index].resolve(event)) { return true }
            index &+= 1
        }
        return false
    }
}

/// `a in data.list`: whether `a` equals an element of the JSON array (false for anything else).
final class InFieldCondition: Condition, @unchecked Sendable {
    let needle: Operand
    let haystack: Operand

    init(_ needle: Operand, _ haystack: Operand) {
        self.needle = needle
        self.haystack = haystack
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        guard case .array(let first, let count) = haystack.resolve(event) else { return false }
        let value = needle.resolve(event)
        var index = first
        var remaining = count
        while remaining > 0, index >= 0 {
            if Datum.equal(value, event.datum(at: index)) { return true }
            index = event.entries[index].next
            remaining &-= 1
        }
        return false
    }
}

/// `receiver.startsWith(x)`, `.endsWith(x)`, `.contains(x)`: false unless both are strings.
final class MethodCondition: Condition, @unchecked Sendable {
    let method: StringMethod
    let receiver: Operand
    let argument: Operand

    init(_ method: StringMethod, _ receiver: Operand, _ argument: Operand) {
        self.method = method
        self.receiver = receiver
        self.argument = argument
    }

    override func evaluate(_ event: FilterEvent) -> Bool {
        guard case .string(let whole) = receiver.resolve(event), case .string(let part) = argument.resolve(event)
        else { return false }
        switch method {
        case .startsWith: return Bytes.hasPrefix(whole, part)
        case .endsWith: return Bytes.hasSuffix(whole, part)
        case .contains: return Bytes.contains(whole, part)
        }
    }
}
