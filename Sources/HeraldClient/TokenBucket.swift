/// Paces work to a rate: connection attempts per second, events per second.
///
/// Tokens accrue continuously at `ratePerSecond` up to `burst`; `take` hands
/// out whole tokens. Driven by the caller's clock, so it is tested without
/// sleeping.
package struct TokenBucket: Sendable {
    /// Tokens added per second; `nil` means unlimited.
    package let ratePerSecond: Double?
    /// The most tokens that can build up while nobody takes them, so a stall
    /// is not followed by a burst larger than this.
    package let burst: Double
    private var tokens: Double
    private var lastNanoseconds: UInt64?

    /// - Parameters:
    ///   - ratePerSecond: tokens per second; `nil` (or not positive) for no limit.
    ///   - burst: the cap on saved-up tokens; at least 1.
    package init(ratePerSecond: Double?, burst: Double) {
        self.ratePerSecond = ratePerSecond.flatMap { $0 > 0 ? $0 : nil }
        self.burst = max(burst, 1)
        tokens = 0
    }

    /// Takes up to `wanted` tokens at `nowNanoseconds` and returns how many it got.
    package mutating func take(upTo wanted: Int, nowNanoseconds: UInt64) -> Int {
        guard wanted > 0 else {
            refill(nowNanoseconds: nowNanoseconds)
            return 0
        }
        guard ratePerSecond != nil else { return wanted }
        refill(nowNanoseconds: nowNanoseconds)
        let granted = min(wanted, Int(tokens.rounded(.down)))
        tokens -= Double(granted)
        return granted
    }

    private mutating func refill(nowNanoseconds: UInt64) {
        guard let ratePerSecond else { return }
        guard let last = lastNanoseconds else {
            // The first call starts the clock with one token, so work begins at once.
            lastNanoseconds = nowNanoseconds
            tokens = min(1, burst)
            return
        }
        guard nowNanoseconds > last else { return }
        tokens = min(burst, tokens + Double(nowNanoseconds - last) * ratePerSecond / 1e9)
        lastNanoseconds = nowNanoseconds
    }
}
