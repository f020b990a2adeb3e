import HeraldBroker
import Synchronization
import Testing

/// A one-way signal shared between tasks.
private final class Flag: Sendable {
    private let raised = Atomic<Bool>(false)
    var isRaised: Bool { raised.load(ordering: .acquiring) }
    func raise() { raised.store(true, ordering: .releasing) }
}

@Suite struct ConcurrentResumeTests {
    /// A publisher publishes (single events and batches) without pause while fresh subscribers resume from recent ids:
    /// for each subscriber, replay then live must be exactly the ids after `since`.
    @Test(.timeLimit(.minutes(1)))
    func replayThenLiveIsExactlyEveryIDAfterSinceWhileAPublisherRuns() async throws {
        let harness = Harness()
        let pattern = try TopicPattern(validating: "load.*")
        let stop = Flag()
        let publisherDone = Flag()
        let maxPublishes = 100_000
        let publisher = Task.detached {
            var published = 0
            while !stop.isRaised && published < maxPublishes {
                if published % 10 == 0 {
                    _ = try? harness.publishBatch([("load.a", nil), ("load.b", nil), ("load.a", nil)])
                    published += 3
                } else {
                    _ = try? harness.publish("load.\(published % 5)")
                    published += 1
                }
                // Leave the (two-thread) cooperative pool room for the subscribing task.
                if published % 16 == 0 { await Task.yield() }
            }
            publisherDone.raise()
        }

        var resumes: [(subscriber: SubscriberRef, since: UInt64, replayed: [UInt64])] = []
        var lastSeen: UInt64 = 0
        for index in 0..<300 {
            // Wait (without sleeping) for a new publish, so subscribes interleave with them.
            var newest = harness.broker.newestID?.sequence ?? 0
            while newest == lastSeen && !publisherDone.isRaised && !Task.isCancelled {
                await Task.yield()
                newest = harness.broker.newestID?.sequence ?? 0
            }
            lastSeen = newest
            let since = newest - min(newest, UInt64(index % 25))
            let subscriber = SubscriberRef(loop: index % 3, connection: UInt64(index))
            let outcome = try harness.broker.subscribe(subscriber, to: pattern, since: .after(harness.id(since)))
            #expect(outcome.gap == nil)
            resumes.append((subscriber, since, outcome.replayedSequences))
        }
        stop.raise()
        await publisher.value

        let final = try #require(harness.broker.newestID?.sequence)
        #expect(final >= 300)
        for resume in resumes {
            let received = resume.replayed + harness.log.sequences(for: resume.subscriber)
            let problem = firstDeviation(of: received, fromEveryIDAfter: resume.since, through: final)
            #expect(problem == nil, "subscriber \(resume.subscriber.connection), since \(resume.since)")
        }
    }

    /// Where `received` first differs from `since + 1 ... final` (kept short for failure output).
    private func firstDeviation(of received: [UInt64], fromEveryIDAfter since: UInt64, through final: UInt64) -> String?
    {
        var expected = since + 1
        for (position, sequence) in received.enumerated() {
            if sequence != expected {
                return "at position \(position): got \(sequence), expected \(expected)"
            }
            expected += 1
        }
        return expected == final + 1 ? nil : "ended at \(expected - 1), expected \(final)"
    }
}
