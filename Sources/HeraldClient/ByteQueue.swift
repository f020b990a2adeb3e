package import HeraldPosix

/// A growable run of bytes consumed from the front: a connection's unsent
/// output or its received-but-unparsed input.
///
/// The storage is kept between uses, so a connection in steady state appends
/// and consumes without allocating. Loop-confined.
package struct ByteQueue {
    /// Consumed bytes are shifted out once this many have built up and they
    /// outnumber the live ones, so compaction copies less than it frees.
    package static let compactionThresholdBytes = 16 * 1024
    /// Capacity kept once the queue empties; a larger one (left by a burst) is released.
    package static let maxRetainedCapacityBytes = 256 * 1024

    private var storage: [UInt8] = []
    private var start = 0

    package init() {}

    /// Bytes queued.
    package var count: Int { storage.count - start }

    /// True when nothing is queued.
    package var isEmpty: Bool { storage.count == start }

    /// Appends a copy of `bytes`.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        storage.append(contentsOf: bytes)
    }

    /// Appends a copy of `bytes`.
    package mutating func append(_ bytes: [UInt8]) {
        storage.append(contentsOf: bytes)
    }

    /// Appends `count` bytes written in place by `fill`.
    package mutating func append(count: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let end = storage.count
        storage.append(contentsOf: repeatElement(0, count: count))
        storage.withUnsafeMutableBytes { fill(UnsafeMutableRawBufferPointer(rebasing: $0[end..<(end + count)])) }
    }

    /// Appends `count` bytes through `write`, which gets the whole storage
    /// array (so the protocol encoders that append to `[UInt8]` work in
    /// place); it must append exactly what it promises and nothing else.
    package mutating func appendDirectly(_ write: (inout [UInt8]) -> Void) {
        write(&storage)
    }

    /// Runs `body` on the queued bytes.
    package func withBytes<Value>(_ body: (UnsafeRawBufferPointer) -> Value) -> Value {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    }

    /// Runs `body` on the queued bytes, which it may change in place
    /// (unmasking, masking) but not resize.
    package mutating func withMutableBytes<Value>(
        from offset: Int, _ body: (UnsafeMutableRawBufferPointer) -> Value
    ) -> Value {
        let begin = start + offset
        return storage.withUnsafeMutableBytes { body(UnsafeMutableRawBufferPointer(rebasing: $0[begin...])) }
    }

    /// Drops the first `count` queued bytes.
    package mutating func consume(_ count: Int) {
        start += min(count, self.count)
        if start == storage.count {
            if storage.capacity > Self.maxRetainedCapacityBytes {
                storage = []
            } else {
                storage.removeAll(keepingCapacity: true)
            }
            start = 0
        } else if start >= Self.compactionThresholdBytes && start >= self.count {
            storage.removeSubrange(..<start)
            start = 0
        }
    }

    /// Drops everything.
    package mutating func removeAll() {
        storage = []
        start = 0
    }

    /// Writes as much as the socket takes and consumes it.
    /// - Returns: true when everything was written, false when the kernel
    ///   buffer filled (wait for `EPOLLOUT`).
    package mutating func write(to descriptor: Int32) throws(SystemError) -> Bool {
        while !isEmpty {
            let outcome = withBytes { bytes in
                Result { () throws(SystemError) in try Posix.write(descriptor: descriptor, bytes: bytes) }
            }
            switch try outcome.get() {
            case .wouldBlock:
                return false
            case .processed(let written):
                consume(written)
            }
        }
        return true
    }
}
