internal import HeraldProtocol

/// Builds a `FilterEvent`'s byte buffer, entry table and hash index from a JSON payload.
///
/// The payload is checked once by `JSONValidator`, then read in one iterative pass (no value
/// tree): every value down to `FilterLimits.maxDepth` steps becomes an entry, depth first, each
/// container linking its children through `Entry.next`. An object's duplicate member names keep
/// the first, as `JSONValue` lookups do.
struct FlatBuilder {
    var bytes: [UInt8] = []
    var entries: [FilterEvent.Entry] = []
    /// Open addressing, at most half full; one empty slot until `flatten` runs.
    var slots: [Int32] = [-1]

    /// Appends bytes and returns where they went.
    mutating func appendBytes(_ source: some Collection<UInt8>) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: source)
        return start..<bytes.count
    }

    /// An open container while reading.
    private struct Frame {
        let entry: Int
        let isObject: Bool
        let hasherState: UInt64
        /// The length of the container's own key (a prefix of `path`).
        let keyCount: Int
        var lastChild = -1
        var count = 0
    }

    /// Indexes the payload; leaves everything empty if it is not one valid JSON document.
    mutating func flatten(_ data: [UInt8]) {
        guard (try? JSONValidator.validate(data, maxDepth: 4_096)) != nil else { return }
        slots = Array(repeating: -1, count: 16)
        bytes.reserveCapacity(bytes.count &+ data.count &* 2)
        data.withUnsafeBufferPointer { input in
            var reader = JSONReader(input: input)
            read(&reader)
        }
    }

    private mutating func read(_ reader: inout JSONReader) {
        var stack: [Frame] = []
        var scratch: [UInt8] = []
        var hasher = PathHasher()
        /// The current value's encoded key, built step by step.
        var path: [UInt8] = []
        var keyStart = bytes.count
        var opened = false
        reader.skipWhitespace()
        while true {
            // At a value whose key has just been appended to `bytes` from `keyStart`.
            let keyCount = path.count
            if let index = add(&reader, hash: hasher.hash, keyStart: keyStart, keyCount: keyCount) {
                if var parent = stack.popLast() {
                    if parent.lastChild >= 0 { entries[parent.lastChild].next = index } else { entries[parent.entry].start = index }
                    parent.lastChild = index
                    parent.count &+= 1
                    stack.append(parent)
                }
                let kind = entries[index].kind
                if kind == .object || kind == .array {
                    if stack.count >= FilterLimits.maxDepth {
                        reader.skipValue()  // too deep to index
                    } else if !reader.enterContainer() {
                        stack.append(
                            Frame(
                                entry: index, isObject: kind == .object, hasherState: hasher.state, keyCount: keyCount))
                        opened = true
                    }
                }
            } else {
                bytes.removeLast(keyCount)  // a duplicate member: the first one stands
                reader.skipValue()
            }
            // After a value: close containers until one has another member or element.
            while true {
                guard let frame = stack.last else { return }
                reader.skipWhitespace()
                if opened || reader.consume(UInt8(ascii: ",")) {
                    opened = false
                    reader.skipWhitespace()
                    path.removeLast(path.count &- frame.keyCount)
                    hasher = PathHasher(state: frame.hasherState)
                    if frame.isObject {
                        scratch.removeAll(keepingCapacity: true)
                        reader.readString(into: &scratch)
                        reader.skipWhitespace()
                        _ = reader.consume(UInt8(ascii: ":"))
                        reader.skipWhitespace()
                        hasher.appendMember(scratch, count: scratch.count, to: &path)
                    } else {
                        hasher.appendIndex(frame.count, to: &path)
                    }
                    keyStart = bytes.count
                    bytes.append(contentsOf: path)
                    break
                }
                reader.skipByte()  // `}` or `]`
                entries[frame.entry].count = frame.count
                stack.removeLast()
            }
        }
    }
}
