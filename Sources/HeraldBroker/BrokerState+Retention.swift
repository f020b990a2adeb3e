extension BrokerState {
    /// Retains the newest event of `record` and applies every history bound.
    mutating func retain(_ retained: TopicRecord.Retained, in record: TopicRecord) {
        record.append(retained)
        retainedBytes += retained.bytes
        retainedEvents += 1
        retention.append(record, sequence: retained.sequence)

        let limits = configuration.history
        while record.history.count > limits.maxEventsPerTopic || record.retainedBytes > limits.maxBytesPerTopic {
            guard evictOldest(of: record) else { break }
            retention.noteEvictedElsewhere()
        }
        while retainedBytes > limits.maxBytesInAll, evictOldestOfNode() {}
    }

    /// Evicts events older than the age bound at `now`, oldest first, in time
    /// proportional to the events evicted (amortized).
    mutating func ageOut(now: UInt64) {
        let maxAge = configuration.history.maxAgeMillis
        guard now >= maxAge else { return }
        let cutoff = now - maxAge
        while let record = retention.recordOfOldest(), let oldest = record.history.first,
            oldest.timestampMillis <= cutoff
        {
            guard evictOldestOfNode() else { return }
        }
    }

    /// Evicts the node's oldest retained event; false when nothing is retained.
    private mutating func evictOldestOfNode() -> Bool {
        guard let record = retention.recordOfOldest(), evictOldest(of: record) else { return false }
        retention.removeOldest()
        forgetIfIdle(record)
        return true
    }

    /// Evicts `record`'s oldest event and updates the totals; false when it had none.
    private mutating func evictOldest(of record: TopicRecord) -> Bool {
        guard let evicted = record.removeOldest() else { return false }
        retainedBytes -= evicted.bytes
        retainedEvents -= 1
        eventsEvicted += 1
        return true
    }

    /// Ages history out and closes expired idempotency windows at `now`, forgetting
    /// topics left idle. Costs the evictions plus one visit per topic with live keys.
    mutating func sweep(now: UInt64) {
        let now = advanceClock(to: now)
        ageOut(now: now)
        for name in keyedTopics {
            guard let record = records[name] else {
                keyedTopics.remove(name)
                continue
            }
            record.keys.expire(now: now)
            if record.keys.isEmpty {
                keyedTopics.remove(name)
                forgetIfIdle(record)
            }
        }
    }
}
