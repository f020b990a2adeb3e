import Glibc
import HeraldPosix
import Testing

@Suite struct OutboundBufferTests {
    /// A connected pair of non-blocking Unix sockets with a small send buffer.
    private func socketPair() -> (writer: Int32, reader: Int32) {
        var fds: [Int32] = [0, 0]
        socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds)
        var size: Int32 = 4096
        setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        return (fds[0], fds[1])
    }

    private func drain(_ descriptor: Int32) -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            guard count > 0 else { return received }
            received += chunk[0..<count]
        }
    }

    @Test func removingFirstChunksHandsWholeChunksInOrderUpToTheLimit() {
        var buffer = OutboundBuffer()
        for text in ["one", "two", "three", "four"] { buffer.append(ByteChunk(Array(text.utf8))) }
        var taken: [String] = []
        buffer.removeFirstChunks(upTo: 6) { taken.append(String(decoding: $0, as: UTF8.self)) }
        #expect(taken == ["one", "two"])
        #expect(buffer.pendingBytes == 9)
        #expect(buffer.chunkCount == 2)
        buffer.removeFirstChunks(upTo: 1) { taken.append(String(decoding: $0, as: UTF8.self)) }
        #expect(taken.last == "three", "at least one chunk, even past the limit")
        buffer.removeFirstChunks(upTo: 100) { taken.append(String(decoding: $0, as: UTF8.self)) }
        #expect(taken == ["one", "two", "three", "four"])
        #expect(buffer.isEmpty)
    }

    @Test func sharedChunksAreCountedForEachQueueAndWrittenInOrder() throws {
        let shared = ByteChunk(Array("shared-frame".utf8))
        var first = OutboundBuffer()
        var second = OutboundBuffer()
        first.append(ByteChunk(Array("a:".utf8)))
        first.append(shared)
        second.append(shared)
        #expect(first.pendingBytes == 14)
        #expect(second.pendingBytes == 12)
        let (writer, reader) = socketPair()
        defer { close(writer); close(reader) }
        let scratch = IOVectorScratch()
        defer { scratch.deallocate() }
        #expect(try first.flush(to: writer, scratch: scratch))
        #expect(first.isEmpty)
        #expect(String(decoding: drain(reader), as: UTF8.self) == "a:shared-frame")
    }

    @Test func aFullSocketLeavesTheRestQueuedAndAResumedFlushCompletesIt() throws {
        let (writer, reader) = socketPair()
        defer { close(writer); close(reader) }
        let scratch = IOVectorScratch()
        defer { scratch.deallocate() }
        var buffer = OutboundBuffer()
        let payload = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0) }
        for start in stride(from: 0, to: payload.count, by: 10_000) {
            buffer.append(ByteChunk(payload[start..<start + 10_000]))
        }
        var received: [UInt8] = []
        var blockedAtLeastOnce = false
        while !(try buffer.flush(to: writer, scratch: scratch)) {
            blockedAtLeastOnce = true
            #expect(buffer.pendingBytes > 0)
            received += drain(reader)
        }
        received += drain(reader)
        #expect(blockedAtLeastOnce)
        #expect(received == payload)
    }
}
