#if canImport(Glibc)
    import Glibc
#endif

extension MonotonicClock {
    /// Nanoseconds from `CLOCK_MONOTONIC`, which is system-wide: a timestamp
    /// taken in one process can be compared with one taken in another on the
    /// same machine (publisher and subscriber processes of a benchmark).
    package static func nowNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}

extension MonotonicClock {
    /// Blocks the calling thread until `CLOCK_MONOTONIC` reads `deadlineNanoseconds`
    /// (a benchmark's controlling thread pacing its once-a-second report).
    package static func sleep(untilNanoseconds deadlineNanoseconds: UInt64) {
        var deadline = timespec(
            tv_sec: Int(deadlineNanoseconds / 1_000_000_000), tv_nsec: Int(deadlineNanoseconds % 1_000_000_000))
        // clock_nanosleep returns the error number (EINTR) instead of setting errno: retry until reached.
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
    }
}
