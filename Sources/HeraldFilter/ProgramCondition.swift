/// The root of every compiled filter: runs a `ProgramBuilder`'s instructions, laid out with
/// their string literals in one block right after the program object.
final class ProgramCondition: Condition, @unchecked Sendable {
    /// The instructions, then the pooled bytes (owned).
    private let block: UnsafeMutableRawPointer
    private let code: UnsafePointer<Instruction>
    /// Keeps the `.node` conditions alive.
    private let nodes: [Condition]

    init(_ builder: ProgramBuilder) {
        let codeBytes = builder.code.count &* MemoryLayout<Instruction>.stride
        block = .allocate(byteCount: codeBytes &+ builder.pool.count, alignment: MemoryLayout<Instruction>.alignment)
        let instructions = block.bindMemory(to: Instruction.self, capacity: builder.code.count)
        _ = UnsafeMutableBufferPointer(start: instructions, count: builder.code.count).initialize(from: builder.code)
        let pool = block + codeBytes
        builder.pool.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { pool.copyMemory(from: base, byteCount: bytes.count) }
        }
        for reference in builder.poolReferences {
            let address = UnsafeRawPointer(pool + reference.offset)
            if reference.isLongKey {
                instructions[reference.instruction].longKey = address
            } else {
                instructions[reference.instruction].pointer = address
            }
        }
        for index in 0..<builder.code.count where instructions[index].kind == .node {
            let node = builder.nodes[Int(instructions[index].number)]
            instructions[index].pointer = UnsafeRawPointer(Unmanaged.passUnretained(node).toOpaque())
        }
        code = UnsafePointer(instructions)
        nodes = builder.nodes
    }

    deinit { block.deallocate() }

    override func evaluate(_ event: FilterEvent) -> Bool {
        var instruction = code
        while true {
            let result: Bool
            switch instruction.pointee.kind {
            case .fieldNumber:
                result = Datum.compare(
                    instruction.pointee.comparison, datum(event, instruction), .number(instruction.pointee.number))
            case .fieldString:
                let literal = UnsafeBufferPointer(
                    start: instruction.pointee.pointer?.assumingMemoryBound(to: UInt8.self),
                    count: Int(instruction.pointee.stringCount))
                result = Datum.compare(instruction.pointee.comparison, datum(event, instruction), .string(literal))
            case .fieldOther:
                let number = instruction.pointee.number
                let literal: Datum = number == 0 ? .null : .bool(number == 2)
                result = Datum.compare(instruction.pointee.comparison, datum(event, instruction), literal)
            case .present:
                result = event.find(instruction) >= 0
            case .always:
                result = true
            case .node:
                guard let pointer = instruction.pointee.pointer else { return false }
                result = Unmanaged<Condition>.fromOpaque(pointer).takeUnretainedValue().evaluate(event)
            }
            let next = result ? instruction.pointee.ifTrue : instruction.pointee.ifFalse
            if next < 0 { return next == Instruction.accept }
            instruction = code + Int(next)
        }
    }

    @inline(__always)
    private func datum(_ event: FilterEvent, _ instruction: UnsafePointer<Instruction>) -> Datum {
        let index = event.find(instruction)
        return index < 0 ? .missing : event.datum(at: index)
    }
}
