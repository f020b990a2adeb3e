/// The idempotency keys of one topic still inside the dedupe window, with the outcome
/// of their first publish.
///
/// Keys leave in insertion order, which is also expiry order (the broker's clock never
/// goes backwards), so expiry and the count bound both pop the front: O(1) amortized,
/// no tombstones. Not thread-safe: inside the broker lock.
struct IdempotencyWindow {
    private struct Remembered {
        let outcome: PublishOutcome
        let expiresAt: UInt64
    }

    private var outcomes: [IdempotencyKey: Remembered] = [:]
    private var order = RingBuffer<IdempotencyKey>()

    var isEmpty: Bool { outcomes.isEmpty }
    var count: Int { outcomes.count }

    /// The first outcome for `key`, if it is still inside the window at `now`.
    func outcome(for key: IdempotencyKey, now: UInt64) -> PublishOutcome? {
        guard let remembered = outcomes[key], remembered.expiresAt > now else { return nil }
        return remembered.outcome
    }

    /// Remembers `outcome` for `key` until `now + limits.windowMillis`, forgetting the
    /// oldest key first when the topic already holds `limits.maxKeysPerTopic`.
    /// `key` must not be inside the window already.
    mutating func remember(_ key: IdempotencyKey, outcome: PublishOutcome, now: UInt64, limits: IdempotencyLimits) {
        guard limits.maxKeysPerTopic > 0, limits.windowMillis > 0 else { return }
        expire(now: now)
        while outcomes.count >= limits.maxKeysPerTopic, let oldest = order.removeFirst() {
            outcomes[oldest] = nil
        }
        let (expiresAt, overflow) = now.addingReportingOverflow(limits.windowMillis)
        outcomes[key] = Remembered(outcome: outcome, expiresAt: overflow ? .max : expiresAt)
        order.append(key)
    }

    /// Forgets the keys whose window has closed at `now`.
    mutating func expire(now: UInt64) {
        while let oldest = order.first {
            if let remembered = outcomes[oldest], remembered.expiresAt > now { return }
            order.removeFirst()
            outcomes[oldest] = nil
        }
    }
}
