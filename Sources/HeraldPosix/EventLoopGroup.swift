import Synchronization

/// N event loops, each on its own thread.
package final class EventLoopGroup: Sendable {
    /// The loops, indexed by `EventLoop.index`.
    package let loops: [EventLoop]
    private let threads = Mutex<[PosixThread]>([])

    /// Creates `count` loops (not yet running).
    package init(count: Int, tickMilliseconds: Int = 250) throws(SystemError) {
        var loops: [EventLoop] = []
        for index in 0..<max(count, 1) {
            loops.append(try EventLoop(index: index, tickMilliseconds: tickMilliseconds))
        }
        self.loops = loops
    }

    /// Starts a thread per loop; `prepare` runs on each loop's thread before its first iteration.
    package func start(prepare: @escaping @Sendable (EventLoop) -> Void) throws(SystemError) {
        var started: [PosixThread] = []
        for loop in loops {
            started.append(try PosixThread.spawn(name: "herald-loop-\(loop.index)") {
                prepare(loop)
                loop.run()
            })
        }
        threads.withLock { $0 = started }
    }

    /// Stops every loop and waits for its thread.
    package func stopAndJoin() {
        for loop in loops { loop.stop() }
        let joined = threads.withLock { threads in
            defer { threads = [] }
            return threads
        }
        for thread in joined { thread.join() }
    }
}
