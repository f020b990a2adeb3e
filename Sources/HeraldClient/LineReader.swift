import HeraldPosix

/// Lines from a file descriptor (stdin for `herald publish TOPIC -`), with a
/// mark wherever the input pauses, so a publisher can send what it has
/// instead of waiting for a full batch (`tail -f log | herald publish …`).
///
/// Blocking reads, no busy loop: before blocking, it checks once with a
/// zero-timeout `poll(2)` whether data is waiting and, if not, yields `.idle`.
/// The last line may lack its newline. Not Sendable: one reader, one thread.
package struct LineReader: Sequence, IteratorProtocol {
    /// One step of input.
    package enum Input: Equatable, Sendable {
        /// A line, without its `\n`.
        case line(Substring)
        /// Nothing more is available right now: a good moment to flush.
        case idle
    }

    /// The most bytes one line may have before it is cut (a batch could not
    /// carry a longer one anyway).
    package static let maxLineBytes = 1024 * 1024

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var reportedIdle = false
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// A reader of `descriptor` (which it does not close).
    package init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line or pause; nil at end of input (or after a read error).
    package mutating func next() -> Input? {
        while true {
            if let line = takeLine() { return .line(line) }
            if atEnd {
                guard start < buffer.count else { return nil }
                let rest = Substring(String(decoding: buffer[start...], as: UTF8.self))
                start = buffer.count
                return .line(rest)
            }
            if !reportedIdle && !Posix.isReadable(descriptor: descriptor) {
                reportedIdle = true
                return .idle
            }
            fill()
        }
    }

    /// A complete line from the buffer, or one cut at `maxLineBytes`.
    private mutating func takeLine() -> Substring? {
        let end: Int
        let next: Int
        if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            end = newline
            next = newline + 1
        } else if buffer.count - start >= Self.maxLineBytes {
            end = start + Self.maxLineBytes
            next = end
        } else {
            return nil
        }
        let line = Substring(String(decoding: buffer[start..<end], as: UTF8.self))
        start = next
        return line
    }

    /// Reads once, blocking; drops consumed bytes first.
    private mutating func fill() {
        if start > 0 {
            buffer.removeSubrange(..<start)
            start = 0
        }
        let result = chunk.withUnsafeMutableBytes { bytes in
            Result { () throws(SystemError) in try Posix.read(descriptor: descriptor, into: bytes) }
        }
        reportedIdle = false
        guard case .success(.processed(let count)) = result, count > 0 else {
            atEnd = true
            return
        }
        buffer += chunk[..<count]
    }
}
