import HeraldCompression
import HeraldPosix
import HeraldProtocol

extension PreparedEvent {
    /// The frame for a subscriber that negotiated permessage-deflate with a
    /// `windowBits` server window: the envelope (or raw payload) compressed
    /// alone into an RSV1 frame, made once per form and window size and shared
    /// by every such subscriber on every loop (uWebSockets' prepared message).
    /// Falls back to the uncompressed frame, cached the same way, when the
    /// payload is under `minBytes` or does not compress smaller.
    func deflatedFrame(raw: Bool, windowBits: Int, minBytes: Int, deflaters: DeflaterPool) -> ByteChunk {
        let bits = min(max(windowBits, 8), 15)
        let key = (bits - 8) * 2 + (raw ? 1 : 0)
        return deflatedFrameCache.withLock { cache in
            if let cached = cache[key] { return cached }
            let plain = raw ? rawFrame : envelopeFrame
            let offset = raw ? plain.count - payload.body.count : envelopeOffset
            let opcode: WebSocketOpcode = raw && !payload.isUTF8 ? .binary : .text
            let compressed = WebSocketCompression.compress(
                UnsafeRawBufferPointer(rebasing: plain.bytes[offset...]), windowBits: bits, minBytes: minBytes,
                deflaters: deflaters)
            let frame = compressed.map { bytes in
                bytes.withUnsafeBytes { FrameChunk.make(opcode: opcode, payload: $0, rsv1: true) }
            } ?? plain
            cache[key] = frame
            return frame
        }
    }
}
