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
    /// One tag per chunk: 0 for frames that must go out (replies, control frames),
    /// otherwise the caller's mark (an event's sequence) for frames a drop policy may remove.
    private var tags: [UInt64] = []
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

    /// Queues `chunk` behind what is already pending; a non-zero `tag` marks it droppable.
    package mutating func append(_ chunk: ByteChunk, tag: UInt64 = 0) {
        guard chunk.count > 0 else { return }
        chunks.append(chunk)
        tags.append(tag)
        pendingBytes += chunk.count
    }

    /// Removes the oldest droppable chunks not yet started until at least `bytes` are
    /// freed (or none is left), and puts `replacement(count, firstTag)` where the first
    /// one stood, so whatever the reader sees next says what it missed.
    /// Returns how many were removed and the first one's tag; nil when none could be.
    package mutating func dropOldestTagged(
        freeing bytes: Int, replacement: (_ count: Int, _ firstTag: UInt64) -> ByteChunk
    ) -> (count: Int, firstTag: UInt64)? {
        let firstUnstarted = headOffset > 0 ? head + 1 : head
        var keptChunks: [ByteChunk] = []
        var keptTags: [UInt64] = []
        keptChunks.reserveCapacity(chunks.count - head)
        keptTags.reserveCapacity(chunks.count - head)
        var freed = 0
        var removed = 0
        var firstTag: UInt64 = 0
        var noticeIndex = -1
        for index in head..<chunks.count {
            if index >= firstUnstarted && tags[index] != 0 && freed < bytes {
                if removed == 0 {
                    firstTag = tags[index]
                    noticeIndex = keptChunks.count
                }
                freed += chunks[index].count
                removed += 1
                continue
            }
            keptChunks.append(chunks[index])
            keptTags.append(tags[index])
        }
        guard removed > 0 else { return nil }
        let notice = replacement(removed, firstTag)
        keptChunks.insert(notice, at: noticeIndex)
        keptTags.insert(0, at: noticeIndex)
        chunks = keptChunks
        tags = keptTags
        head = 0
        pendingBytes += notice.count - freed
        return (removed, firstTag)
    }

    /// Drops everything queued (the connection is closing).
    package mutating func removeAll() {
        chunks.removeAll()
        tags.removeAll()
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
            tags.removeAll()
            chunks.append(partial)
            tags.append(0)
            pendingBytes = partial.count - headOffset
        } else {
            chunks.removeAll()
            tags.removeAll()
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

    /// Removes whole chunks from the front, about `limit` bytes (at least one chunk), handing
    /// each one's unwritten bytes to `body` in order. For transforms such as TLS, which
    /// take plaintext from here and queue their output elsewhere.
    package mutating func removeFirstChunks<Failure: Error>(
        upTo limit: Int, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        var taken = 0
        while head < chunks.count && (taken == 0 || taken < limit) {
            let chunk = chunks[head]
            let bytes = UnsafeRawBufferPointer(rebasing: chunk.bytes[headOffset...])
            try body(bytes)
            taken += bytes.count
            pendingBytes -= bytes.count
            head += 1
            headOffset = 0
        }
        compactIfWorthIt()
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
            tags.removeAll(keepingCapacity: tags.capacity <= 256)
            head = 0
        } else if head >= 64 && head * 2 >= chunks.count {
            chunks.removeFirst(head)
            tags.removeFirst(head)
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
