import HeraldBroker
import HeraldPosix
import Synchronization

/// The broker plus the loops it delivers to: publishing encodes the envelope
/// once, and each loop with recipients gets one job per event holding the shared
/// event and the shared, cached array of its connections.
final class PubSubHub: Sendable {
    let broker: Broker<PreparedEvent>
    private let loops: [EventLoop]
    private let outbound: GatewayConfiguration.Outbound

    init(configuration: GatewayConfiguration, loops: [EventLoop]) {
        broker = Broker(configuration: configuration.brokerConfiguration, epoch: Epoch.random())
        outbound = configuration.outbound
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
        let policy = outbound.policy(for: item.topic)
        let wakes = PendingWakes()
        let outcome = broker.publish(
            to: item.topic, idempotencyKey: item.idempotencyKey, now: WallClock.nowMilliseconds(),
            makeEvent: { id, time in
                PreparedEvent(
                    id: id, topic: item.topic, timestampMilliseconds: time, parts: parts, payload: item.payload,
                    policy: policy)
            },
            deliver: deliver(noting: wakes))
        wakes.wake(loops)
        return outcome
    }

    /// Publishes every item atomically (consecutive ids), in order.
    func publishBatch(_ items: [Item]) -> [PublishOutcome] {
        let requests = items.map { item in
            let parts = EnvelopeParts(topic: item.topic, eventType: item.eventType, payload: item.payload)
            let policy = outbound.policy(for: item.topic)
            return PublishRequest<PreparedEvent>(
                topic: item.topic, idempotencyKey: item.idempotencyKey,
                makeEvent: { id, time in
                    PreparedEvent(
                        id: id, topic: item.topic, timestampMilliseconds: time, parts: parts, payload: item.payload,
                        policy: policy)
                })
        }
        let wakes = PendingWakes()
        let outcomes = broker.publishBatch(requests, now: WallClock.nowMilliseconds(), deliver: deliver(noting: wakes))
        wakes.wake(loops)
        return outcomes
    }

    /// Runs under the broker lock: one job per loop with recipients, so each loop's
    /// queue receives events in id order. The eventfd writes wait until the lock is released.
    private func deliver(noting wakes: PendingWakes) -> @Sendable (PreparedEvent, Recipients) -> Void {
        { [loops] event, recipients in
            for group in recipients.loops {
                let connections = group.connections
                if loops[group.loop].enqueue({ loop in loop.state.deliver(event, to: connections) }) {
                    wakes.note(group.loop)
                }
            }
        }
    }
}

/// Loops to wake once the broker lock is released (a bit per loop index).
final class PendingWakes: Sendable {
    private let mask = Atomic<UInt64>(0)
    /// Loops past the 64th, rare enough for a lock.
    private let others = Mutex<[Int]>([])

    func note(_ loop: Int) {
        if loop < 64 {
            mask.bitwiseOr(1 << UInt64(loop), ordering: .relaxed)
        } else {
            others.withLock { $0.append(loop) }
        }
    }

    func wake(_ loops: [EventLoop]) {
        var bits = mask.load(ordering: .relaxed)
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            loops[index].wake()
            bits &= bits - 1
        }
        for index in others.withLock({ $0 }) { loops[index].wake() }
    }
}

/// Something on a connection that receives published events (a WebSocket or SSE subscriber).
protocol EventSink: AnyObject {
    /// Queues `event` on `connection` in this sink's format. Runs on the connection's loop.
    func deliver(_ event: PreparedEvent, on connection: Connection)
    /// The outbound queue fell to half its limit: a pending `dropped` notice can go out.
    func outboundDrained(on connection: Connection)
    /// Events dropped on this connection so far (for stats).
    var droppedEvents: Int { get }
}
