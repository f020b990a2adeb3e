import HeraldPosix

/// Samples CPU time and resident memory of a set of processes (the server
/// under test; several for a multi-process server such as nginx) and of this
/// process, from `/proc`.
package struct ProcessMeter: Sendable {
    /// One reading.
    package struct Sample: Sendable {
        /// Summed `utime + stime` of the measured processes, in seconds;
        /// `nil` when none was given or one could not be read.
        package var serverCPUSeconds: Double?
        /// Summed `VmRSS` of the measured processes, in bytes.
        package var serverResidentBytes: UInt64?
        /// This process's CPU time, in seconds.
        package var clientCPUSeconds: Double
        /// The part of it spent in the kernel (system calls, the loopback TCP stack).
        package var clientSystemCPUSeconds: Double
        /// This process's resident memory, in bytes.
        package var clientResidentBytes: UInt64
    }

    /// The processes measured as "the server".
    package let serverProcessIDs: [Int32]
    private let ticksPerSecond: Double

    package init(serverProcessIDs: [Int32]) {
        self.serverProcessIDs = serverProcessIDs
        ticksPerSecond = Double(ProcFile.clockTicksPerSecond)
    }

    /// Checks that every server process can be read now.
    /// - Returns: the first one that cannot, if any.
    package func firstUnreadableServerProcess() -> Int32? {
        serverProcessIDs.first { Self.cpuTicks(of: "\($0)") == nil }
    }

    /// Reads everything now.
    package func sample() -> Sample {
        var serverCPU: Double?
        var serverRSS: UInt64?
        if !serverProcessIDs.isEmpty {
            var ticks: UInt64? = 0
            var kibibytes: UInt64? = 0
            for pid in serverProcessIDs {
                ticks = ticks.flatMap { sum in Self.cpuTicks(of: "\(pid)").map { sum + $0.user + $0.system } }
                kibibytes = kibibytes.flatMap { sum in Self.residentKibibytes(of: "\(pid)").map { sum + $0 } }
            }
            serverCPU = ticks.map { Double($0) / ticksPerSecond }
            serverRSS = kibibytes.map { $0 * 1024 }
        }
        let client = Self.cpuTicks(of: "self") ?? (0, 0)
        return Sample(
            serverCPUSeconds: serverCPU, serverResidentBytes: serverRSS,
            clientCPUSeconds: Double(client.user + client.system) / ticksPerSecond,
            clientSystemCPUSeconds: Double(client.system) / ticksPerSecond,
            clientResidentBytes: (Self.residentKibibytes(of: "self") ?? 0) * 1024)
    }

    private static func cpuTicks(of process: String) -> (user: UInt64, system: UInt64)? {
        ProcFile.read(path: "/proc/\(process)/stat").flatMap { ProcessStatParser.cpuTicks(stat: $0) }
    }

    private static func residentKibibytes(of process: String) -> UInt64? {
        ProcFile.read(path: "/proc/\(process)/status").flatMap { ProcessStatParser.residentKibibytes(status: $0) }
    }
}
