/// What the gateway makes of a published payload; the broker stores and forwards it.
///
/// The gateway builds it once per publish (the JSON envelope encoded once into a shared,
/// immutable frame) inside the `makeEvent` closure it passes to ``Broker/publish(to:idempotencyKey:now:makeEvent:deliver:)``,
/// which is where it learns the event's id and timestamp.
package protocol BrokerEvent: Sendable {
    /// The id the broker gave to `makeEvent`.
    var id: EventID { get }
    /// The topic it was published to.
    var topic: Topic { get }
    /// Bytes this event holds while retained in history (payload, envelope, overhead):
    /// what the byte bounds of ``HistoryLimits`` count.
    var retainedBytes: Int { get }
}
