/// Topic → ``Recipients``, as nats-server's sublist cache: entries carry the trie
/// generation they were computed at, and a lookup at another generation is a miss, so
/// any subscribe or unsubscribe invalidates everything in O(1) and a hot topic is
/// re-matched once on its next publish.
///
/// Bounded by entry count and by the connection ids that entries own; when full, an
/// entry is evicted by the CLOCK (second chance) rule: entries hit since the hand last
/// passed are skipped once, so hot topics stay. Not thread-safe: inside the broker lock.
struct MatchCache {
    private struct Slot {
        var topic: String
        var generation: UInt64
        var recipients: Recipients
        /// Connection ids this entry owns (0 when it shares a trie entry's array).
        var cost: Int
        var referenced: Bool
    }

    private let limits: MatchCacheLimits
    private var slots: [Slot?] = []
    private var slotByTopic: [String: Int] = [:]
    private var freeSlots: [Int] = []
    private var hand = 0
    /// Connection ids owned by all entries, bounded by `limits.maxRecipientIDs`.
    private(set) var ownedRecipientIDs = 0

    init(limits: MatchCacheLimits) {
        self.limits = limits
    }

    var count: Int { slotByTopic.count }

    /// The cached recipients of `topic`, if computed at `generation`.
    mutating func lookup(_ topic: String, generation: UInt64) -> Recipients? {
        guard let index = slotByTopic[topic], let slot = slots[index], slot.generation == generation else {
            return nil
        }
        if !slot.referenced { slots[index]?.referenced = true }
        return slot.recipients
    }

    /// Caches `recipients` for `topic` at `generation`, evicting as needed. A result that
    /// alone owns more ids than the whole budget is not cached.
    mutating func store(_ topic: String, generation: UInt64, recipients: Recipients, shared: Bool) {
        let cost = shared ? 0 : recipients.count
        if let index = slotByTopic[topic] { release(index) }
        guard limits.maxEntries > 0, cost <= limits.maxRecipientIDs else { return }
        while ownedRecipientIDs + cost > limits.maxRecipientIDs || count >= limits.maxEntries {
            release(victim())
        }
        let slot = Slot(topic: topic, generation: generation, recipients: recipients, cost: cost, referenced: false)
        let index: Int
        if let free = freeSlots.popLast() {
            index = free
            slots[index] = slot
        } else {
            index = slots.count
            slots.append(slot)
        }
        slotByTopic[topic] = index
        ownedRecipientIDs += cost
    }

    /// Drops `topic`'s entry, if any (the topic was forgotten).
    mutating func remove(_ topic: String) {
        if let index = slotByTopic[topic] { release(index) }
    }

    /// Empties the slot at `index`.
    private mutating func release(_ index: Int) {
        guard let slot = slots[index] else { return }
        slots[index] = nil
        slotByTopic[slot.topic] = nil
        ownedRecipientIDs -= slot.cost
        freeSlots.append(index)
    }

    /// The next occupied slot without a second chance. Requires `count > 0`; ends within
    /// two turns of the hand, since the first turn clears every reference bit.
    private mutating func victim() -> Int {
        while true {
            hand = hand < slots.count - 1 ? hand + 1 : 0
            guard let slot = slots[hand] else { continue }
            if slot.referenced {
                slots[hand]?.referenced = false
            } else {
                return hand
            }
        }
    }
}
