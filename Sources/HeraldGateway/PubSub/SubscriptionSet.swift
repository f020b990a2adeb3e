import HeraldBroker

/// One connection's subscriptions, shared by the WebSocket and SSE sinks: it
/// registers patterns with the broker and turns each subscribe's outcome (gap
/// notice, replayed events) into what the connection sends before going live.
final class SubscriptionSet {
    private let hub: PubSubHub
    let subscriber: SubscriberRef
    private(set) var patterns: [TopicPattern] = []
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
    func subscribe(_ pattern: TopicPattern, since: ResumePoint?) throws(SubscribeError) -> SubscribeOutcome<PreparedEvent> {
        let isNew = !patterns.contains(pattern)
        if isNew && patterns.count >= maxPatterns { throw .tooMany(limit: maxPatterns) }
        let outcome: SubscribeOutcome<PreparedEvent>
        do {
            outcome = try hub.broker.subscribe(subscriber, to: pattern, since: since)
        } catch {
            throw .broker(error)
        }
        if isNew { patterns.append(pattern) }
        return outcome
    }

    /// False when the connection had no such subscription.
    func unsubscribe(_ pattern: TopicPattern) -> Bool {
        guard let index = patterns.firstIndex(of: pattern) else { return false }
        patterns.remove(at: index)
        return hub.broker.unsubscribe(subscriber, from: pattern)
    }

    /// The connection closed.
    func removeAll() {
        guard !patterns.isEmpty else { return }
        patterns.removeAll()
        hub.broker.removeSubscriber(subscriber)
    }
}
