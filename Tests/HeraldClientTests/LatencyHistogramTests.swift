import HeraldClient
import Testing

@Suite struct LatencyHistogramTests {
    @Test func percentilesOfAKnownDistribution() {
        var histogram = LatencyHistogram()
        // 1 µs … 1000 µs, one each.
        for microseconds in 1...1000 { histogram.record(nanoseconds: UInt64(microseconds) * 1000) }
        let summary = histogram.summary
        #expect(summary.count == 1000)
        // Three significant digits: within 0.1 % of the exact value.
        #expect(abs(Double(summary.p50) - 500_000) <= 500)
        #expect(abs(Double(summary.p90) - 900_000) <= 900)
        #expect(abs(Double(summary.p99) - 990_000) <= 990)
        #expect(abs(Double(summary.p999) - 999_000) <= 999)
        #expect(summary.max == 1_000_000)
        #expect(abs(summary.mean - 500_500) <= 500)
        #expect(summary.labelledValues.map(\.label) == ["p50", "p90", "p99", "p99.9", "max"])
    }

    @Test func emptyHistogramReportsZeros() {
        let summary = LatencyHistogram().summary
        #expect(summary == LatencySummary(count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0))
    }

    @Test func mergeAddsCountsAndValuesAboveTheRangeAreClamped() {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        first.record(nanoseconds: 1_000)
        second.record(nanoseconds: 2_000)
        second.record(nanoseconds: LatencyHistogram.highestTrackableNanoseconds * 2)
        first.merge(second)
        #expect(first.count == 3)
        #expect(first.clampedCount == 1)
        #expect(first.summary.max == LatencyHistogram.highestTrackableNanoseconds)
    }
}
