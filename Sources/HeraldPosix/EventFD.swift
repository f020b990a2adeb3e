import CHeraldLinux
#if canImport(Glibc)
import Glibc
#endif

/// eventfd: how another thread wakes a loop that sleeps in epoll_wait.
package enum EventFD {
    static func eventfd() throws(SystemError) -> Int32 {
        try blockingSystemCall("eventfd") { CHeraldLinux.eventfd(0, herald_EFD_NONBLOCK | herald_EFD_CLOEXEC) }
    }

    /// Adds one to the counter; a full counter (`EAGAIN`) already means "wake up".
    static func signal(_ descriptor: Int32) {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Glibc.write(descriptor, $0.baseAddress, 8) }
    }

    /// Resets the counter so the fd stops being readable.
    static func drain(_ descriptor: Int32) {
        var value: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &value) { Glibc.read(descriptor, $0.baseAddress, 8) }
    }
}

/// timerfd: the loop's coarse periodic tick.
package enum TimerFD {
    static func timerfd_create() throws(SystemError) -> Int32 {
        try blockingSystemCall("timerfd_create") {
            CHeraldLinux.timerfd_create(CLOCK_MONOTONIC, herald_TFD_NONBLOCK | herald_TFD_CLOEXEC)
        }
    }

    static func setPeriodic(_ descriptor: Int32, milliseconds: Int) throws(SystemError) {
        let interval = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var spec = itimerspec(it_interval: interval, it_value: interval)
        _ = try blockingSystemCall("timerfd_settime") { CHeraldLinux.timerfd_settime(descriptor, 0, &spec, nil) }
    }

    /// Reads the expiry count so the fd stops being readable.
    static func drain(_ descriptor: Int32) {
        EventFD.drain(descriptor)
    }
}
