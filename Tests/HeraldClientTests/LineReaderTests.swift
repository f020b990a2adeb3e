import Glibc
import HeraldClient
import Testing

/// `LineReader` over a pipe: lines, pauses, the unterminated last line.
@Suite(.timeLimit(.minutes(1)))
struct LineReaderTests {
    /// A pipe; the test writes to `writeEnd` and reads through a `LineReader`.
    final class Pipe {
        let readEnd: Int32
        var writeEnd: Int32

        init() {
            var ends: [Int32] = [0, 0]
            _ = ends.withUnsafeMutableBufferPointer { pipe($0.baseAddress) }
            readEnd = ends[0]
            writeEnd = ends[1]
        }

        deinit {
            close(readEnd)
            closeWriting()
        }

        func write(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress, $0.count) }
        }

        func closeWriting() {
            if writeEnd >= 0 { close(writeEnd) }
            writeEnd = -1
        }
    }

    @Test func linesThenAPauseThenMoreLinesThenTheEnd() {
        let pipe = Pipe()
        var reader = LineReader(descriptor: pipe.readEnd)
        #expect(reader.next() == .idle)
        pipe.write("one\ntwo\nthr")
        #expect(reader.next() == .line("one"))
        #expect(reader.next() == .line("two"))
        #expect(reader.next() == .idle)
        pipe.write("ee\n")
        #expect(reader.next() == .line("three"))
        #expect(reader.next() == .idle)
        pipe.write("last, no newline")
        pipe.closeWriting()
        #expect(reader.next() == .line("last, no newline"))
        #expect(reader.next() == nil)
    }

    @Test func anIdleMarkComesOnlyWhenNothingIsWaiting() {
        let pipe = Pipe()
        pipe.write("a\nb\n")
        pipe.closeWriting()
        let inputs = Array(LineReader(descriptor: pipe.readEnd))
        // Data (then end of stream) was always ready: no pause to report.
        #expect(inputs == [.line("a"), .line("b")])
    }

    @Test func pausesFlushPartialBatches() throws {
        let publisher = LinePublisher(server: try EndpointURL("http://127.0.0.1:1"), topic: "t")
        var sizes: [Int] = []
        let inputs: [LineReader.Input] = [.line("1"), .line("2"), .idle, .idle, .line("3")]
        publisher.forEachBatch(inputs) { body in sizes.append(body.filter { $0 == UInt8(ascii: "{") }.count) }
        #expect(sizes == [2, 1])
    }
}
