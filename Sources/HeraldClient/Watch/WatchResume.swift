/// How long `herald watch` waits before reconnecting: exponential backoff with
/// "equal jitter" (half the step fixed, half random), so a restarted gateway is
/// not hit by every client in the same millisecond, yet no client waits near
/// zero. Pure: the random source is passed in.
package struct ReconnectBackoff: Sendable, Equatable {
    /// The first pause, in milliseconds. 250 ms: a quick restart is barely noticed.
    package var initialMilliseconds = 250
    /// The longest pause, in milliseconds. 30 s: a gateway down for long is still
    /// tried twice a minute.
    package var maxMilliseconds = 30_000
    /// Failures in a row since the last successful connection.
    package private(set) var failures = 0

    /// A policy with the defaults above.
    package init(initialMilliseconds: Int = 250, maxMilliseconds: Int = 30_000) {
        self.initialMilliseconds = max(initialMilliseconds, 1)
        self.maxMilliseconds = max(maxMilliseconds, self.initialMilliseconds)
    }

    /// The step before jitter for the current failure count: doubling from
    /// `initialMilliseconds`, capped at `maxMilliseconds`.
    package var currentStepMilliseconds: Int {
        var step = initialMilliseconds
        for _ in 0..<min(failures, 32) where step < maxMilliseconds { step *= 2 }
        return min(step, maxMilliseconds)
    }

    /// Counts one more failure and returns the pause before the next attempt:
    /// between half the step and the whole step.
    package mutating func nextDelayMilliseconds(using generator: inout some RandomNumberGenerator) -> Int {
        let step = currentStepMilliseconds
        failures += 1
        let half = step / 2
        return half + Int.random(in: 0...(step - half), using: &generator)
    }

    /// A connection succeeded: the next failure starts from the first step again.
    package mutating func reset() {
        failures = 0
    }
}

/// Where a watch resumes after a reconnect: from the last event id it
/// printed, or, before any, from the `--since` it was given, or else from the
/// position the server's `welcome` gave on the first connection (its newest id
/// then), so a watch that has printed nothing yet still misses nothing
/// published while it was away. Ids are opaque: stored and sent back, never compared.
package struct ResumeState: Sendable, Equatable {
    /// `--since` as given (an event id or `earliest`), if any.
    package let initialSince: String?
    /// The id of the last event printed.
    package private(set) var lastPrintedID: String?
    /// The server's position from the welcome of a connection made without `since`.
    package private(set) var position: String?

    /// A state that has printed nothing yet.
    package init(initialSince: String?) {
        self.initialSince = initialSince
    }

    /// The `since` to subscribe with on the next connection: the last printed
    /// id, so that the server replays exactly what came after it.
    package var since: String? { lastPrintedID ?? initialSince ?? position }

    /// A connection's welcome said where the server stood. Taken only when that
    /// connection subscribed without `since`: one with `since` asked for a replay
    /// that may still be on its way, and its `since` must stay the resume point.
    package mutating func welcomed(position: String) {
        if since == nil { self.position = position }
    }

    /// Records that the event with `id` was printed.
    package mutating func printed(id: String) {
        lastPrintedID = id
    }
}
