/// What the broker keeps for one published-to topic: retained history, the idempotency
/// window and counters. Forgotten (dropped from every map) once it retains nothing and
/// holds no live idempotency key, so memory does not grow with the topics ever used.
///
/// A class so the global retention order can point at it. Not thread-safe: it is only
/// reached through the broker's state, inside the broker lock.
final class TopicRecord {
    /// One retained event with what eviction needs to know about it.
    struct Retained {
        let event: StoredEvent
        let sequence: UInt64
        let timestampMillis: UInt64
        let bytes: Int
    }

    let topic: Topic
    /// Contiguous: every event of this topic from `history.first` on is retained.
    private(set) var history = RingBuffer<Retained>()
    private(set) var retainedBytes = 0
    /// The highest sequence evicted from this topic (0: nothing was). Replay after a
    /// `since` below it cannot be complete.
    private(set) var evictedThrough: UInt64 = 0
    private(set) var lastID: EventID?
    private(set) var totalPublished: UInt64 = 0
    var keys = IdempotencyWindow()

    init(topic: Topic) {
        self.topic = topic
    }

    /// Whether nothing needs this record any more.
    var isIdle: Bool { history.isEmpty && keys.isEmpty }

    /// Records a publish and retains its event.
    func append(_ retained: Retained) {
        lastID = retained.event.id
        totalPublished += 1
        history.append(retained)
        retainedBytes += retained.bytes
    }

    /// Evicts the oldest retained event.
    func removeOldest() -> Retained? {
        guard let oldest = history.removeFirst() else { return nil }
        retainedBytes -= oldest.bytes
        evictedThrough = oldest.sequence
        return oldest
    }

    /// Offset in `history` of the first event after `sequence`.
    func firstOffset(after sequence: UInt64) -> Int {
        history.partitionPoint { $0.sequence > sequence }
    }

    /// Whether the event with `sequence` of this topic is still retained.
    func retains(_ sequence: UInt64) -> Bool {
        guard let oldest = history.first, let newest = history.last else { return false }
        return oldest.sequence <= sequence && sequence <= newest.sequence
    }
}
