/// Everything the broker can be tuned by, each default with its reason.
package struct BrokerConfiguration: Hashable, Sendable {
    /// Bounds of retained history (for resume and the history API).
    package var history = HistoryLimits()
    /// The `Idempotency-Key` dedupe window.
    package var idempotency = IdempotencyLimits()
    /// Bounds of the topic → recipients match cache.
    package var matchCache = MatchCacheLimits()
    /// Largest page `history(of:since:limit:)` returns: 1,000, the per-topic default,
    /// so one page can hold a topic's whole default history.
    package var maxHistoryPage = 1_000
    /// Most events one subscribe replays (the newest ones; a gap notice covers the rest):
    /// 10,000 is ten topics' default history, and it bounds how long one resume holds the
    /// broker lock however much history a wide pattern matches.
    package var maxReplayEvents = 10_000

    /// The defaults above.
    package init() {}
}

/// Bounds of retained history. An event is evicted (oldest first) as soon as any applies.
package struct HistoryLimits: Hashable, Sendable {
    /// 1,000 events per topic: covers a reconnect of a few seconds even on a busy topic.
    package var maxEventsPerTopic = 1_000
    /// 8 MiB per topic: keeps one topic of large payloads from crowding out the others.
    package var maxBytesPerTopic = 8 << 20
    /// 256 MiB in all: history is a resume buffer, not storage; this bounds the node's memory.
    package var maxBytesInAll = 256 << 20
    /// One hour: resume is for reconnects, and an hour-old gap is better reported than replayed.
    package var maxAgeMillis: UInt64 = 3_600_000

    /// The defaults above.
    package init() {}
}

/// Bounds of the `Idempotency-Key` window (SPEC.md: `publish.idempotency_window`).
package struct IdempotencyLimits: Hashable, Sendable {
    /// Five minutes: longer than any sensible publisher retry schedule.
    package var windowMillis: UInt64 = 300_000
    /// 10,000 keys per topic, oldest forgotten first: bounds memory under a key flood.
    package var maxKeysPerTopic = 10_000

    /// The defaults above.
    package init() {}
}

/// Bounds of the match cache, which maps a published topic to its cached ``Recipients``.
package struct MatchCacheLimits: Hashable, Sendable {
    /// 4,096 topics: hot topics stay cached; cold ones cost one trie walk.
    package var maxEntries = 4_096
    /// 1 Mi connection ids (8 MiB) over all entries that own their array, so wildcard
    /// subscribers that match every topic cannot multiply memory by the entry count.
    package var maxRecipientIDs = 1 << 20

    /// The defaults above.
    package init() {}
}
