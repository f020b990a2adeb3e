#if canImport(Glibc)
    import Glibc
#endif

/// Reads the small text files of `/proc` (`/proc/PID/stat`, `/proc/PID/status`)
/// that benchmarks sample for another process's CPU time and resident memory.
package enum ProcFile {
    /// The most bytes read from one file; `/proc/PID/status` is about 1.5 KiB.
    package static let maxBytes = 16 * 1024

    /// The file's bytes, or `nil` if it cannot be opened (no such process, no permission).
    package static func read(path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { Posix.close(descriptor: descriptor) }
        var bytes = [UInt8](repeating: 0, count: maxBytes)
        var filled = 0
        while filled < maxBytes {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress.map { $0 + filled }, maxBytes - filled)
            }
            if count < 0 && Glibc.errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return Array(bytes[..<filled])
    }

    /// Clock ticks per second (`sysconf(_SC_CLK_TCK)`), the unit of the CPU
    /// times in `/proc/PID/stat`; 100 on Linux in practice.
    package static var clockTicksPerSecond: Int {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? ticks : 100
    }
}
