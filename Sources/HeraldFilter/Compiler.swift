/// Turns checked `Syntax` into the evaluation nodes, refusing what cannot be a condition.
enum Compiler {
    /// Compiles an expression whose value decides the filter (or an operand of `&&`, `||`, `!`).
    static func condition(_ syntax: Syntax) throws(FilterError) -> Condition {
        switch syntax {
        case .literal(.bool(let value), _):
            return ConstantCondition(value)
        case .literal(let literal, let offset):
            throw FilterError(at: offset, "expected a condition but found \(describe(literal))")
        case .list(_, let offset):
            throw FilterError(at: offset, "a list is only allowed after 'in'")
        case .field:
            return TruthCondition(try operand(syntax))
        case .not(let inner, _):
            return NotCondition(try condition(inner))
        case .and(let terms):
            var compiled: [Condition] = []
            for term in terms { compiled.append(try condition(term)) }
            return compiled.count == 2 ? BothCondition(compiled[0], compiled[1]) : AllCondition(compiled)
        case .or(let terms):
            var compiled: [Condition] = []
            for term in terms { compiled.append(try condition(term)) }
            return compiled.count == 2 ? EitherCondition(compiled[0], compiled[1]) : AnyCondition(compiled)
        case .compare(let comparison, let left, let right, _):
            return try compare(comparison, left, right)
        case .isIn(let needle, .list(let elements, _), _):
            var compiled: [Operand] = []
            for element in elements { compiled.append(try operand(element)) }
            return InListCondition(try operand(needle), compiled)
        case .isIn(let needle, let haystack, _):
            return InFieldCondition(try operand(needle), try operand(haystack))
        case .has(let path, _):
            return HasCondition(path)
        case .method(let method, let receiver, let argument, _):
            return MethodCondition(method, try operand(receiver), try operand(argument))
        }
    }

    /// A comparison of two general operands (the program inlines a `data` field against a literal).
    private static func compare(_ comparison: Comparison, _ left: Syntax, _ right: Syntax) throws(FilterError)
        -> Condition
    {
        CompareCondition(comparison, try operand(left), try operand(right))
    }

    /// Compiles an expression used as a value.
    static func operand(_ syntax: Syntax) throws(FilterError) -> Operand {
        switch syntax {
        case .literal(let literal, _):
            return ConstantOperand(literal)
        case .field(let path, _):
            return path.root == .data ? DataFieldOperand(path.steps) : EnvelopeFieldOperand(path.root)
        case .list(_, let offset):
            throw FilterError(at: offset, "a list is only allowed after 'in'")
        default:
            return ConditionOperand(try condition(syntax))
        }
    }

    private static func describe(_ literal: Literal) -> String {
        switch literal {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        }
    }
}
