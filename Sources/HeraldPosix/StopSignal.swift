import CHeraldLinux
#if canImport(Glibc)
    import Glibc
#endif

/// A one-way "stop now" flag that a blocking client thread can wait on beside
/// its socket: an eventfd that `signal()` makes readable for good.
///
/// The terminal client's watch thread waits in `poll(2)` on its socket and on
/// this fd, so Ctrl-C (or a test) ends a wait for input or a backoff pause at
/// once, with no busy loop and no socket shutdown racing a close.
/// Sendable: the fd is immutable and eventfd writes and polls are thread-safe.
package final class StopSignal: Sendable {
    /// What ended a `wait`.
    package enum WaitOutcome: Sendable, Equatable {
        /// The descriptor waited on is readable (or at end of stream, or failed).
        case readable
        /// `signal()` was called.
        case stopped
        /// The timeout passed first.
        case timedOut
    }

    private let descriptor: Int32

    /// A fresh, unsignalled stop flag.
    /// - Throws: when no eventfd can be had.
    package init() throws(SystemError) {
        descriptor = try EventFD.eventfd()
    }

    deinit {
        Posix.close(descriptor: descriptor)
    }

    /// Sets the flag; every current and later `wait` returns `.stopped`.
    package func signal() {
        EventFD.signal(descriptor)
    }

    /// Whether `signal()` was called.
    package var isSignalled: Bool {
        wait(for: nil, timeoutMilliseconds: 0) == .stopped
    }

    /// Blocks until `socket` is readable, the flag is set, or
    /// `timeoutMilliseconds` pass (negative: no timeout). With `socket` nil it
    /// is an interruptible sleep. The flag wins over a readable socket.
    package func wait(for socket: Int32?, timeoutMilliseconds: Int) -> WaitOutcome {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        if let socket { fds.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0)) }
        let deadline = MonotonicClock.nowMilliseconds() + UInt64(max(timeoutMilliseconds, 0))
        while true {
            var remaining = -1
            if timeoutMilliseconds >= 0 {
                let now = MonotonicClock.nowMilliseconds()
                remaining = now >= deadline ? 0 : Int(deadline - now)
            }
            let count = fds.withUnsafeMutableBufferPointer {
                Glibc.poll($0.baseAddress, nfds_t($0.count), Int32(clamping: remaining))
            }
            if count < 0 {
                if Glibc.errno == EINTR { continue }
                // poll on two valid fds only fails for lack of memory: treat it as a stop.
                return .stopped
            }
            if fds[0].revents != 0 { return .stopped }
            if fds.count > 1 && fds[1].revents != 0 { return .readable }
            return .timedOut
        }
    }
}
