import CHeraldLinux
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Something registered with a loop that wants to hear when its fd is ready.
package protocol EventHandler: AnyObject {
    /// Called on the loop's thread with the ready bits.
    func handle(events: Epoll.Events)
}

/// The owner of a loop's connections: told about ticks and when the loop is about to sleep.
package protocol EventLoopDelegate: AnyObject {
    /// The coarse timer fired; `nowMilliseconds` is monotonic.
    func loopDidTick(nowMilliseconds: UInt64)
    /// Everything ready has been handled: flush dirty connections and close
    /// the ones marked for closing (never mid-iteration).
    func loopWillSleep()
    /// How long the loop may sleep in `epoll_wait` now, in milliseconds; -1 for until an fd,
    /// a job or the tick wakes it (the default).
    func sleepTimeoutMilliseconds() -> Int32
}

extension EventLoopDelegate {
    package func sleepTimeoutMilliseconds() -> Int32 { -1 }
}

/// A registered fd: the fd plus a generation, packed into epoll's user data
/// so an event that arrives for a closed fd that was since reused is dropped.
package struct Registration: Equatable, Sendable {
    package let descriptor: Int32
    let generation: UInt32

    var epollData: UInt64 { UInt64(generation) << 32 | UInt64(UInt32(bitPattern: descriptor)) }
}

