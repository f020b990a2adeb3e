extension BrokerState {
    /// The part of one topic's history a replay may take.
    private struct ReplaySource {
        let record: TopicRecord
        /// Offset of the first event after `since`.
        let start: Int
        /// Sequences above which the connection's other subscriptions already covered this topic.
        let coveredAfter: [UInt64]

        func isCovered(_ sequence: UInt64) -> Bool {
            coveredAfter.contains { sequence > $0 }
        }
    }

    /// What a replay collected.
    struct CollectedReplay {
        /// In id order.
        var events: [StoredEvent]
        /// History lost some matching event after `since` (evicted, or a topic forgotten).
        var mayHaveMissed: Bool
        /// Older events were left out to keep to ``BrokerConfiguration/maxReplayEvents``.
        var truncated: Bool
    }

    /// Retained events after `sequence` on topics matching `pattern`, in id order, minus
    /// those the connection's `existing` subscriptions already covered, cut to the newest
    /// ``BrokerConfiguration/maxReplayEvents``.
    func collectReplay(
        of pattern: TopicPattern, after sequence: UInt64, excluding existing: [TopicPattern: Subscription]
    ) -> CollectedReplay {
        var sources: [ReplaySource] = []
        var available = 0
        var mayHaveMissed = forgottenThrough > sequence
        topicTree.forEachMatch(of: pattern) { record in
            if record.evictedThrough > sequence { mayHaveMissed = true }
            let start = record.firstOffset(after: sequence)
            guard start < record.history.count else { return }
            available += record.history.count - start
            let covering = existing.filter { $0.key.matches(record.topic) }.map(\.value.coveredAfter)
            sources.append(ReplaySource(record: record, start: start, coveredAfter: covering))
        }

        let limit = max(0, configuration.maxReplayEvents)
        guard available > limit else {
            var events: [StoredEvent] = []
            events.reserveCapacity(available)
            for source in sources {
                for offset in source.start..<source.record.history.count {
                    let retained = source.record.history[offset]
                    if !source.isCovered(retained.sequence) { events.append(retained.event) }
                }
            }
            if sources.count > 1 { events.sort { $0.id.sequence < $1.id.sequence } }
            return CollectedReplay(events: events, mayHaveMissed: mayHaveMissed, truncated: false)
        }
        let (events, truncated) = newest(limit, from: sources)
        return CollectedReplay(events: events, mayHaveMissed: mayHaveMissed, truncated: truncated)
    }

    /// The newest `limit` uncovered events of `sources`, in id order, by merging the
    /// sources from their newest ends through a max-heap: O(taken × log sources) instead
    /// of sorting everything. `truncated` tells whether an uncovered event was left out.
    private func newest(_ limit: Int, from sources: [ReplaySource]) -> (events: [StoredEvent], truncated: Bool) {
        // Heap of (source index, offset of its next-newest event), ordered by that event's sequence.
        var heap: [(source: Int, offset: Int)] = sources.indices.map { ($0, sources[$0].record.history.count - 1) }
        func sequence(_ entry: (source: Int, offset: Int)) -> UInt64 {
            sources[entry.source].record.history[entry.offset].sequence
        }
        func siftDown(_ index: Int) {
            var parent = index
            while true {
                var largest = parent
                let left = 2 * parent + 1
                let right = left + 1
                if left < heap.count && sequence(heap[left]) > sequence(heap[largest]) { largest = left }
                if right < heap.count && sequence(heap[right]) > sequence(heap[largest]) { largest = right }
                guard largest != parent else { return }
                heap.swapAt(parent, largest)
                parent = largest
            }
        }
        for index in stride(from: heap.count / 2, through: 0, by: -1) { siftDown(index) }

        var taken: [StoredEvent] = []
        taken.reserveCapacity(limit)
        while let top = heap.first {
            let source = sources[top.source]
            let retained = source.record.history[top.offset]
            if !source.isCovered(retained.sequence) {
                if taken.count == limit { return (taken.reversed(), true) }
                taken.append(retained.event)
            }
            if top.offset > source.start {
                heap[0].offset -= 1
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
        return (taken.reversed(), false)
    }
}
