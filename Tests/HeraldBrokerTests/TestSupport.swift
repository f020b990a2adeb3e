import HeraldBroker
import Synchronization
import Testing

/// The event the tests publish: carries its bytes as `retainedBytes`.
final class TestEvent: BrokerEvent {
    let id: EventID
    let topic: Topic
    let timestampMillis: UInt64
    let retainedBytes: Int

    init(id: EventID, topic: Topic, timestampMillis: UInt64, retainedBytes: Int) {
        self.id = id
        self.topic = topic
        self.timestampMillis = timestampMillis
        self.retainedBytes = retainedBytes
    }
}

/// Every delivery the broker made, per connection, as sequences in delivery order.
final class DeliveryLog: Sendable {
    private let deliveries = Mutex<[SubscriberRef: [UInt64]]>([:])
    private let calls = Mutex<[Recipients]>([])

    func record(_ event: TestEvent, _ recipients: Recipients) {
        deliveries.withLock { deliveries in
            for group in recipients.loops {
                for connection in group.connections {
                    deliveries[SubscriberRef(loop: group.loop, connection: connection), default: []]
                        .append(event.id.sequence)
                }
            }
        }
        calls.withLock { $0.append(recipients) }
    }

    func sequences(for subscriber: SubscriberRef) -> [UInt64] {
        deliveries.withLock { $0[subscriber] ?? [] }
    }

    var recipientsOfEachCall: [Recipients] {
        calls.withLock { $0 }
    }

    func clear() {
        deliveries.withLock { $0 = [:] }
        calls.withLock { $0 = [] }
    }
}

/// A broker plus a delivery log and a manual clock, with terse helpers for scenarios.
struct Harness {
    let broker: Broker<TestEvent>
    let log = DeliveryLog()
    var now: UInt64 = 1_000_000

    init(configuration: BrokerConfiguration = BrokerConfiguration(), epoch: String = "test01") {
        // Test epochs are literals known to be valid.
        broker = Broker(configuration: configuration, epoch: Epoch(epoch) ?? Epoch.random())
    }

    @discardableResult
    func publish(_ topic: String, bytes: Int = 10, key: String? = nil) throws -> PublishOutcome {
        let log = log
        let validated = try Topic(validating: topic)
        return broker.publish(
            to: validated, idempotencyKey: try key.map { try IdempotencyKey(validating: $0) }, now: now,
            makeEvent: { id, time in
                TestEvent(id: id, topic: validated, timestampMillis: time, retainedBytes: bytes)
            },
            deliver: { event, recipients in log.record(event, recipients) })
    }

    @discardableResult
    func publishBatch(_ items: [(topic: String, key: String?)], bytes: Int = 10) throws -> [PublishOutcome] {
        let log = log
        let requests = try items.map { item in
            let topic = try Topic(validating: item.topic)
            return PublishRequest<TestEvent>(
                topic: topic, idempotencyKey: try item.key.map { try IdempotencyKey(validating: $0) },
                makeEvent: { id, time in
                    TestEvent(id: id, topic: topic, timestampMillis: time, retainedBytes: bytes)
                })
        }
        return broker.publishBatch(requests, now: now, deliver: { event, recipients in log.record(event, recipients) })
    }

    @discardableResult
    func subscribe(_ subscriber: SubscriberRef, _ pattern: String, since: ResumePoint? = nil) throws
        -> SubscribeOutcome<TestEvent>
    {
        try broker.subscribe(subscriber, to: TopicPattern(validating: pattern), since: since)
    }

    func unsubscribe(_ subscriber: SubscriberRef, _ pattern: String) throws -> Bool {
        broker.unsubscribe(subscriber, from: try TopicPattern(validating: pattern))
    }

    func id(_ sequence: UInt64) -> EventID {
        EventID(epoch: broker.epoch, sequence: sequence)
    }
}

func subscriber(_ connection: UInt64, loop: Int = 0) -> SubscriberRef {
    SubscriberRef(loop: loop, connection: connection)
}

extension SubscribeOutcome<TestEvent> {
    var replayedSequences: [UInt64] { replay.map(\.id.sequence) }
}
