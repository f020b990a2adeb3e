/// RFC 3339 UTC timestamps with milliseconds (`2026-11-27T04:12:19.123Z`) from
/// Unix milliseconds, without Foundation: it runs under the broker lock for
/// every publish, so it is plain arithmetic into a fixed 24-byte buffer.
enum EventTime {
    static let byteCount = 24

    /// Appends the timestamp for `unixMilliseconds` to `output`.
    static func append(unixMilliseconds: UInt64, to output: inout [UInt8]) {
        let milliseconds = Int(unixMilliseconds % 1000)
        let seconds = Int(unixMilliseconds / 1000)
        let (year, month, day) = civilDate(daysSinceEpoch: seconds / 86_400)
        let secondOfDay = seconds % 86_400
        appendDigits(year, count: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, count: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(day, count: 2, to: &output)
        output.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, count: 2, to: &output)
        output.append(UInt8(ascii: "."))
        appendDigits(milliseconds, count: 3, to: &output)
        output.append(UInt8(ascii: "Z"))
    }

    /// The timestamp as a String (for tests and logs).
    static func string(unixMilliseconds: UInt64) -> String {
        var bytes: [UInt8] = []
        append(unixMilliseconds: unixMilliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func appendDigits(_ value: Int, count: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
