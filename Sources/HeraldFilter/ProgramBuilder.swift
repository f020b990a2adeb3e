/// Compiles a filter's boolean structure into `Instruction`s with jumps.
///
/// `a && b` tests `a`, jumps to the false target if it fails, else falls through to `b`; `a || b`
/// is the mirror image; `!a` compiles `a` with its targets swapped. Jumps only go forward, so a
/// program always ends, after at most one test per leaf.
struct ProgramBuilder {
    /// Where a leaf's outcome leads.
    enum Target {
        case accept, reject
        /// A label placed later with `place`.
        case label(Int)
    }

    private(set) var code: [Instruction] = []
    /// String literals and long keys, referenced by offset until the program is laid out.
    private(set) var pool: [UInt8] = []
    /// Instructions whose `pointer` (or `longKey`) is an offset into `pool`.
    private(set) var poolReferences: [(instruction: Int, isLongKey: Bool, offset: Int)] = []
    /// Conditions called by `.node` instructions, kept alive by the program.
    private(set) var nodes: [Condition] = []
    private var labels: [Int] = []
    private var patches: [(instruction: Int, isTrue: Bool, label: Int)] = []

    /// Compiles a whole filter: true leads to `accept`, false to `reject`.
    static func build(_ syntax: Syntax) throws(FilterError) -> ProgramBuilder {
        var builder = ProgramBuilder()
        try builder.generate(syntax, ifTrue: .accept, ifFalse: .reject)
        for patch in builder.patches {
            let position = Int32(truncatingIfNeeded: builder.labels[patch.label])
            if patch.isTrue { builder.code[patch.instruction].ifTrue = position } else {
                builder.code[patch.instruction].ifFalse = position
            }
        }
        return builder
    }

    private mutating func newLabel() -> Int {
        labels.append(-1)
        return labels.count &- 1
    }

    private mutating func place(_ label: Int) { labels[label] = code.count }

    private mutating func generate(_ syntax: Syntax, ifTrue: Target, ifFalse: Target) throws(FilterError) {
        switch syntax {
        case .and(let terms), .or(let terms):
            var isAnd = false
            if case .and = syntax { isAnd = true }
            for term in terms.dropLast() {
                let next = newLabel()
                try generate(term, ifTrue: isAnd ? .label(next) : ifTrue, ifFalse: isAnd ? ifFalse : .label(next))
                place(next)
            }
            if let last = terms.last { try generate(last, ifTrue: ifTrue, ifFalse: ifFalse) }
        case .not(let inner, _):
            try generate(inner, ifTrue: ifFalse, ifFalse: ifTrue)
        case .literal(.bool(let value), _):
            emit(Instruction(kind: .always), ifTrue: value ? ifTrue : ifFalse, ifFalse: ifFalse)
        case .has(let path, _) where path.root == .data:
            var instruction = Instruction(kind: .present)
            setKey(PathKey(path.steps), on: &instruction)
            emit(instruction, ifTrue: ifTrue, ifFalse: ifFalse)
        case .compare(let comparison, .field(let path, _), .literal(let literal, _), _) where path.root == .data:
            emitComparison(comparison, path, literal, ifTrue: ifTrue, ifFalse: ifFalse)
        case .compare(let comparison, .literal(let literal, _), .field(let path, _), _) where path.root == .data:
            emitComparison(comparison.mirrored, path, literal, ifTrue: ifTrue, ifFalse: ifFalse)
        default:
            nodes.append(try Compiler.condition(syntax))
            var instruction = Instruction(kind: .node)
            instruction.number = Double(nodes.count &- 1)  // replaced by the node's address at layout
            emit(instruction, ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    private mutating func emitComparison(
        _ comparison: Comparison, _ path: FieldPath, _ literal: Literal, ifTrue: Target, ifFalse: Target
    ) {
        var instruction: Instruction
        switch literal {
        case .number(let value):
            instruction = Instruction(kind: .fieldNumber)
            instruction.number = value
        case .string(let bytes):
            instruction = Instruction(kind: .fieldString)
            instruction.stringCount = Int32(truncatingIfNeeded: bytes.count)
            poolReferences.append((code.count, false, pool.count))
            pool.append(contentsOf: bytes)
        case .null:
            instruction = Instruction(kind: .fieldOther)
        case .bool(let value):
            instruction = Instruction(kind: .fieldOther)
            instruction.number = value ? 2 : 1
        }
        instruction.comparison = comparison
        setKey(PathKey(path.steps), on: &instruction)
        emit(instruction, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// Sets the key of the instruction about to be emitted, pooling a long key's bytes.
    private mutating func setKey(_ key: PathKey, on instruction: inout Instruction) {
        instruction.setKey(key, longKey: nil)
        if let long = key.long {
            poolReferences.append((code.count, true, pool.count))
            pool.append(contentsOf: UnsafeBufferPointer(long.bytes))
        }
    }

    private mutating func emit(_ instruction: Instruction, ifTrue: Target, ifFalse: Target) {
        var instruction = instruction
        instruction.ifTrue = resolve(ifTrue, isTrue: true)
        instruction.ifFalse = resolve(ifFalse, isTrue: false)
        code.append(instruction)
    }

    /// A target's value now, recording a patch for a label.
    private mutating func resolve(_ target: Target, isTrue: Bool) -> Int32 {
        switch target {
        case .accept: return Instruction.accept
        case .reject: return Instruction.reject
        case .label(let label):
            patches.append((code.count, isTrue, label))
            return 0
        }
    }
}

extension Comparison {
    /// The operator with its operands swapped: `1 < x` is `x > 1`.
    var mirrored: Comparison {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        }
    }
}
