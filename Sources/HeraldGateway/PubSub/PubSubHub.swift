import HeraldBroker
import HeraldPosix

/// The broker plus the loops it delivers to: publishing encodes the envelope
/// once, and each loop with recipients gets one job per event holding the shared
/// event and the shared, cached array of its connections.
final class PubSubHub: Sendable {
    let broker: Broker<PreparedEvent>
    private let loops: [EventLoop]

    init(configuration: BrokerConfiguration, loops: [EventLoop]) {
        broker = Broker(configuration: configuration, epoch: Epoch.random())
        self.loops = loops
    }

    /// One item to publish.
    struct Item: Sendable {
        let topic: Topic
        let payload: EventPayload
        let eventType: String?
        let idempotencyKey: IdempotencyKey?
    }

    /// Publishes one event; returns its id and how many connections it was sent to.
    func publish(_ item: Item) -> PublishOutcome {
        let parts = EnvelopeParts(topic: item.topic, eventType: item.eventType, payload: item.payload)
        return broker.publish(
            to: item.topic, idempotencyKey: item.idempotencyKey, now: WallClock.nowMilliseconds(),
            makeEvent: { id, time in
                PreparedEvent(id: id, topic: item.topic, timestampMilliseconds: time, parts: parts, payload: item.payload)
            },
            deliver: deliver)
    }

    /// Publishes every item atomically (consecutive ids), in order.
    func publishBatch(_ items: [Item]) -> [PublishOutcome] {
        let requests = items.map { item in
            let parts = EnvelopeParts(topic: item.topic, eventType: item.eventType, payload: item.payload)
            return PublishRequest<PreparedEvent>(
                topic: item.topic, idempotencyKey: item.idempotencyKey,
                makeEvent: { id, time in
                    PreparedEvent(
                        id: id, topic: item.topic, timestampMilliseconds: time, parts: parts, payload: item.payload)
                })
        }
        return broker.publishBatch(requests, now: WallClock.nowMilliseconds(), deliver: deliver)
    }

    /// Runs under the broker lock: one job per loop with recipients, so each loop's
    /// queue receives events in id order.
    private var deliver: @Sendable (PreparedEvent, Recipients) -> Void {
        { [loops] event, recipients in
            for group in recipients.loops {
                let connections = group.connections
                loops[group.loop].execute { loop in loop.state.deliver(event, to: connections) }
            }
        }
    }
}

/// Something on a connection that receives published events (a WebSocket or SSE subscriber).
protocol EventSink: AnyObject {
    /// Queues `event` on `connection` in this sink's format. Runs on the connection's loop.
    func deliver(_ event: PreparedEvent, on connection: Connection)
}
