import HeraldClient
import Testing

@Suite struct TokenBucketTests {
    @Test func unlimitedGrantsEverything() {
        var bucket = TokenBucket(ratePerSecond: nil, burst: 1)
        #expect(bucket.take(upTo: 500, nowNanoseconds: 0) == 500)
    }

    @Test func pacesToTheRate() {
        var bucket = TokenBucket(ratePerSecond: 100, burst: 10)
        var granted = bucket.take(upTo: 1000, nowNanoseconds: 1_000_000_000)
        #expect(granted == 1)  // the first call starts with one token
        // 1 ms steps for one second: 100 more tokens.
        for step in 1...1000 {
            granted += bucket.take(upTo: 1000, nowNanoseconds: 1_000_000_000 + UInt64(step) * 1_000_000)
        }
        #expect((100...101).contains(granted))
    }

    @Test func aStallIsFollowedByAtMostTheBurst() {
        var bucket = TokenBucket(ratePerSecond: 1000, burst: 50)
        _ = bucket.take(upTo: 1, nowNanoseconds: 0)
        #expect(bucket.take(upTo: 10_000, nowNanoseconds: 10_000_000_000) == 50)
    }
}
