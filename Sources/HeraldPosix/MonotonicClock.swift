#if canImport(Glibc)
import Glibc
#endif

/// Milliseconds from `CLOCK_MONOTONIC`: the clock for timeouts, never wall time.
package enum MonotonicClock {
    /// Milliseconds since an arbitrary fixed point (boot).
    package static func nowMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1000 &+ UInt64(spec.tv_nsec / 1_000_000)
    }
}

/// Wall-clock time, for timestamps that people read (event envelopes, logs).
package enum WallClock {
    /// Milliseconds since the Unix epoch.
    package static func nowMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UInt64(spec.tv_sec) &* 1000 &+ UInt64(spec.tv_nsec / 1_000_000)
    }
}
