/// A value during evaluation: what a field or literal resolves to for one event.
///
/// Trivial (no reference counting): strings point into the event's or the literal's bytes,
/// which outlive the evaluation.
enum Datum {
    /// A field the event does not have.
    case missing
    case null
    case bool(Bool)
    case number(Double)
    /// UTF-8 bytes.
    case string(UnsafeBufferPointer<UInt8>)
    /// A JSON array in the event: its first element's entry (linked to the others by
    /// `FilterEvent.Entry.next`) and the number of elements.
    case array(first: Int, count: Int)
    /// A JSON object in the event.
    case object

    /// `==` as the filter language defines it: values of the same kind compare equal by value
    /// (numbers as numbers, strings by bytes); anything else (missing, mismatched kinds,
    /// containers) is not equal.
    static func equal(_ left: Datum, _ right: Datum) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return Bytes.equal(a, b)
        default: return false
        }
    }

    /// The order of two values of the same kind (numbers, strings by bytes, `false < true`), or
    /// nil when they cannot be ordered.
    static func order(_ left: Datum, _ right: Datum) -> Int? {
        switch (left, right) {
        case (.number(let a), .number(let b)): return a < b ? -1 : (a == b ? 0 : (a > b ? 1 : nil))
        case (.string(let a), .string(let b)): return Bytes.compare(a, b)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        default: return nil
        }
    }

    /// Applies a comparison operator: a missing field or a kind mismatch makes every operator
    /// false except `!=`, which is true.
    static func compare(_ comparison: Comparison, _ left: Datum, _ right: Datum) -> Bool {
        switch comparison {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        case .less: return (order(left, right) ?? 0) < 0
        case .lessEqual: return (order(left, right) ?? 1) <= 0
        case .greater: return (order(left, right) ?? 0) > 0
        case .greaterEqual: return (order(left, right) ?? -1) >= 0
        }
    }
}
