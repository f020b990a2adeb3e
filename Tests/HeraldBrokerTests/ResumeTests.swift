import HeraldBroker
import Testing

@Suite struct ResumeTests {
    private func keeping(count: Int) -> BrokerConfiguration {
        var configuration = BrokerConfiguration()
        configuration.history.maxEventsPerTopic = count
        return configuration
    }

    @Test func replayFollowsIdOrderAcrossEveryTopicOfAWildcard() throws {
        let harness = Harness()
        for topic in ["a.x", "a.y", "b.z", "a.x", "a.w", "a.y.deep", "a.y"] {
            try harness.publish(topic)
        }
        let outcome = try harness.subscribe(subscriber(1), "a.*", since: .after(harness.id(1)))
        #expect(outcome.gap == nil)
        #expect(outcome.replayedSequences == [2, 4, 5, 7])
        let live = try harness.publish("a.z")
        #expect(harness.log.sequences(for: subscriber(1)) == [live.id.sequence])
    }

    @Test func sinceTheNewestIDReplaysNothingAndGoesLive() throws {
        let harness = Harness()
        try harness.publish("t")
        let outcome = try harness.subscribe(subscriber(1), "t", since: .after(harness.id(1)))
        #expect(outcome.replay.isEmpty)
        #expect(outcome.gap == nil)
        try harness.publish("t")
        #expect(harness.log.sequences(for: subscriber(1)) == [2])
    }

    @Test func evictedEventsAfterSinceAreAnnouncedAsAGap() throws {
        let harness = Harness(configuration: keeping(count: 2))
        for _ in 0..<5 { try harness.publish("t") }
        let outcome = try harness.subscribe(subscriber(1), "t", since: .after(harness.id(1)))
        #expect(outcome.gap == GapNotice(since: .after(harness.id(1)), firstAvailable: harness.id(4)))
        #expect(outcome.replayedSequences == [4, 5])
    }

    @Test func noGapWhenHistoryStillCoversSince() throws {
        let harness = Harness(configuration: keeping(count: 2))
        for _ in 0..<5 { try harness.publish("t") }
        try harness.publish("other")
        let outcome = try harness.subscribe(subscriber(1), "t", since: .after(harness.id(3)))
        #expect(outcome.gap == nil)
        #expect(outcome.replayedSequences == [4, 5])
    }

    @Test func evictionOnATopicThePatternDoesNotMatchIsNoGap() throws {
        let harness = Harness(configuration: keeping(count: 1))
        try harness.publish("mine")
        for _ in 0..<3 { try harness.publish("theirs") }
        let outcome = try harness.subscribe(subscriber(1), "mine", since: .after(harness.id(0)))
        #expect(outcome.gap == nil)
        #expect(outcome.replayedSequences == [1])
    }

    @Test func aTopicForgottenAfterSinceIsAnnouncedAsAGap() throws {
        var configuration = BrokerConfiguration()
        configuration.history.maxAgeMillis = 1_000
        var harness = Harness(configuration: configuration)
        try harness.publish("gone.one")
        harness.now += 2_000
        harness.broker.sweep(now: harness.now)
        #expect(harness.broker.topics().isEmpty)
        let outcome = try harness.subscribe(subscriber(1), "gone.*", since: .after(harness.id(0)))
        #expect(outcome.gap == GapNotice(since: .after(harness.id(0)), firstAvailable: nil))
        #expect(outcome.replay.isEmpty)
    }

    @Test func sinceBeyondTheNewestIDIsBadSinceAndSubscribesNothing() throws {
        let harness = Harness()
        try harness.publish("t")
        #expect(throws: BrokerError.sinceNotIssued) {
            try harness.subscribe(subscriber(1), "t", since: .after(harness.id(2)))
        }
        #expect(harness.broker.stats.subscriptions == 0)
        #expect(try harness.publish("t").recipients == 0)
    }

    @Test func earliestReplaysEverythingRetainedWithoutAGap() throws {
        let harness = Harness(configuration: keeping(count: 2))
        for topic in ["a.1", "a.1", "a.1", "a.2", "b.1"] { try harness.publish(topic) }
        let outcome = try harness.subscribe(subscriber(1), "a.>", since: .earliest)
        #expect(outcome.gap == nil)
        #expect(outcome.replayedSequences == [2, 3, 4])
    }

    @Test func anIDFromAnotherEpochGetsAGapAndTheFullReplay() throws {
        let before = Harness(epoch: "aaaaaa")
        for _ in 0..<3 { try before.publish("t") }
        let lastSeen = try #require(before.broker.newestID)

        let restarted = Harness(epoch: "bbbbbb")
        for topic in ["t", "u", "t"] { try restarted.publish(topic) }
        let outcome = try restarted.subscribe(subscriber(1), "t", since: .after(lastSeen))
        #expect(outcome.gap == GapNotice(since: .after(lastSeen), firstAvailable: restarted.id(1)))
        #expect(outcome.replayedSequences == [1, 3])

        let farFuture = EventID(epoch: before.broker.epoch, sequence: 1_000_000)
        let empty = try Harness(epoch: "cccccc").subscribe(subscriber(1), "t", since: .after(farFuture))
        #expect(empty.gap == GapNotice(since: .after(farFuture), firstAvailable: nil))
    }

    @Test func aSecondPatternDoesNotReplayWhatTheFirstAlreadyDelivered() throws {
        let harness = Harness()
        try harness.subscribe(subscriber(1), "a.*")
        for topic in ["a.x", "a.y.z", "a.w", "b.q"] { try harness.publish(topic) }
        #expect(harness.log.sequences(for: subscriber(1)) == [1, 3])
        let outcome = try harness.subscribe(subscriber(1), "a.>", since: .after(harness.id(0)))
        #expect(outcome.replayedSequences == [2])
        try harness.publish("a.v")
        #expect(harness.log.sequences(for: subscriber(1)) == [1, 3, 5])
    }

    @Test func resubscribingWithSinceReplaysOnlyWhatThePatternHadNotCovered() throws {
        let harness = Harness()
        try harness.publish("t")
        try harness.publish("t")
        try harness.subscribe(subscriber(1), "t")
        try harness.publish("t")
        let again = try harness.subscribe(subscriber(1), "t", since: .after(harness.id(0)))
        #expect(again.replaced)
        #expect(again.replayedSequences == [1, 2])
        let thrice = try harness.subscribe(subscriber(1), "t", since: .earliest)
        #expect(thrice.replay.isEmpty)
        #expect(harness.log.sequences(for: subscriber(1)) == [3])
    }

    @Test func replaysOfTwoPatternsGiveEachEventOnce() throws {
        let harness = Harness()
        for topic in ["a.b", "a.c", "x.b"] { try harness.publish(topic) }
        let first = try harness.subscribe(subscriber(1), "a.*", since: .earliest)
        let second = try harness.subscribe(subscriber(1), "*.b", since: .earliest)
        #expect(first.replayedSequences == [1, 2])
        #expect(second.replayedSequences == [3])
    }
}
