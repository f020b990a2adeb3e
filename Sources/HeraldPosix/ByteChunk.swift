/// An immutable run of bytes at a stable address, shared by reference.
///
/// A fanned-out frame is encoded once into one `ByteChunk` and every
/// subscriber's outbound queue holds the same instance: queueing it costs a
/// reference-count increment, never a copy. The stable address is what lets
/// `writev` gather many chunks without nesting `withUnsafeBytes` closures.
// @unchecked Sendable: the memory is written only inside init and freed only in deinit.
package final class ByteChunk: @unchecked Sendable {
    /// Start of the bytes.
    package let base: UnsafeRawPointer
    /// Number of bytes.
    package let count: Int

    /// Copies `bytes` into a new chunk.
    package init(_ bytes: some Collection<UInt8>) {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        UnsafeMutableRawBufferPointer(start: storage, count: bytes.count).copyBytes(from: bytes)
        base = UnsafeRawPointer(storage)
        count = bytes.count
    }

    /// Makes a chunk of exactly `count` bytes filled in by `initialize`.
    package init(count: Int, initialize: (UnsafeMutableRawBufferPointer) -> Void) {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        initialize(UnsafeMutableRawBufferPointer(start: storage, count: count))
        base = UnsafeRawPointer(storage)
        self.count = count
    }

    deinit {
        UnsafeMutableRawPointer(mutating: base).deallocate()
    }

    /// The bytes, for reading.
    package var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: count)
    }
}
