/// Finding one byte value in a buffer eight bytes at a time (SWAR), for the parser's line scans
/// and the JSON encoder's escape scan.
enum ByteSearch {
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first `target` in `bytes[start..<end]`, or nil. Bounds are clamped to the buffer.
    static func firstIndex(
        of target: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> Int? {
        let end = min(end, bytes.count)
        var index = max(start, 0)
        guard index < end, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let pattern = UInt64(target) &* lowBits
        while end &- index >= 8 {
            // Bytes equal to `target` become zero; the lowest set high bit of `zeros` marks the first
            // zero byte exactly (borrows only cause false positives above it).
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ pattern
            let zeros = (word &- lowBits) & ~word & highBits
            if zeros != 0 {
                return index &+ zeros.trailingZeroBitCount / 8
            }
            index &+= 8
        }
        while index < end {
            if bytes[index] == target { return index }
            index &+= 1
        }
        return nil
    }
}
