internal import HeraldProtocol

/// Builds a `FilterEvent`'s byte buffer, entry table and hash index from a JSON payload.
///
/// Entries are laid out breadth first so that each container's children are contiguous; an
/// object's duplicate member names keep the first, as `JSONValue` lookups do.
struct FlatBuilder {
    var bytes: [UInt8] = []
    var entries: [FilterEvent.Entry] = []
    /// One empty slot until `flatten` sizes the table.
    var slots: [Int32] = [-1]

    /// Appends bytes and returns where they went.
    mutating func appendBytes(_ source: some Collection<UInt8>) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: source)
        return start..<bytes.count
    }

    /// A container waiting for its children to be added.
    private struct Pending {
        let value: JSONValue
        let entry: Int
        let hasherState: UInt64
        let depth: Int
    }

    /// Parses and flattens the payload; leaves everything empty if it is not JSON.
    mutating func flatten(_ data: [UInt8]) {
        guard let root = try? JSONDocument.parse(data) else { return }
        let capacity = Self.countValues(root)
        var size = 4
        while size < capacity &* 2 { size &<<= 1 }
        slots = Array(repeating: -1, count: size)
        entries.reserveCapacity(capacity)
        let hasher = PathHasher()
        _ = add(root, hasher: hasher, keyStart: bytes.count, keyCount: 0)
        guard root.arrayValue != nil || root.objectMembers != nil else { return }
        var queue = [Pending(value: root, entry: 0, hasherState: hasher.state, depth: 0)]
        var head = 0
        while head < queue.count {
            let item = queue[head]
            head &+= 1
            let first = entries.count
            let parent = entries[item.entry]
            let parentKey = parent.keyStart..<parent.keyStart &+ parent.keyCount
            func addChild(_ value: JSONValue, _ step: (inout PathHasher, inout [UInt8]) -> Void) {
                var hasher = PathHasher(state: item.hasherState)
                var key = Array(bytes[parentKey])
                step(&hasher, &key)
                let keyStart = bytes.count
                bytes.append(contentsOf: key)
                guard let index = add(value, hasher: hasher, keyStart: keyStart, keyCount: key.count) else {
                    bytes.removeLast(key.count)  // a duplicate member name: the first one stands
                    return
                }
                if item.depth &+ 1 < FilterLimits.maxDepth, value.arrayValue != nil || value.objectMembers != nil {
                    queue.append(Pending(value: value, entry: index, hasherState: hasher.state, depth: item.depth &+ 1))
                }
            }
            switch item.value.kind {
            case .object(let members):
                for member in members {
                    let name = member.key.utf8
                    addChild(member.value) { $0.appendMember(name, count: name.count, to: &$1) }
                }
            case .array(let elements):
                for (index, element) in elements.enumerated() {
                    addChild(element) { $0.appendIndex(index, to: &$1) }
                }
            default: break
            }
            entries[item.entry].start = first
            entries[item.entry].count = entries.count &- first
        }
    }

    /// Adds an entry whose key was just appended to `bytes`, unless its key is already present.
    /// - Returns: the new entry's index, or nil for a duplicate.
    private mutating func add(_ value: JSONValue, hasher: PathHasher, keyStart: Int, keyCount: Int) -> Int? {
        let hash = hasher.hash
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let other = entries[Int(slots[slot])]
            if other.hash == hash, other.keyCount == keyCount,
                bytes[other.keyStart..<other.keyStart &+ keyCount].elementsEqual(bytes[keyStart..<keyStart &+ keyCount])
            {
                return nil
            }
            slot = (slot &+ 1) & mask
        }
        let (word0, word1) = PathHasher.words(bytes[keyStart..<keyStart &+ keyCount])
        var entry = FilterEvent.Entry(
            hash: hash, keyStart: keyStart, keyCount: keyCount, word0: word0, word1: word1, kind: .null)
        switch value.kind {
        case .null: break
        case .bool(let flag): (entry.kind, entry.flag) = (.bool, flag)
        case .number(let number): (entry.kind, entry.number) = (.number, number.doubleValue)
        case .string(let text):
            let range = appendBytes(text.utf8)
            (entry.kind, entry.start, entry.count) = (.string, range.lowerBound, range.count)
        case .array: entry.kind = .array
        case .object: entry.kind = .object
        }
        slots[slot] = Int32(truncatingIfNeeded: entries.count)
        entries.append(entry)
        return entries.count &- 1
    }

    /// How many values the payload has down to the depth limit (an upper bound on entries).
    private static func countValues(_ root: JSONValue) -> Int {
        var count = 0
        var stack = [(root, 0)]
        while let (value, depth) = stack.popLast() {
            count &+= 1
            guard depth < FilterLimits.maxDepth else { continue }
            if let elements = value.arrayValue {
                for element in elements { stack.append((element, depth &+ 1)) }
            } else if let members = value.objectMembers {
                for member in members { stack.append((member.value, depth &+ 1)) }
            }
        }
        return count
    }
}
