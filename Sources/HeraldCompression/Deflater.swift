import CHeraldZlib

/// Raw DEFLATE for permessage-deflate (RFC 7692 §7.2.1): one message in, its
/// compressed payload out, with the 0x00 0x00 0xFF 0xFF that ends every
/// sync-flushed message removed.
///
/// Not thread-safe: use it from one thread at a time (or inside a `Mutex`,
/// as `DeflaterPool` does). With `noContextTakeover` every message is
/// compressed independently, so equal input gives equal output.
package final class Deflater {
    /// The LZ77 window the peer was promised (8–15).
    package let windowBits: Int
    /// `true`: the window is cleared before every message.
    package let noContextTakeover: Bool
    private let stream: UnsafeMutablePointer<z_stream>
    private var used = false

    /// A compressor.
    ///
    /// - Parameters:
    ///   - level: zlib level 0–9 (clamped).
    ///   - windowBits: 8–15 (clamped). zlib's raw deflate has no 8-bit window,
    ///     so 8 compresses Huffman-only in a 9-bit stream: no back-references,
    ///     valid for any window.
    ///   - memoryLevel: zlib memLevel 1–9 (clamped); 8 costs 128 KiB of hash tables.
    ///   - noContextTakeover: forget the previous message's window each time.
    /// - Throws: `CompressionError.initializationFailed` if zlib refuses.
    package init(level: Int, windowBits: Int, memoryLevel: Int, noContextTakeover: Bool)
        throws(CompressionError)
    {
        self.windowBits = min(max(windowBits, 8), 15)
        self.noContextTakeover = noContextTakeover
        let level = Int32(min(max(level, 0), 9))
        let memLevel = Int32(min(max(memoryLevel, 1), 9))
        let bits = self.windowBits
        stream = try ZStream.make { stream in
            bits == 8
                ? herald_deflateInit2HuffmanOnly(stream, level, -9, memLevel)
                : herald_deflateInit2(stream, level, -Int32(bits), memLevel)
        }
    }

    deinit {
        ZStream.free(stream, end: deflateEnd)
    }

    /// The compressed payload of one whole message (without the trailing
    /// 0x00 0x00 0xFF 0xFF). An empty message compresses to `[0x00]`.
    package func compress(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        if noContextTakeover && used { deflateReset(stream) }
        used = true
        let input = message.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self)) }
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(message.count)
        var output: [UInt8] = []
        var room = Int(deflateBound(stream, UInt(message.count))) + 16
        while true {
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: room))
            let produced = output.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress! + start
                stream.pointee.avail_out = UInt32(room)
                _ = deflate(stream, Z_SYNC_FLUSH)  // only Z_OK or Z_BUF_ERROR (no progress) are possible here
                return room - Int(stream.pointee.avail_out)
            }
            output.removeLast(room - produced)
            if produced < room { break }  // zlib had room to spare: everything is out
            room = max(room, 1024)
        }
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        if output.count >= 4 && output.suffix(4).elementsEqual(Inflater.syncTail) { output.removeLast(4) }
        return output
    }

    /// The compressed payload of `message`.
    package func compress(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { compress($0) }
    }
}
