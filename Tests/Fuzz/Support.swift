// Shared by every harness (compiled into each one): input-derived choices and the trap that
// makes libFuzzer record an input as a crash.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the run so libFuzzer saves the input: a disagreement between two ways of reading it.
func disagreement(_ what: @autoclosure () -> String) -> Never {
    fatalError("fuzz disagreement: \(what())")
}

/// FNV-1a over the input: a deterministic, input-derived source of choices (split points, limits),
/// so a saved crash input replays the same choices.
func inputHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return hash
}

/// Chunk boundaries for feeding `count` bytes: whole, split once at an input-derived point, and
/// (for short inputs) one byte at a time. Each list ends with `count`.
func feedingPlans(count: Int, hash: UInt64) -> [[Int]] {
    var plans = [[count]]
    if count > 0 {
        let cut = Int(hash % UInt64(count &+ 1))
        plans.append([cut, count])
    }
    if count > 1 && count <= 512 {
        plans.append(Array(1...count))
    }
    return plans
}
