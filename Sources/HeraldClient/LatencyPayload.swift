/// The benchmark's message body: a JSON object that carries the moment it was
/// sent, padded to an exact size, e.g. `{"t":81234567890123,"p":"order 17 eu…"}`.
///
/// The padding is text, words and numbers in a fixed pseudo-random order, so
/// that it compresses about as well as real JSON events do (1 KiB deflates to
/// roughly 40%), not to nothing as a run of one letter would: compressed
/// fan-out is measured on it.
///
/// `t` is `CLOCK_MONOTONIC` in nanoseconds, which is system-wide, so a
/// subscriber in the same or another process on the same machine computes the
/// latency as `now - t`. The body is valid JSON (Herald checks
/// `application/json` bodies), and the scan finds `"t":` wherever it sits, so
/// it works on raw payloads and inside Herald's envelope
/// (`{"type":"event",…,"data":{"t":…}}`) alike.
package enum LatencyPayload {
    /// `{"t":` + `,"p":"` + `"}`: the bytes around the number and the padding.
    private static let framingBytes = 13
    /// Digits of the largest `UInt64`.
    private static let maxDigits = 20

    /// The smallest body that can carry `timestamp`: no padding at all.
    package static func minimumSize(for timestamp: UInt64) -> Int {
        framingBytes + digitCount(timestamp)
    }

    /// The size the encoder will actually use when asked for `requested` bytes:
    /// never less than what any timestamp needs.
    package static func effectiveSize(requested: Int) -> Int {
        max(requested, framingBytes + maxDigits)
    }

    /// Writes a body of exactly `buffer.count` bytes carrying `timestamp`; the
    /// padding comes from `filler`. `buffer.count` must be at least
    /// `minimumSize(for: timestamp)` (`effectiveSize` guarantees it).
    package static func encode(timestamp: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= minimumSize(for: timestamp), "latency payload buffer too small")
        var index = 0
        func put(_ byte: UInt8) {
            buffer[index] = byte
            index += 1
        }
        for byte in "{\"t\":".utf8 { put(byte) }
        let digits = digitCount(timestamp)
        var remaining = timestamp
        for position in stride(from: digits - 1, through: 0, by: -1) {
            buffer[index + position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        index += digits
        for byte in ",\"p\":\"".utf8 { put(byte) }
        var padding = buffer.count - index - 2
        while padding > 0 {
            let run = min(padding, filler.count)
            filler.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: buffer[index..<(index + run)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<run]))
            }
            index += run
            padding -= run
        }
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: "}"))
    }

    /// A body of `size` bytes as an array (tests, one-off requests).
    package static func make(timestamp: UInt64, size: Int) -> [UInt8] {
        let size = max(size, minimumSize(for: timestamp))
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            encode(timestamp: timestamp, into: UnsafeMutableRawBufferPointer(buffer))
            count = size
        }
    }

    /// The timestamp after the first `"t":` in `bytes` (spaces allowed after
    /// the colon), or `nil` when there is none or no digits follow it.
    /// Allocation-free: it runs once per delivered message.
    package static func scanTimestamp(in bytes: UnsafeRawBufferPointer) -> UInt64? {
        let count = bytes.count
        guard count >= 5 else { return nil }
        var index = 0
        while index + 4 <= count {
            // Look at every byte as a possible `t`; most bytes fail the first test.
            if bytes[index + 1] == UInt8(ascii: "t") && bytes[index] == UInt8(ascii: "\"")
                && bytes[index + 2] == UInt8(ascii: "\"") && bytes[index + 3] == UInt8(ascii: ":")
            {
                return parseNumber(in: bytes, from: index + 4)
            }
            index += 1
        }
        return nil
    }

    private static func parseNumber(in bytes: UnsafeRawBufferPointer, from start: Int) -> UInt64? {
        var index = start
        while index < bytes.count && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")) {
            index += 1
        }
        var value: UInt64 = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }

    /// 4 KiB of padding text (longer bodies repeat it): words and numbers drawn
    /// by a fixed linear congruential generator, so every run sends the same bytes.
    static let filler: [UInt8] = {
        let words = [
            "order", "status", "pending", "shipped", "user", "account", "region", "eu-west", "us-east", "amount",
            "currency", "EUR", "USD", "item", "quantity", "price", "total", "created", "updated", "event", "id",
            "session", "device", "mobile", "desktop", "true", "false", "null", "value", "name", "type", "payment",
        ]
        var state: UInt32 = 0x2545_F491
        var text: [UInt8] = []
        text.reserveCapacity(4096 + 16)
        while text.count < 4096 {
            state = state &* 1_664_525 &+ 1_013_904_223
            let pick = Int(state >> 16)
            if pick % 3 == 0 {
                text += Array(String(pick % 10_000).utf8)
            } else {
                text += Array(words[pick % words.count].utf8)
            }
            text.append(UInt8(ascii: " "))
        }
        return Array(text.prefix(4096))
    }()

    private static func digitCount(_ value: UInt64) -> Int {
        var digits = 1
        var remaining = value / 10
        while remaining > 0 {
            digits += 1
            remaining /= 10
        }
        return digits
    }
}
