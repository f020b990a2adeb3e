import Synchronization

/// One message compressor per window size (8–15), shared by every connection
/// and thread: with no context takeover a deflater holds nothing between
/// messages, so there is no need for one (256 KiB at memLevel 8) per connection.
/// Each is created on first use and used under its own lock.
package final class DeflaterPool: Sendable {
    /// zlib level used by every deflater.
    package let level: Int
    /// zlib memLevel used by every deflater.
    package let memoryLevel: Int
    private let slots: [Slot]

    /// A pool compressing at `level` with `memoryLevel`.
    package init(level: Int, memoryLevel: Int) {
        self.level = level
        self.memoryLevel = memoryLevel
        slots = (8...15).map { _ in Slot() }
    }

    /// `message` compressed alone with a `windowBits` window (clamped to 8–15),
    /// as a permessage-deflate payload (tail removed); `nil` only if zlib
    /// cannot be initialised (send the message uncompressed then).
    package func compress(_ message: UnsafeRawBufferPointer, windowBits: Int) -> [UInt8]? {
        let bits = min(max(windowBits, 8), 15)
        let level = level
        let memoryLevel = memoryLevel
        // A Sendable copy: a raw pointer would tie the deflater to this caller's region.
        let input = Array(message)
        return slots[bits - 8].deflater.withLock { slot in
            if slot == nil {
                slot = try? Deflater(level: level, windowBits: bits, memoryLevel: memoryLevel, noContextTakeover: true)
            }
            return slot?.compress(input)
        }
    }

    /// One window size's deflater, made on first use.
    private final class Slot: Sendable {
        let deflater = Mutex<Deflater?>(nil)
    }
}
