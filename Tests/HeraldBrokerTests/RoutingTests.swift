import HeraldBroker
import Testing

@Suite struct RoutingTests {
    @Test func overlappingPatternsOfOneConnectionDeliverOnce() throws {
        let harness = Harness()
        for pattern in ["orders.created", "orders.*", "orders.>", ">", "*.created"] {
            try harness.subscribe(subscriber(1), pattern)
        }
        let outcome = try harness.publish("orders.created")
        #expect(outcome.recipients == 1)
        #expect(harness.log.sequences(for: subscriber(1)) == [outcome.id.sequence])
    }

    @Test func resubscribingToTheSamePatternReplacesIt() throws {
        let harness = Harness()
        #expect(try harness.subscribe(subscriber(1), "a.*").replaced == false)
        #expect(try harness.subscribe(subscriber(1), "a.*").replaced == true)
        #expect(harness.broker.stats.subscriptions == 1)
        try harness.publish("a.b")
        #expect(harness.log.sequences(for: subscriber(1)).count == 1)
        #expect(try harness.unsubscribe(subscriber(1), "a.*"))
        #expect(try harness.unsubscribe(subscriber(1), "a.*") == false)
        #expect(try harness.publish("a.b").recipients == 0)
    }

    @Test func recipientsAreGroupedByLoopSortedAndDeduplicated() throws {
        let harness = Harness()
        let subscribers = [
            subscriber(9, loop: 2), subscriber(3, loop: 0), subscriber(7, loop: 2), subscriber(5, loop: 0),
        ]
        for subscriber in subscribers {
            try harness.subscribe(subscriber, "room.*")
            try harness.subscribe(subscriber, "room.>")
        }
        try harness.subscribe(subscriber(4, loop: 1), "elsewhere")
        #expect(try harness.publish("room.1").recipients == 4)
        let recipients = try #require(harness.log.recipientsOfEachCall.first)
        #expect(recipients.loops.map(\.loop) == [0, 2])
        #expect(recipients.loops.map(\.connections) == [[3, 5], [7, 9]])
        #expect(recipients.count == 4)
        #expect(recipients.contains(subscriber(7, loop: 2)))
        #expect(!recipients.contains(subscriber(7, loop: 0)))
        #expect(!recipients.contains(subscriber(4, loop: 1)))
    }

    @Test func aHotTopicHandsEveryPublishTheSameStoredArrays() throws {
        let harness = Harness()
        for connection in 0..<100 as Range<UInt64> {
            try harness.subscribe(subscriber(connection, loop: Int(connection % 4)), connection % 2 == 0 ? "hot" : "*")
        }
        try harness.subscribe(subscriber(1_000), "hot")
        try harness.subscribe(subscriber(1_000), ">")
        for _ in 0..<3 { try harness.publish("hot") }
        let calls = harness.log.recipientsOfEachCall
        #expect(calls.count == 3)
        for loop in 0..<calls[0].loops.count {
            let addresses = calls.map { call in call.loops[loop].connections.withUnsafeBufferPointer { $0.baseAddress }
            }
            #expect(Set(addresses).count == 1)
        }
    }

    @Test func aNewSubscriberSeesTheNextPublishOfACachedTopic() throws {
        let harness = Harness()
        try harness.subscribe(subscriber(1), "news.*")
        try harness.publish("news.today")
        try harness.publish("news.today")
        try harness.subscribe(subscriber(2), "news.today")
        try harness.subscribe(subscriber(3), ">")
        let outcome = try harness.publish("news.today")
        #expect(outcome.recipients == 3)
        #expect(harness.log.sequences(for: subscriber(2)) == [outcome.id.sequence])
        #expect(harness.log.sequences(for: subscriber(3)) == [outcome.id.sequence])
    }

    @Test func anUnsubscribedConnectionMissesTheNextPublishOfACachedTopic() throws {
        let harness = Harness()
        try harness.subscribe(subscriber(1), "news.*")
        try harness.subscribe(subscriber(2), "news.*")
        try harness.publish("news.today")
        #expect(try harness.unsubscribe(subscriber(1), "news.*"))
        let outcome = try harness.publish("news.today")
        #expect(outcome.recipients == 1)
        #expect(harness.log.sequences(for: subscriber(1)).count == 1)
        #expect(harness.log.sequences(for: subscriber(2)).count == 2)
    }

    @Test func removingASubscriberDropsAllItsSubscriptions() throws {
        let harness = Harness()
        for pattern in ["a", "a.*", "b.>"] {
            try harness.subscribe(subscriber(1, loop: 3), pattern)
        }
        try harness.subscribe(subscriber(2), "a")
        try harness.publish("a")
        #expect(harness.broker.removeSubscriber(subscriber(1, loop: 3)) == 3)
        #expect(harness.broker.removeSubscriber(subscriber(1, loop: 3)) == 0)
        #expect(try harness.publish("a").recipients == 1)
        #expect(try harness.publish("b.c").recipients == 0)
        #expect(harness.broker.stats.subscriptions == 1)
        #expect(harness.broker.stats.subscribers == 1)
    }

    @Test func nobodyMatchingMeansNoDeliverCall() throws {
        let harness = Harness()
        try harness.subscribe(subscriber(1), "a.*")
        #expect(try harness.publish("b").recipients == 0)
        #expect(harness.log.recipientsOfEachCall.isEmpty)
    }

    @Test func unsubscribingEverythingLeavesAnEmptyTrie() throws {
        let harness = Harness()
        let patterns = ["a.b.c", "a.*.c", "a.>", ">", "*", "x.y.z.*"]
        for (index, pattern) in patterns.enumerated() {
            try harness.subscribe(subscriber(UInt64(index % 2)), pattern)
        }
        #expect(harness.broker.storageCounts.subscriptionTrieNodes > 0)
        for (index, pattern) in patterns.enumerated() {
            #expect(try harness.unsubscribe(subscriber(UInt64(index % 2)), pattern))
        }
        #expect(harness.broker.storageCounts.subscriptionTrieNodes == 0)
        #expect(harness.broker.storageCounts.subscribedConnections == 0)
    }
}
