import HeraldBroker
import Testing

@Suite struct ReplayLimitTests {
    private func limitingReplay(to count: Int) -> BrokerConfiguration {
        var configuration = BrokerConfiguration()
        configuration.maxReplayEvents = count
        return configuration
    }

    @Test func aWideReplayKeepsTheNewestEventsAndAnnouncesTheRest() throws {
        let harness = Harness(configuration: limitingReplay(to: 4))
        for topic in ["a.1", "a.2", "a.1", "a.3", "b.1", "a.2", "a.1", "a.3"] { try harness.publish(topic) }
        let outcome = try harness.subscribe(subscriber(1), "a.*", since: .after(harness.id(1)))
        #expect(outcome.replayedSequences == [4, 6, 7, 8])
        #expect(outcome.gap == GapNotice(since: .after(harness.id(1)), firstAvailable: harness.id(4)))
        try harness.publish("a.9")
        #expect(harness.log.sequences(for: subscriber(1)) == [9])
    }

    @Test func earliestCutToTheLimitGetsAGapNoticeSinceEarliest() throws {
        let harness = Harness(configuration: limitingReplay(to: 2))
        for _ in 0..<3 { try harness.publish("t") }
        let outcome = try harness.subscribe(subscriber(1), "t", since: .earliest)
        #expect(outcome.replayedSequences == [2, 3])
        #expect(outcome.gap == GapNotice(since: .earliest, firstAvailable: harness.id(2)))
    }

    @Test func aReplayExactlyAtTheLimitIsComplete() throws {
        let harness = Harness(configuration: limitingReplay(to: 3))
        for topic in ["x", "y", "x"] { try harness.publish(topic) }
        let outcome = try harness.subscribe(subscriber(1), ">", since: .earliest)
        #expect(outcome.replayedSequences == [1, 2, 3])
        #expect(outcome.gap == nil)
    }

    @Test func eventsAnotherSubscriptionCoveredDoNotCountAgainstTheLimit() throws {
        let harness = Harness(configuration: limitingReplay(to: 2))
        try harness.subscribe(subscriber(1), "a.*")
        for topic in ["b.x", "a.x", "b.y", "a.y", "a.z"] { try harness.publish(topic) }
        let outcome = try harness.subscribe(subscriber(1), "*.*", since: .after(harness.id(0)))
        #expect(outcome.replayedSequences == [1, 3])
        #expect(outcome.gap == nil)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func theNewestCutMatchesSortingEverything(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let limit = Int.random(in: 1...40, using: &random)
        let harness = Harness(configuration: limitingReplay(to: limit))
        var published: [(topic: String, sequence: UInt64)] = []
        for _ in 0..<200 {
            let topic = "t.\(Int.random(in: 0..<7, using: &random))"
            published.append((topic, try harness.publish(topic).id.sequence))
        }
        let since = UInt64.random(in: 0...150, using: &random)
        let outcome = try harness.subscribe(subscriber(1), "t.*", since: .after(harness.id(since)))
        let expected = published.map(\.sequence).filter { $0 > since }.suffix(limit)
        #expect(outcome.replayedSequences == Array(expected))
        #expect((outcome.gap != nil) == (200 - Int(since) > limit))
    }
}
