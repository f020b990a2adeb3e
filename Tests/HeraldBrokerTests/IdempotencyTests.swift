import HeraldBroker
import Testing

@Suite struct IdempotencyTests {
    private func configuration(window: UInt64 = 300_000, maxKeys: Int = 10_000) -> BrokerConfiguration {
        var configuration = BrokerConfiguration()
        configuration.idempotency.windowMillis = window
        configuration.idempotency.maxKeysPerTopic = maxKeys
        return configuration
    }

    @Test func aRepeatWithinTheWindowReturnsTheFirstOutcomeAndIsNotDelivered() throws {
        let harness = Harness()
        try harness.subscribe(subscriber(1), "orders")
        let first = try harness.publish("orders", key: "k-1")
        try harness.subscribe(subscriber(2), "orders")
        let repeated = try harness.publish("orders", key: "k-1")
        #expect(first.duplicate == false)
        #expect(repeated == PublishOutcome(id: first.id, recipients: 1, duplicate: true))
        #expect(harness.log.sequences(for: subscriber(1)) == [first.id.sequence])
        #expect(harness.log.sequences(for: subscriber(2)).isEmpty)
        #expect(harness.broker.newestID == first.id)
        #expect(harness.broker.stats.eventsPublished == 1)
        #expect(harness.broker.stats.duplicatesSuppressed == 1)
    }

    @Test func keysAreScopedPerTopic() throws {
        let harness = Harness()
        let first = try harness.publish("a", key: "same")
        let other = try harness.publish("b", key: "same")
        #expect(other.duplicate == false)
        #expect(other.id != first.id)
    }

    @Test func aKeyIsForgottenWhenItsWindowCloses() throws {
        var harness = Harness(configuration: configuration(window: 1_000))
        let first = try harness.publish("t", key: "k")
        harness.now += 999
        #expect(try harness.publish("t", key: "k").duplicate)
        harness.now += 1
        let again = try harness.publish("t", key: "k")
        #expect(again.duplicate == false)
        #expect(again.id.sequence == first.id.sequence + 1)
    }

    @Test func eachTopicRemembersABoundedNumberOfKeysOldestFirstOut() throws {
        let harness = Harness(configuration: configuration(maxKeys: 3))
        for index in 0..<5 { try harness.publish("t", key: "k\(index)") }
        #expect(try harness.publish("t", key: "k4").duplicate)
        #expect(try harness.publish("t", key: "k2").duplicate)
        #expect(try harness.publish("t", key: "k1").duplicate == false)
        #expect(try harness.publish("t", key: "k0").duplicate == false)
    }

    @Test(arguments: ["", String(repeating: "k", count: IdempotencyKey.maxBytes + 1)])
    func emptyOrOverlongKeysAreRefused(_ key: String) {
        #expect(throws: BrokerError.idempotencyKeyInvalid) { try IdempotencyKey(validating: key) }
    }

    @Test func aBatchGetsConsecutiveIDsInItemOrderAndDedupesWithinItself() throws {
        let harness = Harness()
        try harness.publish("x")
        try harness.subscribe(subscriber(1), ">")
        let outcomes = try harness.publishBatch([("a", "k"), ("b", nil), ("a", "k"), ("c", "k")])
        #expect(outcomes.map(\.id.sequence) == [2, 3, 2, 4])
        #expect(outcomes.map(\.duplicate) == [false, false, true, false])
        #expect(harness.log.sequences(for: subscriber(1)) == [2, 3, 4])
    }
}
