import HeraldPosix

/// Runs load-generator loops and steers them from the calling thread:
/// waits for connections, starts and stops traffic, samples counters once a
/// second for progress, and collects the latencies when the loops are done.
///
/// Not Sendable: it lives on the thread that runs the benchmark. The workers
/// it holds are touched by that thread only before the loops start and after
/// they have been joined; in between, only through loop jobs and the atomic counters.
final class BenchEngine {
    /// Progress is reported at this interval.
    static let progressIntervalNanoseconds: UInt64 = 1_000_000_000

    private let group: EventLoopGroup
    private let workers: [BenchWorker]
    private let progress: (BenchProgress) -> Void
    private var stopped = false
    private var lastProgress: (nanoseconds: UInt64, totals: BenchTotals)
    let startNanoseconds = MonotonicClock.nowNanoseconds()
    /// The phase shown on progress lines.
    var phase = "connect"

    /// Creates one loop per plan and starts them; connecting begins at once.
    init(plans: [WorkerPlan], tickMilliseconds: Int, progress: @escaping (BenchProgress) -> Void) throws(ClientError) {
        do throws(SystemError) {
            group = try EventLoopGroup(count: plans.count, tickMilliseconds: tickMilliseconds)
        } catch {
            throw .system(error)
        }
        var workers: [BenchWorker] = []
        for (loop, plan) in zip(group.loops, plans) {
            let worker = BenchWorker(loop: loop, plan: plan)
            loop.delegate = worker
            loop.attachment = worker
            workers.append(worker)
        }
        self.workers = workers
        self.progress = progress
        lastProgress = (startNanoseconds, BenchTotals())
        do throws(SystemError) {
            try group.start { _ in }
        } catch {
            throw .system(error)
        }
    }

    deinit {
        if !stopped { group.stopAndJoin() }
    }

    /// Connections all loops will open.
    var plannedConnections: Int { workers.reduce(0) { $0 + $1.plannedConnections } }

    /// Counters summed over loops, now.
    var totals: BenchTotals {
        workers.reduce(BenchTotals()) { $0 + $1.counters.snapshot }
    }

    /// Runs `job` on every loop.
    func onEveryLoop(_ job: @escaping @Sendable (BenchWorker) -> Void) {
        for worker in workers {
            worker.loop.execute { loop in
                if let worker = loop.attachment as? BenchWorker { job(worker) }
            }
        }
    }

    /// Waits until every planned connection is open, reporting progress. On failure the
    /// engine is shut down before the error is thrown.
    /// - Throws: as soon as one fails (with the first failure's reason), or
    ///   `timedOut` after `timeoutSeconds`.
    func waitForConnections(timeoutSeconds: Double) throws(ClientError) {
        do {
            try awaitConnections(timeoutSeconds: timeoutSeconds)
        } catch {
            _ = finish(closeTimeoutSeconds: 1)
            throw error
        }
    }

    /// Runs the sending phase: every worker sends from now until `seconds` after
    /// `startNanoseconds`. Returns when sending stopped.
    func send(forSeconds seconds: Double, from startNanoseconds: UInt64) -> UInt64 {
        phase = "run"
        onEveryLoop { $0.startSending() }
        wait(untilNanoseconds: startNanoseconds + UInt64(seconds * 1e9))
        onEveryLoop { $0.stopSending() }
        return MonotonicClock.nowNanoseconds()
    }

    private func awaitConnections(timeoutSeconds: Double) throws(ClientError) {
        let planned = plannedConnections
        let deadline = MonotonicClock.nowNanoseconds() + UInt64(timeoutSeconds * 1e9)
        while true {
            let now = totals
            if now.failed > 0 {
                throw .connectionsFailed(
                    "\(now.failed) of \(planned) connections failed (\(now.opened) open); first: \(now.firstError ?? "?")"
                )
            }
            if now.opened >= planned { return }
            guard MonotonicClock.nowNanoseconds() < deadline else {
                throw .timedOut("only \(now.opened) of \(planned) connections open after \(timeoutSeconds) s")
            }
            pause(untilNanoseconds: min(deadline, MonotonicClock.nowNanoseconds() + 50_000_000))
        }
    }

    /// Sleeps until `deadline`, reporting progress once a second; returns
    /// early when `until` (checked every 50 ms) says so.
    func wait(untilNanoseconds deadline: UInt64, until done: (BenchTotals) -> Bool = { _ in false }) {
        while MonotonicClock.nowNanoseconds() < deadline {
            if done(totals) { return }
            pause(untilNanoseconds: min(deadline, MonotonicClock.nowNanoseconds() + 50_000_000))
        }
    }

    /// Closes every connection (with a closing handshake where there is one),
    /// waits up to `timeoutSeconds` for them to go, then stops the loops and
    /// returns the merged latencies.
    func finish(closeTimeoutSeconds: Double) -> LatencyHistogram {
        phase = "close"
        onEveryLoop { $0.closeAll() }
        let deadline = MonotonicClock.nowNanoseconds() + UInt64(closeTimeoutSeconds * 1e9)
        let started = totals.opened
        wait(untilNanoseconds: deadline) { $0.closed >= started + $0.failed }
        onEveryLoop { $0.abortAll() }
        group.stopAndJoin()
        stopped = true
        var merged = LatencyHistogram()
        for worker in workers { merged.merge(worker.latencies) }
        return merged
    }

    private func pause(untilNanoseconds deadline: UInt64) {
        MonotonicClock.sleep(untilNanoseconds: deadline)
        let now = MonotonicClock.nowNanoseconds()
        guard now - lastProgress.nanoseconds >= Self.progressIntervalNanoseconds else { return }
        let current = totals
        progress(
            BenchProgress(
                phase: phase, elapsedSeconds: Double(now - startNanoseconds) / 1e9,
                intervalSeconds: Double(now - lastProgress.nanoseconds) / 1e9, totals: current,
                previous: lastProgress.totals, plannedConnections: plannedConnections))
        lastProgress = (now, current)
    }
}

/// A once-a-second look at a running benchmark.
package struct BenchProgress: Sendable {
    /// `connect`, `run`, `drain`, `hold` or `close`.
    package var phase: String
    /// Seconds since the benchmark started.
    package var elapsedSeconds: Double
    /// Seconds since the previous progress report.
    package var intervalSeconds: Double
    /// Totals now.
    package var totals: BenchTotals
    /// Totals at the previous report.
    package var previous: BenchTotals
    /// Connections planned in all.
    package var plannedConnections: Int

    /// Events per second over the last interval for a counter.
    package func rate(_ counter: (BenchTotals) -> Int) -> Double {
        intervalSeconds > 0 ? Double(counter(totals) - counter(previous)) / intervalSeconds : 0
    }
}
