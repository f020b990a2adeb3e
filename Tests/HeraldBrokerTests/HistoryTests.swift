import HeraldBroker
import Testing

@Suite struct HistoryTests {
    private func configuration(
        count: Int = 1_000, bytes: Int = 8 << 20, total: Int = 256 << 20, age: UInt64 = 3_600_000
    ) -> BrokerConfiguration {
        var configuration = BrokerConfiguration()
        configuration.history.maxEventsPerTopic = count
        configuration.history.maxBytesPerTopic = bytes
        configuration.history.maxBytesInAll = total
        configuration.history.maxAgeMillis = age
        return configuration
    }

    private func retained(_ harness: Harness, _ topic: String) throws -> [UInt64] {
        try harness.broker.history(of: Topic(validating: topic), limit: 1_000).map(\.id.sequence)
    }

    @Test func aTopicKeepsItsNewestEventsUpToTheCountBound() throws {
        let harness = Harness(configuration: configuration(count: 3))
        for _ in 0..<5 { try harness.publish("t") }
        #expect(try retained(harness, "t") == [3, 4, 5])
        #expect(harness.broker.stats.eventsEvicted == 2)
        #expect(harness.broker.stats.retainedEvents == 3)
    }

    @Test func aTopicKeepsItsNewestEventsUpToTheByteBound() throws {
        let harness = Harness(configuration: configuration(bytes: 100))
        for _ in 0..<4 { try harness.publish("t", bytes: 40) }
        #expect(try retained(harness, "t") == [3, 4])
        #expect(harness.broker.stats.retainedBytes == 80)
    }

    @Test func eventsOlderThanTheAgeBoundAreEvictedBySweepAndByPublish() throws {
        var harness = Harness(configuration: configuration(age: 1_000))
        try harness.publish("a")
        harness.now += 600
        try harness.publish("b")
        harness.now += 500
        harness.broker.sweep(now: harness.now)
        #expect(try retained(harness, "a") == [])
        #expect(try retained(harness, "b") == [2])
        harness.now += 500
        try harness.publish("c")
        #expect(try retained(harness, "b") == [])
        #expect(try retained(harness, "c") == [3])
    }

    @Test func theGlobalByteBoundEvictsTheNodesOldestEventsFirst() throws {
        let harness = Harness(configuration: configuration(total: 100))
        for index in 0..<10 {
            try harness.publish(["a", "b", "c"][index % 3], bytes: 20)
        }
        #expect(harness.broker.stats.retainedBytes == 100)
        #expect(try retained(harness, "a") == [7, 10])
        #expect(try retained(harness, "b") == [8])
        #expect(try retained(harness, "c") == [6, 9])
    }

    @Test func theGlobalOrderStaysBoundedWhenPerTopicBoundsEvict() throws {
        let harness = Harness(configuration: configuration(count: 1, total: 1 << 30))
        try harness.publish("quiet")
        for _ in 0..<20_000 {
            try harness.publish("busy")
            let counts = harness.broker.storageCounts
            #expect(counts.retentionEntries <= 2 * harness.broker.stats.retainedEvents + 1_025)
        }
        #expect(try retained(harness, "quiet") == [1])
        #expect(try retained(harness, "busy") == [20_001])
    }

    @Test func anEventLargerThanTheTopicBoundIsNotRetained() throws {
        let harness = Harness(configuration: configuration(bytes: 100))
        try harness.publish("t", bytes: 101)
        #expect(try retained(harness, "t") == [])
        #expect(harness.broker.stats.retainedBytes == 0)
    }

    @Test func historyPagesFromTheNewestOrAfterSince() throws {
        let harness = Harness()
        for index in 0..<10 { try harness.publish(index % 2 == 0 ? "t" : "other") }
        let topic = try Topic(validating: "t")
        #expect(try harness.broker.history(of: topic, limit: 2).map(\.id.sequence) == [7, 9])
        #expect(try harness.broker.history(of: topic, since: harness.id(3), limit: 2).map(\.id.sequence) == [5, 7])
        #expect(try harness.broker.history(of: topic, since: harness.id(10), limit: 2).isEmpty)
        let foreign = try EventID(parsing: "zzzz-5")
        #expect(try harness.broker.history(of: topic, since: foreign, limit: 2).map(\.id.sequence) == [1, 3])
        #expect(try harness.broker.history(of: topic, limit: -1).isEmpty)
        #expect(try harness.broker.history(of: Topic(validating: "unknown"), limit: 5).isEmpty)
        #expect(throws: BrokerError.sinceNotIssued) {
            try harness.broker.history(of: topic, since: harness.id(11), limit: 2)
        }
    }

    @Test func historyPagesAreCappedByTheConfiguredMaximum() throws {
        var configuration = BrokerConfiguration()
        configuration.maxHistoryPage = 4
        let harness = Harness(configuration: configuration)
        for _ in 0..<10 { try harness.publish("t") }
        #expect(try harness.broker.history(of: Topic(validating: "t"), limit: 100).count == 4)
    }

    @Test func eventTimesNeverGoBackwards() throws {
        var harness = Harness()
        try harness.publish("t")
        harness.now -= 500
        try harness.publish("t")
        let times = try harness.broker.history(of: Topic(validating: "t"), limit: 10).map(\.timestampMillis)
        #expect(times == [1_000_000, 1_000_000])
    }
}
