import HeraldBroker
import HeraldFilter

/// One connection's subscriptions, shared by the WebSocket and SSE sinks: it
/// registers patterns with the broker and turns each subscribe's outcome (gap
/// notice, replayed events) into what the connection sends before going live.
final class SubscriptionSet {
    private let hub: PubSubHub
    let subscriber: SubscriberRef
    private(set) var patterns: [TopicPattern] = []
    /// Filters by pattern; a pattern absent here has none. Empty for most connections,
    /// which then skip filtering altogether.
    private var filters: [TopicPattern: CompiledFilter] = [:]
    let maxPatterns: Int

    init(hub: PubSubHub, subscriber: SubscriberRef, maxPatterns: Int) {
        self.hub = hub
        self.subscriber = subscriber
        self.maxPatterns = maxPatterns
    }

    enum SubscribeError: Error {
        case tooMany(limit: Int)
        case broker(BrokerError)
    }

    /// Subscribes (or replaces the subscription to) `pattern`; the outcome's gap
    /// and replay must be sent before anything else goes out on the connection.
    func subscribe(
        _ pattern: TopicPattern, filter: CompiledFilter? = nil, since: ResumePoint?, on loopState: LoopState
    ) throws(SubscribeError) -> SubscribeOutcome<PreparedEvent> {
        let isNew = !patterns.contains(pattern)
        if isNew && patterns.count >= maxPatterns { throw .tooMany(limit: maxPatterns) }
        let outcome: SubscribeOutcome<PreparedEvent>
        do {
            outcome = try hub.broker.subscribe(subscriber, to: pattern, since: since)
        } catch {
            throw .broker(error)
        }
        if isNew { patterns.append(pattern) }
        filters[pattern] = filter
        guard let filter else { return outcome }
        // The replay is this pattern's: it passes this pattern's filter.
        let replay = outcome.replay.filter { loopState.filter(filter, matches: $0) }
        return SubscribeOutcome(replaced: outcome.replaced, gap: outcome.gap, replay: replay)
    }

    /// Whether `event` passes: some subscription whose pattern matches its topic has no
    /// filter, or a filter that matches. Identical filters are evaluated once per event per loop.
    func accepts(_ event: PreparedEvent, on loopState: LoopState) -> Bool {
        if filters.isEmpty { return true }
        for pattern in patterns where pattern.matches(event.topic) {
            guard let filter = filters[pattern] else { return true }
            if loopState.filter(filter, matches: event) { return true }
        }
        return false
    }

    /// False when the connection had no such subscription.
    func unsubscribe(_ pattern: TopicPattern) -> Bool {
        guard let index = patterns.firstIndex(of: pattern) else { return false }
        patterns.remove(at: index)
        filters[pattern] = nil
        return hub.broker.unsubscribe(subscriber, from: pattern)
    }

    /// The connection closed.
    func removeAll() {
        guard !patterns.isEmpty else { return }
        patterns.removeAll()
        filters.removeAll()
        hub.broker.removeSubscriber(subscriber)
    }
}
