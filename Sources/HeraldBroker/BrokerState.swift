/// Everything the broker knows, guarded as one value by ``Broker``'s mutex: every member
/// here runs with that lock held.
struct BrokerState {
    /// What the broker remembers of one subscription (the trie holds the routing).
    struct Subscription {
        /// Every event matching the pattern with a sequence above this was (or is being)
        /// sent to the connection, live or replayed. Keeps a later replay on the same
        /// connection from sending an event twice.
        var coveredAfter: UInt64
    }

    let configuration: BrokerConfiguration
    let epoch: Epoch

    // MARK: Ids and time
    var lastSequence: UInt64 = 0
    /// The newest timestamp given to an event; event times never go backwards.
    var lastTimestamp: UInt64 = 0

    // MARK: Topics and history
    var records: [String: TopicRecord] = [:]
    var topicTree = TopicTree<TopicRecord>()
    var retention = RetentionQueue()
    var retainedBytes = 0
    var retainedEvents = 0
    /// The highest sequence evicted from any topic since forgotten: a resume from below it
    /// may have missed events of a topic the broker no longer knows.
    var forgottenThrough: UInt64 = 0
    /// Names of topics whose idempotency window is not empty, for `sweep`.
    var keyedTopics: Set<String> = []

    // MARK: Subscriptions
    var trie = SubscriptionTrie()
    /// Bumped on every change to the trie; cache entries of another generation are stale.
    var generation: UInt64 = 0
    var cache: MatchCache
    var subscriptions: [SubscriberRef: [TopicPattern: Subscription]] = [:]
    var subscriptionCount = 0

    // MARK: Counters
    var eventsPublished: UInt64 = 0
    var duplicatesSuppressed: UInt64 = 0
    var eventsEvicted: UInt64 = 0

    init(configuration: BrokerConfiguration, epoch: Epoch) {
        self.configuration = configuration
        self.epoch = epoch
        self.cache = MatchCache(limits: configuration.matchCache)
    }

    var newestID: EventID? {
        lastSequence == 0 ? nil : EventID(epoch: epoch, sequence: lastSequence)
    }

    /// The newest id issued, or `<epoch>-0` before the first: always a valid `since`.
    var position: EventID { EventID(epoch: epoch, sequence: lastSequence) }

    /// `now`, or the last timestamp given if the clock stepped back.
    mutating func advanceClock(to now: UInt64) -> UInt64 {
        lastTimestamp = max(lastTimestamp, now)
        return lastTimestamp
    }

    /// The connections `topic` goes to, from the cache or the trie.
    mutating func recipients(for topic: Topic) -> Recipients {
        if let cached = cache.lookup(topic.name, generation: generation) { return cached }
        let (recipients, shared) = trie.match(topic)
        cache.store(topic.name, generation: generation, recipients: recipients, shared: shared)
        return recipients
    }

    /// Drops `record` from every map once nothing needs it.
    mutating func forgetIfIdle(_ record: TopicRecord) {
        guard record.isIdle, let known = records[record.topic.name], known === record else { return }
        records[record.topic.name] = nil
        topicTree.remove(record.topic)
        keyedTopics.remove(record.topic.name)
        cache.remove(record.topic.name)
        forgottenThrough = max(forgottenThrough, record.evictedThrough)
    }
}
