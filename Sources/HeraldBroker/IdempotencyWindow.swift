/// A validated `Idempotency-Key`: 1 to ``maxBytes`` bytes of any text.
///
/// Keys are remembered per topic for a while (see ``IdempotencyLimits``), so their size
/// is bounded up front to bound that memory.
package struct IdempotencyKey: Hashable, Sendable {
    /// Longest key accepted, in UTF-8 bytes: generous for UUIDs and request hashes while
    /// keeping the per-topic key window small.
    package static let maxBytes = 255

    /// The key as the publisher sent it.
    package let text: String

    /// Throws ``BrokerError/idempotencyKeyInvalid`` (`bad_request`) for an empty or
    /// over-long key.
    package init(validating text: String) throws(BrokerError) {
        let byteCount = text.utf8.count
        guard byteCount > 0, byteCount <= Self.maxBytes else { throw .idempotencyKeyInvalid }
        self.text = text
    }
}

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
