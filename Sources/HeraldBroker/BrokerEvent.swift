/// What the gateway makes of a published payload; the broker stores and forwards it.
///
/// The gateway builds it once per publish (the JSON envelope encoded once into a shared,
/// immutable frame) inside the `makeEvent` closure it passes to
/// ``Broker/publish(to:idempotencyKey:now:makeEvent:deliver:)``, which is where it learns
/// the event's id and timestamp.
package protocol BrokerEvent: AnyObject, Sendable {
    /// The id the broker gave to `makeEvent`.
    var id: EventID { get }
    /// The topic it was published to.
    var topic: Topic { get }
    /// Bytes this event holds while retained in history (payload, envelope, overhead):
    /// what the byte bounds of ``HistoryLimits`` count.
    var retainedBytes: Int { get }
}

/// What a publish did: the `200` body of `POST /publish/{topic}`.
/// How the broker's internals hold events: type-erased, so its code is compiled
/// once, specialised, in this module. (Generic internals ran unspecialised from
/// the gateway and spent ~15% of publish CPU on runtime metadata lookups.)
typealias StoredEvent = any BrokerEvent

package struct PublishOutcome: Hashable, Sendable {
    /// The event's id (for a duplicate: the first publish's id).
    package let id: EventID
    /// How many connections it was handed to (for a duplicate: the first publish's count).
    package let recipients: Int
    /// True when the idempotency key was seen within the window: nothing was published
    /// or delivered, and `id`/`recipients` are the first publish's.
    package let duplicate: Bool

    /// Combines the three fields.
    package init(id: EventID, recipients: Int, duplicate: Bool) {
        self.id = id
        self.recipients = recipients
        self.duplicate = duplicate
    }
}

/// One item of ``Broker/publishBatch(_:now:deliver:)``.
package struct PublishRequest<Event: BrokerEvent>: Sendable {
    /// Where to publish.
    package var topic: Topic
    /// Optional dedupe key, scoped to `topic`.
    package var idempotencyKey: IdempotencyKey?
    /// Builds the event from its id and timestamp (milliseconds); called under the broker
    /// lock, only when the item is not a duplicate.
    package var makeEvent: @Sendable (EventID, UInt64) -> Event

    /// An item publishing to `topic`, deduplicated by `idempotencyKey` when given.
    package init(
        topic: Topic, idempotencyKey: IdempotencyKey? = nil,
        makeEvent: @escaping @Sendable (EventID, UInt64) -> Event
    ) {
        self.topic = topic
        self.idempotencyKey = idempotencyKey
        self.makeEvent = makeEvent
    }
}
