import HeraldPosix
import Synchronization
import Testing

@Suite struct EventLoopTests {
    @Test func jobsFromManyThreadsRunOnTheLoopInSubmissionOrderPerThread() async throws {
        let group = try EventLoopGroup(count: 1)
        try group.start { _ in }
        defer { group.stopAndJoin() }
        let loop = group.loops[0]
        let seen = Recorder()
        let total = 4 * 1000
        await withTaskGroup(of: Void.self) { tasks in
            for producer in 0..<4 {
                tasks.addTask {
                    for sequence in 0..<1000 {
                        loop.execute { _ in seen.sequences.withLock { $0[producer, default: []].append(sequence) } }
                    }
                }
            }
        }
        let done = await waitUntil { seen.sequences.withLock { $0.values.reduce(0) { $0 + $1.count } } == total }
        #expect(done)
        seen.sequences.withLock { perProducer in
            for (_, sequences) in perProducer { #expect(sequences == Array(0..<1000)) }
        }
    }

    @Test func theCoarseTimerTicksTheDelegate() async throws {
        let group = try EventLoopGroup(count: 1, tickMilliseconds: 10)
        let ticks = TickCounter()
        try group.start { loop in loop.delegate = ticks.makeDelegate() }
        defer { group.stopAndJoin() }
        #expect(await waitUntil { ticks.value >= 3 })
    }
}

/// Counts ticks across threads; the delegate it makes lives on the loop.
final class TickCounter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }

    func makeDelegate() -> any EventLoopDelegate { Delegate(counter: self) }

    private final class Delegate: EventLoopDelegate {
        let counter: TickCounter
        init(counter: TickCounter) { self.counter = counter }
        func loopDidTick(nowMilliseconds: UInt64) { counter.count.add(1, ordering: .relaxed) }
        func loopWillSleep() {}
    }
}

/// Waits (bounded) for a condition set by another thread.
func waitUntil(seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// Sequences seen per producer, shared with the loop thread.
final class Recorder: Sendable {
    let sequences = Mutex<[Int: [Int]]>([:])
}
