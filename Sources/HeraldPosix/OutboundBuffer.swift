#if canImport(Glibc)
import Glibc
#endif

/// What a connection has queued for its socket, written with `writev`.
///
/// Chunks are shared, immutable `ByteChunk`s, so one fanned-out frame costs
/// each subscriber a reference, not a copy. `pendingBytes` counts every chunk
/// in full for each queue that holds it: that is what backpressure limits.
/// Loop-confined: not Sendable on purpose.
package struct OutboundBuffer {
    /// Most iovecs gathered into one `writev` (well under IOV_MAX = 1024).
    package static let maxVectorsPerWrite = 64

    private var chunks: [ByteChunk] = []
    private var head = 0
    /// Bytes of `chunks[head]` already written.
    private var headOffset = 0
    /// Bytes queued and not yet written.
    package private(set) var pendingBytes = 0

    package init() {}

    /// True when nothing is waiting to be written.
    package var isEmpty: Bool { pendingBytes == 0 }

    /// Number of chunks still queued.
    package var chunkCount: Int { chunks.count - head }

    /// Queues `chunk` behind what is already pending.
    package mutating func append(_ chunk: ByteChunk) {
        guard chunk.count > 0 else { return }
        chunks.append(chunk)
        pendingBytes += chunk.count
    }

    /// Drops everything queued (the connection is closing).
    package mutating func removeAll() {
        chunks.removeAll()
        head = 0
        headOffset = 0
        pendingBytes = 0
    }

    /// Drops every chunk not yet started, keeping a partly written one so the
    /// byte stream stays well-formed (a frame is never cut in half).
    package mutating func discardUnsent() {
        guard head < chunks.count else { return }
        if headOffset > 0 {
            let partial = chunks[head]
            chunks.removeAll()
            chunks.append(partial)
            pendingBytes = partial.count - headOffset
        } else {
            chunks.removeAll()
            headOffset = 0
            pendingBytes = 0
        }
        head = 0
    }

    /// Writes as much as the socket takes. Returns true when everything was
    /// written, false when the kernel buffer filled (arm EPOLLOUT and retry).
    package mutating func flush(
        to descriptor: Int32, scratch: IOVectorScratch
    ) throws(SystemError) -> Bool {
        while pendingBytes > 0 {
            let vectorCount = fillVectors(scratch.vectors)
            switch try Posix.writev(descriptor: descriptor, vectors: scratch.vectors, count: Int32(vectorCount)) {
            case .wouldBlock:
                return false
            case .processed(let written):
                consume(written)
            }
        }
        return true
    }

    private func fillVectors(_ vectors: UnsafeMutablePointer<iovec>) -> Int {
        var index = 0
        var position = head
        while position < chunks.count && index < Self.maxVectorsPerWrite {
            let chunk = chunks[position]
            let skip = position == head ? headOffset : 0
            vectors[index] = iovec(
                iov_base: UnsafeMutableRawPointer(mutating: chunk.base + skip), iov_len: chunk.count - skip)
            index += 1
            position += 1
        }
        return index
    }

    /// Advances past `written` bytes, releasing fully written chunks.
    mutating func consume(_ written: Int) {
        var remaining = written
        pendingBytes -= written
        while remaining > 0 && head < chunks.count {
            let available = chunks[head].count - headOffset
            if remaining >= available {
                remaining -= available
                head += 1
                headOffset = 0
            } else {
                headOffset += remaining
                remaining = 0
            }
        }
        compactIfWorthIt()
    }

    private mutating func compactIfWorthIt() {
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: chunks.capacity <= 256)
            head = 0
        } else if head >= 64 && head * 2 >= chunks.count {
            chunks.removeFirst(head)
            head = 0
        }
    }
}

/// Room for one `writev`'s iovecs, allocated once per loop.
package struct IOVectorScratch {
    let vectors: UnsafeMutablePointer<iovec>

    /// Allocates room for `OutboundBuffer.maxVectorsPerWrite` iovecs.
    package init() {
        vectors = .allocate(capacity: OutboundBuffer.maxVectorsPerWrite)
    }

    /// Frees the room; the owner calls it once.
    package func deallocate() {
        vectors.deallocate()
    }
}
