/// One step of a compiled filter program: a leaf test and where to go after it.
///
/// A program is the filter's `&&`, `||` and `!` structure compiled to jumps (`!` just swaps a
/// leaf's targets), so evaluating it walks a short contiguous array instead of a tree of objects.
/// The common leaves (a `data` field against a literal, `has(data…)`) are inline; any other leaf
/// calls a tree `Condition`. Trivial, 56 bytes.
struct Instruction {
    /// What the leaf tests.
    enum Kind: UInt8 {
        /// `data.path OP number`.
        case fieldNumber
        /// `data.path OP 'string'`: the literal is `stringCount` bytes at `pointer`.
        case fieldString
        /// `data.path OP null` or `OP true/false` (`number` is 0 for null, 1 for false, 2 for true).
        case fieldOther
        /// `has(data.path)`.
        case present
        /// Always true (`true`; `false` is compiled with its targets swapped).
        case always
        /// Calls the `Condition` at `pointer`.
        case node
    }

    /// Target meaning "the filter matches".
    static let accept: Int32 = -1
    /// Target meaning "the filter does not match".
    static let reject: Int32 = -2

    var kind: Kind
    var comparison: Comparison = .equal
    /// Where to go when the leaf is true, or `accept`/`reject`.
    var ifTrue: Int32 = 0
    /// Where to go when the leaf is false, or `accept`/`reject`.
    var ifFalse: Int32 = 0
    /// The path key's length (`PathKey.count`), or the string literal's length for `fieldString`.
    var keyCount: Int32 = 0
    var stringCount: Int32 = 0
    var hash: UInt64 = 0
    var word0: UInt64 = 0
    var word1: UInt64 = 0
    var number = 0.0
    /// The literal's bytes (`fieldString`), the whole key when longer than 16 bytes (in
    /// `longKey`), or the `Condition` (`node`); all owned by the program.
    var pointer: UnsafeRawPointer? = nil
    var longKey: UnsafeRawPointer? = nil

    init(kind: Kind) {
        self.kind = kind
    }

    /// Fills in a path key.
    mutating func setKey(_ key: PathKey, longKey: UnsafeRawPointer?) {
        hash = key.hash
        keyCount = Int32(truncatingIfNeeded: key.count)
        word0 = key.word0
        word1 = key.word1
        self.longKey = longKey
    }
}

extension FilterEvent {
    /// The index of the entry at an instruction's path, or -1.
    @inline(__always)
    func find(_ instruction: UnsafePointer<Instruction>) -> Int {
        let hash = instruction.pointee.hash
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return -1 }
            let entry = entries[index]
            if entry.hash == hash, entry.keyCount == Int(instruction.pointee.keyCount),
                entry.word0 == instruction.pointee.word0, entry.word1 == instruction.pointee.word1,
                entry.keyCount <= 16 || longKeyMatches(entry, instruction.pointee.longKey)
            {
                return index
            }
            slot = (slot &+ 1) & mask
        }
    }

    private func longKeyMatches(_ entry: Entry, _ key: UnsafeRawPointer?) -> Bool {
        guard let key else { return false }
        let expected = UnsafeBufferPointer(start: key.assumingMemoryBound(to: UInt8.self), count: entry.keyCount)
        return Bytes.equal(text(entry.keyStart..<entry.keyStart &+ entry.keyCount), expected)
    }
}
