import CHeraldZlib

/// Raw INFLATE for permessage-deflate (RFC 7692 §7.2.2) with a hard output
/// bound: a message that would inflate past `maxSize` fails before any more
/// memory is taken for it (an inflate bomb costs at most `maxSize` bytes).
///
/// Feed a message's frames in order; on the last one the 0x00 0x00 0xFF 0xFF
/// that the sender removed is appended. With context takeover the window
/// carries over to the next message; otherwise it is cleared after each.
/// Not thread-safe: one per connection.
package final class Inflater {
    /// What every sync-flushed message ends with, removed on the wire.
    package static let syncTail: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]
    /// `true`: the window is cleared after every message.
    package let noContextTakeover: Bool
    private let stream: UnsafeMutablePointer<z_stream>

    /// An inflater whose window is 2^`windowBits` (8–15); 15 inflates any peer's stream.
    /// - Throws: `CompressionError.initializationFailed` if zlib refuses.
    package init(windowBits: Int = 15, noContextTakeover: Bool) throws(CompressionError) {
        self.noContextTakeover = noContextTakeover
        let bits = -Int32(min(max(windowBits, 8), 15))
        stream = try ZStream.make { herald_inflateInit2($0, bits) }
    }

    deinit {
        ZStream.free(stream, end: inflateEnd)
    }

    /// Inflates one whole compressed message (tail removed), at most `maxSize` bytes.
    /// - Throws: `.tooLarge` or `.corruptData`.
    package func decompress(_ message: [UInt8], maxSize: Int) throws(CompressionError) -> [UInt8] {
        try inflate(message, isFinal: true, maxSize: maxSize)
    }

    /// Inflates the next frame's payload of a compressed message.
    ///
    /// - Parameters:
    ///   - payload: the frame's (compressed) payload.
    ///   - isFinal: `true` on the message's last frame (FIN).
    ///   - maxSize: the most bytes this frame may inflate to.
    /// - Throws: `.tooLarge` as soon as the output would pass `maxSize`, or `.corruptData`.
    package func inflate(_ payload: [UInt8], isFinal: Bool, maxSize: Int) throws(CompressionError) -> [UInt8] {
        var output: [UInt8] = []
        try run(payload, maxSize: maxSize, into: &output)
        if isFinal {
            try run(Self.syncTail, maxSize: maxSize, into: &output)
            if noContextTakeover { inflateReset(stream) }
        }
        return output
    }

    /// Inflates one whole compressed message (tail removed) into `output`,
    /// replacing what it held but keeping its capacity: no allocation per
    /// message once it has grown (for clients that inflate every delivery).
    /// - Throws: `.tooLarge` or `.corruptData`; the window is cleared then.
    package func decompress(
        _ message: UnsafeRawBufferPointer, maxSize: Int, into output: inout [UInt8]
    ) throws(CompressionError) {
        output.removeAll(keepingCapacity: true)
        do throws(CompressionError) {
            try run(message, maxSize: maxSize, into: &output)
            try run(Self.syncTail, maxSize: maxSize, into: &output)
        } catch {
            inflateReset(stream)
            throw error
        }
        if noContextTakeover { inflateReset(stream) }
    }

    /// Clears the window (after a failure, or to start over).
    package func reset() {
        inflateReset(stream)
    }

    private func run(_ input: [UInt8], maxSize: Int, into output: inout [UInt8]) throws(CompressionError) {
        let outcome = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try run(buffer, maxSize: maxSize, into: &output) }
        }
        try outcome.get()
    }

    private func run(
        _ buffer: UnsafeRawBufferPointer, maxSize: Int, into output: inout [UInt8]
    ) throws(CompressionError) {
        // zlib only reads through next_in.
        stream.pointee.next_in = buffer.baseAddress.map {
            UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self))
        }
        stream.pointee.avail_in = UInt32(buffer.count)
        defer { stream.pointee.next_in = nil }
        while true {
            let room = maxSize - output.count
            if room <= 0 {
                // Full: one more byte proves the message too large.
                var probe: UInt8 = 0
                let produced = try step(into: &probe, count: 1)
                guard produced.output == 0 else { throw .tooLarge }
                if produced.input == 0 { return }
                continue
            }
            let chunk = min(room, max(1024, min(Int(stream.pointee.avail_in) * 4, 256 * 1024)))
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: chunk))
            let produced = try output.withUnsafeMutableBufferPointer { (out) throws(CompressionError) in
                try step(into: out.baseAddress! + start, count: chunk)
            }
            output.removeLast(chunk - produced.output)
            if produced.output < chunk && (stream.pointee.avail_in == 0 || produced.input == 0 && produced.output == 0)
            {
                return
            }
        }
    }

    /// One `inflate` call into `count` bytes at `target`: bytes produced and consumed.
    private func step(into target: UnsafeMutablePointer<UInt8>, count: Int) throws(CompressionError)
        -> (output: Int, input: Int)
    {
        let availableIn = Int(stream.pointee.avail_in)
        stream.pointee.next_out = target
        stream.pointee.avail_out = UInt32(count)
        let status = CHeraldZlib.inflate(stream, Z_SYNC_FLUSH)
        let produced = count - Int(stream.pointee.avail_out)
        let consumed = availableIn - Int(stream.pointee.avail_in)
        stream.pointee.next_out = nil
        switch status {
        case Z_OK, Z_BUF_ERROR:
            return (produced, consumed)
        case Z_STREAM_END:
            // The peer ended the stream (BFINAL); what follows starts a new one.
            inflateReset(stream)
            return (produced, consumed)
        default:
            throw .corruptData
        }
    }
}
