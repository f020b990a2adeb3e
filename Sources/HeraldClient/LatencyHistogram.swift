import Histogram

/// Latencies in nanoseconds, kept in an HdrHistogram: fixed memory, no
/// allocation per recorded value, three significant digits.
///
/// Loop-confined: each load-generator loop records into its own; they are
/// merged once the loops have stopped.
package struct LatencyHistogram {
    /// The largest latency told apart: one minute. Anything slower is
    /// recorded as one minute (and counted in `clampedCount`).
    package static let highestTrackableNanoseconds: UInt64 = 60 * 1_000_000_000

    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: highestTrackableNanoseconds,
        numberOfSignificantValueDigits: .three)
    /// Values above `highestTrackableNanoseconds`, recorded at that value.
    package private(set) var clampedCount = 0

    package init() {}

    /// Records one latency.
    package mutating func record(nanoseconds: UInt64) {
        if nanoseconds > Self.highestTrackableNanoseconds {
            clampedCount += 1
            histogram.record(Self.highestTrackableNanoseconds)
        } else {
            histogram.record(nanoseconds)
        }
    }

    /// Adds every value of `other`.
    package mutating func merge(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
        clampedCount += other.clampedCount
    }

    /// Number of recorded values.
    package var count: UInt64 { histogram.totalCount }

    /// The percentiles a report prints.
    package var summary: LatencySummary {
        LatencySummary(
            count: histogram.totalCount,
            mean: histogram.totalCount == 0 ? 0 : histogram.mean,
            p50: histogram.valueAtPercentile(50),
            p90: histogram.valueAtPercentile(90),
            p99: histogram.valueAtPercentile(99),
            p999: histogram.valueAtPercentile(99.9),
            max: histogram.totalCount == 0 ? 0 : histogram.maxRecorded)
    }
}

/// Latency percentiles, in nanoseconds (HdrHistogram's equivalent values:
/// within 0.1% of the recorded ones).
package struct LatencySummary: Sendable, Codable, Equatable {
    /// Number of samples.
    package var count: UInt64
    /// Arithmetic mean.
    package var mean: Double
    package var p50: UInt64
    package var p90: UInt64
    package var p99: UInt64
    /// The 99.9th percentile.
    package var p999: UInt64
    /// The largest value recorded, exactly.
    package var max: UInt64

    package init(count: UInt64, mean: Double, p50: UInt64, p90: UInt64, p99: UInt64, p999: UInt64, max: UInt64) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }

    /// The percentile values in order, labelled as a report prints them.
    package var labelledValues: [(label: String, nanoseconds: UInt64)] {
        [("p50", p50), ("p90", p90), ("p99", p99), ("p99.9", p999), ("max", max)]
    }
}
