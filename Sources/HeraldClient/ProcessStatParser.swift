/// Reads the figures a benchmark needs out of `/proc/PID/stat` and
/// `/proc/PID/status` text (proc(5)). Pure, so it is tested on fixed text.
package enum ProcessStatParser {
    /// `utime` and `stime` in clock ticks: CPU time of every thread of the
    /// process in user space and in the kernel. Fields 14 and 15 of
    /// `/proc/PID/stat`, counted after the `)` that closes the command name
    /// (which may itself hold spaces and parentheses).
    package static func cpuTicks(stat: [UInt8]) -> (user: UInt64, system: UInt64)? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // After ") ": field 3 (state) is the first; utime is field 14, stime field 15.
        let fields = stat[stat.index(after: close)...].split(separator: UInt8(ascii: " "))
        guard fields.count >= 13 else { return nil }
        guard let user = number(fields[fields.startIndex + 11]), let system = number(fields[fields.startIndex + 12])
        else { return nil }
        return (user, system)
    }

    /// `VmRSS` of `/proc/PID/status` in KiB: resident memory.
    package static func residentKibibytes(status: [UInt8]) -> UInt64? {
        let prefix = Array("VmRSS:".utf8)
        for line in status.split(separator: UInt8(ascii: "\n")) where line.starts(with: prefix) {
            let digits = line.dropFirst(prefix.count).filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            return number(digits)
        }
        return nil
    }

    private static func number(_ digits: some Collection<UInt8>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times10 + UInt64(digit - UInt8(ascii: "0"))
        }
        return value
    }
}
