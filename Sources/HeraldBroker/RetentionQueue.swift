/// Every retained event in id order (by topic record and sequence), so the global byte
/// bound and the age bound evict the node's oldest event in O(1) amortized.
///
/// Per-topic bounds evict in the middle of this order; their entries become tombstones,
/// skipped when they reach the front. Tombstones are bounded: once they outnumber live
/// entries (and a floor), the queue is compacted in one pass, whose cost is paid for by
/// the evictions that made them. So memory stays within twice the retained event count
/// plus the floor, and no operation is unbounded in amortized time.
/// Not thread-safe: inside the broker lock.
struct RetentionQueue {
    private struct Entry {
        let record: TopicRecord
        let sequence: UInt64

        var isLive: Bool { record.retains(sequence) }
    }

    /// Tombstones tolerated regardless of the live count, so small histories do not compact constantly.
    private static var compactionFloor: Int { 1_024 }

    private var entries = RingBuffer<Entry>()
    private(set) var tombstones = 0

    /// Entries, live or not (for tests).
    var count: Int { entries.count }

    /// Records that `record` retained the event with `sequence`, the newest of the node.
    mutating func append(_ record: TopicRecord, sequence: UInt64) {
        entries.append(Entry(record: record, sequence: sequence))
    }

    /// Records that a retained event was evicted other than through ``removeOldest()``.
    mutating func noteEvictedElsewhere() {
        tombstones += 1
        if tombstones > Swift.max(Self.compactionFloor, entries.count - tombstones) {
            entries.removeAll { !$0.isLive }
            tombstones = 0
        }
    }

    /// The record holding the node's oldest retained event (that event is its oldest).
    mutating func recordOfOldest() -> TopicRecord? {
        while let front = entries.first {
            if front.isLive { return front.record }
            entries.removeFirst()
            tombstones -= 1
        }
        return nil
    }

    /// Drops the front entry after its event was evicted; call right after
    /// ``recordOfOldest()`` returned that event's record and it was evicted.
    mutating func removeOldest() {
        entries.removeFirst()
    }
}