/// One event loop: a thread with its own epoll, an eventfd for jobs from other
/// threads and a coarse timerfd tick.
///
/// A tick: wait → handle ready fds → run jobs → tell the delegate it is about
/// to sleep (flush, close). Connections live on one loop for life.
// @unchecked Sendable: only `execute`, `stop` and the `let` properties are touched
// from other threads (jobs and the stop flag are behind Mutex/Atomic); everything
// else is confined to the loop's own thread.
package final class EventLoop: @unchecked Sendable {
    /// Position of this loop in its group.
    package let index: Int
    /// Size of the read buffer shared by the loop's connections.
    package static let readBufferBytes = 64 * 1024

    private let poller: Poller
    private let wakeDescriptor: Int32
    private let timerDescriptor: Int32
    private let tickMilliseconds: Int
    private let pendingJobs = Mutex<[@Sendable (EventLoop) -> Void]>([])
    private let stopRequested = Atomic<Bool>(false)

    // MARK: Variables, on the loop's thread only
    private var handlers: [Int32: (generation: UInt32, handler: any EventHandler)] = [:]
    private var nextGeneration: UInt32 = 1
    private var runningJobs: [@Sendable (EventLoop) -> Void] = []
    /// Receives ticks and the before-sleep call. Set before `run()` or on the loop.
    package var delegate: (any EventLoopDelegate)?
    /// Anything the owner wants to reach from jobs (the gateway's per-loop state).
    package var attachment: AnyObject?
    /// Monotonic milliseconds at the start of the current iteration.
    package private(set) var nowMilliseconds: UInt64
    /// Scratch read buffer, shared by every connection on this loop.
    package let readBuffer: UnsafeMutableRawBufferPointer
    /// Scratch iovec array for `OutboundBuffer.flush`.
    package let vectorScratch: IOVectorScratch

    package init(index: Int, tickMilliseconds: Int = 250) throws(SystemError) {
        self.index = index
        self.tickMilliseconds = tickMilliseconds
        poller = try Poller()
        wakeDescriptor = try EventFD.eventfd()
        timerDescriptor = try TimerFD.timerfd_create()
        nowMilliseconds = MonotonicClock.nowMilliseconds()
        readBuffer = .allocate(byteCount: Self.readBufferBytes, alignment: 16)
        vectorScratch = IOVectorScratch()
        try TimerFD.setPeriodic(timerDescriptor, milliseconds: tickMilliseconds)
        try poller.add(wakeDescriptor, events: .input, data: 0)
        try poller.add(timerDescriptor, events: .input, data: 1)
    }

    deinit {
        Posix.close(descriptor: wakeDescriptor)
        Posix.close(descriptor: timerDescriptor)
        readBuffer.deallocate()
        vectorScratch.deallocate()
    }

    // MARK: From any thread

    /// Runs `job` on the loop's thread soon. Jobs run in the order they were submitted.
    package func execute(_ job: @escaping @Sendable (EventLoop) -> Void) {
        if enqueue(job) { wake() }
    }

    /// Queues `job` without waking the loop; returns true when the caller must call
    /// `wake()` (the queue was empty). Lets a caller holding a lock of its own
    /// (the broker) queue in order and make the eventfd syscall after releasing it.
    package func enqueue(_ job: @escaping @Sendable (EventLoop) -> Void) -> Bool {
        pendingJobs.withLock { jobs in
            jobs.append(job)
            return jobs.count == 1
        }
    }

    /// Wakes the loop from epoll_wait (after `enqueue` said so).
    package func wake() {
        EventFD.signal(wakeDescriptor)
    }

    /// Asks the loop to return from `run()` after its current iteration.
    package func stop() {
        stopRequested.store(true, ordering: .releasing)
        EventFD.signal(wakeDescriptor)
    }

    // MARK: On the loop's thread

    /// Adds `descriptor` to the epoll set with `interest`.
    package func register(
        descriptor: Int32, interest: Epoll.Events, handler: any EventHandler
    ) throws(SystemError) -> Registration {
        nextGeneration = nextGeneration == UInt32.max ? 2 : nextGeneration + 1
        let registration = Registration(descriptor: descriptor, generation: nextGeneration)
        try poller.add(descriptor, events: interest, data: registration.epollData)
        handlers[descriptor] = (registration.generation, handler)
        return registration
    }

    /// Changes what the loop waits for on a registered fd.
    package func modify(_ registration: Registration, interest: Epoll.Events) {
        try? poller.modify(registration.descriptor, events: interest, data: registration.epollData)
    }

    /// Removes the fd from the epoll set (it is not closed).
    package func deregister(_ registration: Registration) {
        guard let entry = handlers[registration.descriptor], entry.generation == registration.generation else { return }
        handlers[registration.descriptor] = nil
        poller.remove(registration.descriptor)
    }

    /// Number of registered fds (connections and listeners).
    package var registeredCount: Int { handlers.count }

    /// Runs the loop until `stop()`.
    package func run() {
        while !stopRequested.load(ordering: .acquiring) {
            do {
                let timeout = delegate?.sleepTimeoutMilliseconds() ?? -1
                try poller.wait(timeoutMilliseconds: timeout) { events, data in dispatch(events: events, data: data) }
            } catch {
                // epoll_wait fails only on a programming error (EINVAL) or EINTR, which is retried.
                break
            }
            runJobs()
            delegate?.loopWillSleep()
        }
        runJobs()
        delegate?.loopWillSleep()
    }

    private func dispatch(events: Epoll.Events, data: UInt64) {
        nowMilliseconds = MonotonicClock.nowMilliseconds()
        switch data {
        case 0:
            EventFD.drain(wakeDescriptor)
        case 1:
            TimerFD.drain(timerDescriptor)
            delegate?.loopDidTick(nowMilliseconds: nowMilliseconds)
        default:
            let descriptor = Int32(bitPattern: UInt32(truncatingIfNeeded: data))
            let generation = UInt32(truncatingIfNeeded: data >> 32)
            // A stale event for an fd closed earlier in this iteration (and maybe reused) is dropped.
            guard let entry = handlers[descriptor], entry.generation == generation else { return }
            entry.handler.handle(events: events)
        }
    }

    private func runJobs() {
        pendingJobs.withLock { swap(&$0, &runningJobs) }
        guard !runningJobs.isEmpty else { return }
        nowMilliseconds = MonotonicClock.nowMilliseconds()
        for job in runningJobs { job(self) }
        runningJobs.removeAll(keepingCapacity: true)
    }
}
