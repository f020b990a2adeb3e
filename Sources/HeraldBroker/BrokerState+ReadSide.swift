extension BrokerState {
    /// Every known topic (published to and not forgotten, or subscribed to by an exact
    /// pattern), sorted by name.
    func topicSummaries() -> [TopicSummary] {
        var summaries: [TopicSummary] = []
        for record in records.values {
            summaries.append(
                TopicSummary(
                    topic: record.topic.name, subscriberCount: trie.match(record.topic).recipients.count,
                    eventCount: record.history.count, retainedBytes: record.retainedBytes,
                    lastID: record.lastID, totalPublished: record.totalPublished))
        }
        for name in trie.literalPatterns() where records[name] == nil {
            // Literal patterns passed validation with wildcards allowed and have none,
            // so they are valid names; skip defensively if not.
            guard let topic = try? Topic(validating: name) else { continue }
            summaries.append(
                TopicSummary(
                    topic: name, subscriberCount: trie.match(topic).recipients.count, eventCount: 0,
                    retainedBytes: 0, lastID: nil, totalPublished: 0))
        }
        return summaries.sorted { $0.topic < $1.topic }
    }

    /// A page of `topic`'s retained history: see ``Broker/history(of:since:limit:)``.
    func history(of topic: Topic, since: EventID?, limit: Int) throws(BrokerError) -> [StoredEvent] {
        if let since, since.epoch == epoch, since.sequence > lastSequence {
            throw .sinceNotIssued
        }
        let limit = min(max(limit, 0), configuration.maxHistoryPage)
        guard let record = records[topic.name], limit > 0 else { return [] }
        let history = record.history
        let start: Int
        switch since {
        case nil:
            start = max(0, history.count - limit)
        case .some(let since) where since.epoch == epoch:
            start = record.firstOffset(after: since.sequence)
        case .some:
            start = 0
        }
        let end = min(history.count, start + limit)
        return (start..<end).map { history[$0].event }
    }

    var stats: BrokerStats {
        BrokerStats(
            epoch: epoch, lastID: newestID, eventsPublished: eventsPublished,
            duplicatesSuppressed: duplicatesSuppressed, eventsEvicted: eventsEvicted, topics: records.count,
            subscriptions: subscriptionCount, subscribers: subscriptions.count, retainedEvents: retainedEvents,
            retainedBytes: retainedBytes)
    }

    var storageCounts: BrokerStorageCounts {
        BrokerStorageCounts(
            topicRecords: records.count, topicTreeNodes: topicTree.nodeCount,
            subscriptionTrieNodes: trie.nodeCount, subscribedConnections: subscriptions.count,
            keyedTopics: keyedTopics.count, retentionEntries: retention.count, matchCacheEntries: cache.count)
    }
}
