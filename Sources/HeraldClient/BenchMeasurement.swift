import HeraldPosix

/// The helpers every benchmark mode uses to split work over loops and to
/// measure a window.
enum BenchMeasurement {
    /// The meter for the configured server processes.
    /// - Throws: when one of them cannot be read (wrong pid, no permission).
    static func meter(for settings: BenchSettings) throws(ClientError) -> ProcessMeter {
        let meter = ProcessMeter(serverProcessIDs: settings.serverProcessIDs)
        if let pid = meter.firstUnreadableServerProcess() {
            throw .invalidSetting("--server-pid \(pid): cannot read /proc/\(pid)/stat (no such process?)")
        }
        return meter
    }

    /// How many of `total` items worker `worker` of `workers` gets (round-robin).
    static func share(of total: Int, worker: Int, of workers: Int) -> Int {
        total / workers + (worker < total % workers ? 1 : 0)
    }

    /// A measured window: process samples and counter totals at its start.
    struct Window {
        let meter: ProcessMeter
        let engine: BenchEngine
        let startNanoseconds: UInt64
        let start: ProcessMeter.Sample
        let totals: BenchTotals

        /// Opens the window now.
        init(meter: ProcessMeter, engine: BenchEngine) {
            self.meter = meter
            self.engine = engine
            totals = engine.totals
            start = meter.sample()
            startNanoseconds = MonotonicClock.nowNanoseconds()
        }

        /// Closes the window now: the usage over it and the totals at its end.
        func end() -> (ProcessUsage, BenchTotals) {
            let end = meter.sample()
            let seconds = Double(MonotonicClock.nowNanoseconds() - startNanoseconds) / 1e9
            return (ProcessUsage(from: start, to: end, windowSeconds: seconds), engine.totals)
        }
    }
}
