import HeraldBroker
import Testing

@Suite struct ForgettingTests {
    private func configuration(age: UInt64 = 1_000, window: UInt64 = 5_000) -> BrokerConfiguration {
        var configuration = BrokerConfiguration()
        configuration.history.maxAgeMillis = age
        configuration.idempotency.windowMillis = window
        return configuration
    }

    private func expectNothingLeft(_ broker: Broker<TestEvent>) {
        let counts = broker.storageCounts
        #expect(counts.isEmpty, "\(counts)")
        #expect(broker.topics().isEmpty)
        #expect(broker.stats.retainedBytes == 0)
    }

    @Test func aTopicIsForgottenAfterUnsubscribeAndAgeOut() throws {
        var harness = Harness(configuration: configuration())
        try harness.subscribe(subscriber(1), "room.1")
        try harness.subscribe(subscriber(2), "room.*")
        try harness.publish("room.1")
        #expect(harness.broker.topics().map(\.topic) == ["room.1"])
        #expect(try harness.unsubscribe(subscriber(1), "room.1"))
        #expect(harness.broker.removeSubscriber(subscriber(2)) == 1)
        #expect(harness.broker.topics().map(\.eventCount) == [1])
        harness.now += 1_000
        harness.broker.sweep(now: harness.now)
        expectNothingLeft(harness.broker)
    }

    @Test func liveIdempotencyKeysKeepATopicUntilTheirWindowCloses() throws {
        var harness = Harness(configuration: configuration(age: 1_000, window: 5_000))
        let first = try harness.publish("t", key: "k")
        harness.now += 2_000
        harness.broker.sweep(now: harness.now)
        #expect(harness.broker.topics().map(\.topic) == ["t"])
        #expect(harness.broker.topics().map(\.eventCount) == [0])
        #expect(try harness.publish("t", key: "k") == PublishOutcome(id: first.id, recipients: 0, duplicate: true))
        harness.now += 3_000
        harness.broker.sweep(now: harness.now)
        expectNothingLeft(harness.broker)
    }

    @Test func memoryDoesNotGrowWithTheNumberOfTopicsEverUsed() throws {
        var harness = Harness(configuration: configuration())
        for round in 0..<5 {
            for index in 0..<2_000 {
                try harness.publish("user.\(round).\(index).inbox", key: index % 10 == 0 ? "k" : nil)
            }
            harness.now += 10_000
            harness.broker.sweep(now: harness.now)
            expectNothingLeft(harness.broker)
        }
        #expect(harness.broker.stats.eventsPublished == 10_000)
    }

    @Test func topicsListsPublishedTopicsAndExactSubscriptionsWithCounts() throws {
        let harness = Harness()
        try harness.subscribe(subscriber(1), "orders.*")
        try harness.subscribe(subscriber(2), "orders.created")
        try harness.subscribe(subscriber(3), "waiting.room")
        try harness.publish("orders.created", bytes: 7)
        try harness.publish("orders.created", bytes: 7)
        try harness.publish("orders.paid")
        let topics = harness.broker.topics()
        #expect(topics.map(\.topic) == ["orders.created", "orders.paid", "waiting.room"])
        #expect(topics.map(\.subscriberCount) == [2, 1, 1])
        #expect(topics.map(\.eventCount) == [2, 1, 0])
        #expect(topics.map(\.retainedBytes) == [14, 10, 0])
        #expect(topics.map(\.lastID) == [harness.id(2), harness.id(3), nil])
        #expect(topics.map(\.totalPublished) == [2, 1, 0])
        #expect(harness.broker.stats.topics == 2)
        #expect(harness.broker.stats.subscriptions == 3)
    }
}
