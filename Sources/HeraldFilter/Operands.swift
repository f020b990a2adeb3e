/// A compiled value expression: resolves to a `Datum` for one event.
///
/// The node classes are immutable after compilation, hence safe to share between threads.
class Operand: @unchecked Sendable {
    /// The value for `event`.
    func resolve(_ event: FilterEvent) -> Datum { .missing }
}

/// A literal; a string's bytes are owned by the node.
final class ConstantOperand: Operand, @unchecked Sendable {
    /// The literal (string datums point into `storage`).
    let datum: Datum
    private let storage: UnsafeMutableBufferPointer<UInt8>

    init(_ literal: Literal) {
        let bytes: [UInt8]
        if case .string(let text) = literal { bytes = text } else { bytes = [] }
        storage = .allocate(capacity: bytes.count)
        _ = storage.initialize(from: bytes)
        switch literal {
        case .null: datum = .null
        case .bool(let value): datum = .bool(value)
        case .number(let value): datum = .number(value)
        case .string: datum = .string(UnsafeBufferPointer(storage))
        }
    }

    deinit { storage.deallocate() }

    override func resolve(_ event: FilterEvent) -> Datum { datum }
}

/// A path below `data`.
final class DataFieldOperand: Operand, @unchecked Sendable {
    let key: PathKey

    init(_ steps: [FieldPath.Step]) {
        key = PathKey(steps)
    }

    override func resolve(_ event: FilterEvent) -> Datum { event.datum(at: key) }
}

/// `topic`, `id` or `event_type`.
final class EnvelopeFieldOperand: Operand, @unchecked Sendable {
    let root: FieldPath.Root

    init(_ root: FieldPath.Root) {
        self.root = root
    }

    override func resolve(_ event: FilterEvent) -> Datum {
        switch root {
        case .topic: return .string(event.text(event.topicRange))
        case .id: return .string(event.text(event.idRange))
        case .eventType: return event.eventTypeRange.map { .string(event.text($0)) } ?? .missing
        case .data: return .missing  // compiled as a DataFieldOperand
        }
    }
}

/// A condition used as a value: `(a < b) == true`.
final class ConditionOperand: Operand, @unchecked Sendable {
    let condition: Condition

    init(_ condition: Condition) {
        self.condition = condition
    }

    override func resolve(_ event: FilterEvent) -> Datum { .bool(condition.evaluate(event)) }
}
