import Glibc
import HeraldPosix
import Testing

/// `StopSignal`: the watch thread's interruptible wait.
@Suite(.timeLimit(.minutes(1)))
struct StopSignalTests {
    @Test func aWaitWithNothingToWaitForTimesOut() throws {
        let stop = try StopSignal()
        let started = MonotonicClock.nowMilliseconds()
        #expect(stop.wait(for: nil, timeoutMilliseconds: 30) == .timedOut)
        #expect(MonotonicClock.nowMilliseconds() - started >= 29)
        #expect(!stop.isSignalled)
    }

    @Test func aSignalEndsEveryWaitForGood() throws {
        let stop = try StopSignal()
        stop.signal()
        #expect(stop.isSignalled)
        #expect(stop.wait(for: nil, timeoutMilliseconds: -1) == .stopped)
        #expect(stop.wait(for: nil, timeoutMilliseconds: 10_000) == .stopped)
    }

    @Test func aSignalFromAnotherThreadWakesABlockedWait() throws {
        let stop = try StopSignal()
        let thread = try PosixThread.spawn(name: "stopper") {
            var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
            nanosleep(&pause, nil)
            stop.signal()
        }
        #expect(stop.wait(for: nil, timeoutMilliseconds: 10_000) == .stopped)
        thread.join()
    }

    @Test func aReadableDescriptorEndsTheWait() throws {
        let stop = try StopSignal()
        var ends: [Int32] = [0, 0]
        _ = ends.withUnsafeMutableBufferPointer { pipe($0.baseAddress) }
        defer { ends.forEach { close($0) } }
        #expect(stop.wait(for: ends[0], timeoutMilliseconds: 10) == .timedOut)
        var byte: UInt8 = 1
        _ = write(ends[1], &byte, 1)
        #expect(stop.wait(for: ends[0], timeoutMilliseconds: 10_000) == .readable)
        #expect(Posix.isReadable(descriptor: ends[0]))
        stop.signal()
        #expect(stop.wait(for: ends[0], timeoutMilliseconds: 10_000) == .stopped)
    }
}
