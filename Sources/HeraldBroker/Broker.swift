import Synchronization

/// The broker core: topic matching, ids, history, resume and idempotency, shared by every
/// event loop. No I/O, no threads, no clock: time comes in as `now` (milliseconds).
///
/// ## Locking and ordering contract
/// All state sits behind one mutex. `publish`, `publishBatch` and `subscribe` take it
/// once and do everything under it, including calling the gateway's closures:
/// - `makeEvent(id, timestampMillis)` builds the event (keep it short: splice the id and
///   time into a pre-encoded envelope; never compress or do I/O in it);
/// - `deliver(event, recipients)` hands the event to each recipient loop (a short
///   mutex-guarded append to the loop's job queue plus an eventfd write). Because it runs
///   under the lock, every loop's job queue receives events in id order.
/// A subscribe registers the subscription and collects its replay under that same lock,
/// so each event is either in the replay (published before) or delivered live (after):
/// never both, never neither. The closures must not call back into the broker.
package final class Broker<Event: BrokerEvent>: Sendable {
    /// This broker's epoch (for the `welcome` frame); fixed for its lifetime.
    package let epoch: Epoch
    private let state: Mutex<BrokerState>

    /// A broker with empty history in `epoch` (draw one per start with ``Epoch/random()``).
    package init(configuration: BrokerConfiguration = BrokerConfiguration(), epoch: Epoch) {
        self.epoch = epoch
        self.state = Mutex(BrokerState(configuration: configuration, epoch: epoch))
    }

    /// Publishes one event to `topic`.
    ///
    /// Under the lock: ages history out, answers a repeated `idempotencyKey` (same topic,
    /// inside the window) with the first outcome marked `duplicate` without calling either
    /// closure; otherwise issues the next id, calls `makeEvent`, matches the topic (match
    /// cache, O(1) when hot), calls `deliver` once when anybody matches (each connection
    /// once, grouped by loop, in a shared cached array), and retains the event.
    package func publish(
        to topic: Topic, idempotencyKey: IdempotencyKey? = nil, now: UInt64,
        makeEvent: @Sendable (EventID, UInt64) -> Event, deliver: @Sendable (Event, Recipients) -> Void
    ) -> PublishOutcome {
        state.withLock { state in
            state.publish(
                to: topic, idempotencyKey: idempotencyKey, now: now, makeEvent: { makeEvent($0, $1) },
                deliver: { deliver(Self.typed($0), $1) })
        }
    }

    /// Publishes several events atomically: one lock acquisition, consecutive ids (for the
    /// items that are not duplicates), outcomes in item order. Same contract as
    /// ``publish(to:idempotencyKey:now:makeEvent:deliver:)``.
    package func publishBatch(
        _ items: [PublishRequest<Event>], now: UInt64, deliver: @Sendable (Event, Recipients) -> Void
    ) -> [PublishOutcome] {
        state.withLock { state in
            items.map { item in
                state.publish(
                    to: item.topic, idempotencyKey: item.idempotencyKey, now: now,
                    makeEvent: { item.makeEvent($0, $1) }, deliver: { deliver(Self.typed($0), $1) })
            }
        }
    }

    /// Subscribes `subscriber` to `pattern` and returns what to send before live events.
    ///
    /// Atomic with publishes (see the type's contract): live delivery starts exactly after
    /// the newest id at the time of the call. Subscribing again to a pattern the
    /// connection has replaces it (`replaced`), keeping one trie entry.
    ///
    /// Replay, for `since`:
    /// - nil: none.
    /// - `.earliest`: every retained event matching `pattern`, in id order; no gap notice.
    /// - `.after(id)` with `id` of this epoch: every retained matching event after `id`, in
    ///   id order. A ``GapNotice`` comes first when a matching event after `id` was evicted,
    ///   or any topic forgotten after `id` (its name is not kept, so this may be a false
    ///   positive). An id above the newest issued throws ``BrokerError/sinceNotIssued``
    ///   (`bad_since`) and changes nothing.
    /// - `.after(id)` of another epoch (a restart lost that history): a gap notice, then
    ///   every retained matching event.
    /// A replay longer than ``BrokerConfiguration/maxReplayEvents`` keeps its newest events
    /// (so it still joins the live stream without a hole) behind a gap notice.
    /// Events that another subscription of this connection (or the one being replaced)
    /// already covered, live or replayed, are left out, so the connection gets each event
    /// once. With per-subscription filters (evaluated by the loops) this exclusion assumes
    /// the covering subscription's filter let the event through.
    package func subscribe(
        _ subscriber: SubscriberRef, to pattern: TopicPattern, since: ResumePoint? = nil
    ) throws(BrokerError) -> SubscribeOutcome<Event> {
        let outcome = try state.withLock {
            (state: inout sending BrokerState) throws(BrokerError) -> SubscribeOutcome<StoredEvent> in
            try state.subscribe(subscriber, to: pattern, since: since)
        }
        return SubscribeOutcome(replaced: outcome.replaced, gap: outcome.gap, replay: outcome.replay.map(Self.typed))
    }

    /// Removes one subscription; false when the connection does not have `pattern` (the
    /// gateway answers `not_subscribed`).
    package func unsubscribe(_ subscriber: SubscriberRef, from pattern: TopicPattern) -> Bool {
        state.withLock { $0.unsubscribe(subscriber, from: pattern) }
    }

    /// Removes every subscription of a closed connection; returns how many it had.
    @discardableResult
    package func removeSubscriber(_ subscriber: SubscriberRef) -> Int {
        state.withLock { $0.removeSubscriber(subscriber) }
    }

    /// Ages history out and closes idempotency windows at `now`, forgetting topics that
    /// are left with no history and no keys. Call from a timer (e.g. every second).
    package func sweep(now: UInt64) {
        state.withLock { $0.sweep(now: now) }
    }

    /// Every known topic with its figures, sorted by name (published-to topics still
    /// remembered, and topics with exact-pattern subscribers). Walks every topic under the
    /// lock: for the admin API, not for hot paths.
    package func topics() -> [TopicSummary] {
        state.withLock { $0.topicSummaries() }
    }

    /// Up to `limit` (capped by ``BrokerConfiguration/maxHistoryPage``) retained events of
    /// `topic`, in id order: the newest ones when `since` is nil, the first ones after
    /// `since` otherwise (from the oldest retained when `since` is of another epoch).
    /// Throws ``BrokerError/sinceNotIssued`` for an id of this epoch not yet issued.
    package func history(of topic: Topic, since: EventID? = nil, limit: Int) throws(BrokerError) -> [Event] {
        try state.withLock { (state: inout sending BrokerState) throws(BrokerError) -> [StoredEvent] in
            try state.history(of: topic, since: since, limit: limit)
        }.map(Self.typed)
    }

    /// Node-wide figures.
    package var stats: BrokerStats {
        state.withLock { $0.stats }
    }

    /// The newest id issued, if any.
    package var newestID: EventID? {
        state.withLock { $0.newestID }
    }

    /// Where the node's history stands: the newest id issued, or `<epoch>-0` before the first.
    /// A client that reads it before subscribing and later resumes with it as `since` misses
    /// nothing in between, even if the subscription saw no event (what `welcome` and a
    /// subscribe `ack` carry as `position`).
    package var position: EventID {
        state.withLock { $0.position }
    }

    /// Every stored event was made by this broker's `makeEvent`, so it is an `Event`.
    private static func typed(_ event: StoredEvent) -> Event {
        unsafeDowncast(event, to: Event.self)
    }

    /// Sizes of internal structures, for tests that prove nothing leaks.
    package var storageCounts: BrokerStorageCounts {
        state.withLock { $0.storageCounts }
    }
}
