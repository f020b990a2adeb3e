/// One row of `GET /api/topics`.
package struct TopicSummary: Hashable, Sendable {
    /// The topic name.
    package let topic: String
    /// Connections whose subscriptions match it (each counted once).
    package let subscriberCount: Int
    /// Events retained in its history.
    package let eventCount: Int
    /// Bytes its retained events hold.
    package let retainedBytes: Int
    /// Its newest event's id, if the broker still remembers the topic's publishes.
    package let lastID: EventID?
    /// Events published to it since the broker last forgot it.
    package let totalPublished: UInt64
}

/// Node-wide broker figures for `GET /api/stats` and `/metrics`.
package struct BrokerStats: Hashable, Sendable {
    /// This broker's epoch.
    package let epoch: Epoch
    /// The newest id issued, if any.
    package let lastID: EventID?
    /// Events published (duplicates excluded).
    package let eventsPublished: UInt64
    /// Publishes answered from the idempotency window.
    package let duplicatesSuppressed: UInt64
    /// Events evicted from history by any bound.
    package let eventsEvicted: UInt64
    /// Topics the broker holds a record for (published to and not yet forgotten).
    package let topics: Int
    /// Subscriptions over all connections.
    package let subscriptions: Int
    /// Connections with at least one subscription.
    package let subscribers: Int
    /// Events retained over all topics.
    package let retainedEvents: Int
    /// Bytes retained over all topics.
    package let retainedBytes: Int
}

/// Sizes of the broker's internal structures, so tests can prove that nothing is left
/// behind (all zero once no topic, subscription or key remains).
package struct BrokerStorageCounts: Hashable, Sendable {
    /// Topic records.
    package let topicRecords: Int
    /// Nodes of the known-topics tree.
    package let topicTreeNodes: Int
    /// Nodes of the subscription trie.
    package let subscriptionTrieNodes: Int
    /// Connections with subscriptions.
    package let subscribedConnections: Int
    /// Topics with live idempotency keys.
    package let keyedTopics: Int
    /// Entries (live and tombstones) of the global retention order.
    package let retentionEntries: Int
    /// Match cache entries (bounded; dropped with their topic when it is forgotten).
    package let matchCacheEntries: Int

    /// Whether every structure is empty.
    package var isEmpty: Bool {
        topicRecords == 0 && topicTreeNodes == 0 && subscriptionTrieNodes == 0 && subscribedConnections == 0
            && keyedTopics == 0 && retentionEntries == 0 && matchCacheEntries == 0
    }
}
