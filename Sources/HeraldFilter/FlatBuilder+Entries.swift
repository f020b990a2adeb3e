/// Adding entries to the table, and growing it.
extension FlatBuilder {
    /// Adds an entry for the value at the reader, whose key is `bytes[keyStart..<keyStart +
    /// keyCount]`, unless that key is already present. Scalars are read (the reader moves past
    /// them); for an array or object only the kind is recorded and the reader stays at its bracket.
    /// - Returns: the new entry's index, or nil for a duplicate (the reader has not moved).
    mutating func add(_ reader: inout JSONReader, hash: UInt64, keyStart: Int, keyCount: Int) -> Int? {
        if entries.count &* 2 >= slots.count { grow() }
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let other = entries[Int(slots[slot])]
            if other.hash == hash, other.keyCount == keyCount, keysEqual(other.keyStart, keyStart, keyCount) { return nil }
            slot = (slot &+ 1) & mask
        }
        let (word0, word1) = PathHasher.words(bytes[keyStart..<keyStart &+ keyCount])
        var entry = FilterEvent.Entry(
            hash: hash, keyStart: keyStart, keyCount: keyCount, word0: word0, word1: word1, kind: .null)
        switch reader.current {
        case UInt8(ascii: "{"): entry.kind = .object
        case UInt8(ascii: "["): entry.kind = .array
        case UInt8(ascii: "\""):
            let start = bytes.count
            reader.readString(into: &bytes)
            (entry.kind, entry.start, entry.count) = (.string, start, bytes.count &- start)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            (entry.kind, entry.flag) = (.bool, reader.current == UInt8(ascii: "t"))
            reader.skipValue()
        case UInt8(ascii: "n"):
            reader.skipValue()
        default:
            (entry.kind, entry.number) = (.number, reader.readNumber())
        }
        slots[slot] = Int32(truncatingIfNeeded: entries.count)
        entries.append(entry)
        return entries.count &- 1
    }

    private func keysEqual(_ a: Int, _ b: Int, _ count: Int) -> Bool {
        var offset = 0
        while offset < count {
            if bytes[a &+ offset] != bytes[b &+ offset] { return false }
            offset &+= 1
        }
        return true
    }

    /// Doubles the table and re-inserts every entry.
    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count &* 2)
        let mask = slots.count &- 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot &+ 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: index)
        }
    }
}
