/// An incremental RFC 6455 frame decoder: append bytes as they arrive, take
/// complete frames out with `nextFrame()`.
///
/// Everything that can be judged from a header is judged as soon as the header
/// bytes are in, before any payload is buffered: reserved opcodes and bits,
/// the mask bit for the role, control-frame rules, fragmentation order, and the
/// size limit, which counts the frames of a fragmented message together, so a
/// peer announcing too much is refused with 1009 at once.
///
/// Decisions beyond the letter of the RFC:
/// - Non-minimal length encodings (e.g. 5 bytes announced in the 16-bit
///   field) are accepted. §5.2 obliges the sender to be minimal but asks no
///   check of the receiver; being lenient costs nothing and rejects no peer.
/// - Fragmentation order is checked here (not only in the message assembler)
///   because the message size limit needs it and it lets a bad continuation
///   fail at its header.
/// - RSV1 is accepted only when `allowRSV1` (permessage-deflate negotiated),
///   and then only on the first frame of a message (RFC 7692 §6).
///
/// Once it has thrown, the decoder throws the same error from then on.
package struct WebSocketFrameDecoder {
    /// Consumed bytes are shifted out of the buffer once at least this many
    /// have built up and they outnumber the unconsumed ones, so compaction
    /// copies less than it frees.
    package static let compactionThresholdBytes = 64 * 1024
    /// Buffer capacity kept after the buffer empties; a larger one (left over
    /// from a big message) is released, so idle connections stay small.
    package static let maxRetainedCapacityBytes = 64 * 1024
    /// The largest payload a control frame may have (§5.5).
    package static let maxControlPayloadBytes = 125

    /// The largest message accepted, in bytes, summed over its frames' payloads.
    package let maxMessageBytes: Int
    /// `true` on a server (client frames must be masked), `false` on a client.
    package let expectMasked: Bool
    /// `true` once permessage-deflate is negotiated: RSV1 may mark compressed messages.
    package let allowRSV1: Bool

    /// Received bytes; those before `readIndex` are consumed.
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// The header of the frame whose payload is arriving; its payload starts at `readIndex`.
    private var pendingHeader: WebSocketFrameHeader?
    /// How many of the pending frame's payload bytes are already unmasked in place.
    private var unmaskedPayloadBytes = 0
    /// Payload bytes of the fragmented data message in progress; `nil` when none is open.
    private var openMessageBytes: Int?
    private var failure: WebSocketProtocolError?

    /// A decoder for one connection.
    ///
    /// - Parameters:
    ///   - maxMessageBytes: the largest message (all its frames' payloads) accepted.
    ///   - expectMasked: `true` for a server, which requires masked client frames;
    ///     `false` for a client, which requires unmasked server frames.
    ///   - allowRSV1: `true` when permessage-deflate has been negotiated.
    package init(maxMessageBytes: Int, expectMasked: Bool, allowRSV1: Bool = false) {
        self.maxMessageBytes = max(0, maxMessageBytes)
        self.expectMasked = expectMasked
        self.allowRSV1 = allowRSV1
    }

    /// Bytes received and not yet returned as part of a frame (header included).
    package var bufferedBytes: Int {
        buffer.count - readIndex
    }

    /// Adds received bytes.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes.
    package mutating func append(_ bytes: some Collection<UInt8>) {
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or `nil` if more bytes are needed.
    /// - Throws: the first violation found; the connection must then be failed
    ///   with the error's `closeCode`.
    package mutating func nextFrame() throws(WebSocketProtocolError) -> WebSocketFrame? {
        if let failure { throw failure }
        do throws(WebSocketProtocolError) {
            if pendingHeader == nil {
                guard let header = try parseHeader() else { return nil }
                pendingHeader = header
                unmaskedPayloadBytes = 0
            }
            return takePendingFrame()
        } catch {
            failure = error
            throw error
        }
    }

    /// Runs `body` with the header of the frame whose payload is still arriving
    /// and the part of its payload received so far, unmasked; returns `nil`
    /// without calling `body` when no frame is partly received.
    ///
    /// This lets a text message's UTF-8 be checked while a long frame is still
    /// arriving (fail fast, Autobahn 6.4.3/6.4.4). The bytes stay in place and
    /// are returned again, complete, by `nextFrame()`.
    package mutating func withPartialPayload<Value, Failure: Error>(
        _ body: (WebSocketFrameHeader, UnsafeRawBufferPointer) throws(Failure) -> Value
    ) throws(Failure) -> Value? {
        guard failure == nil, let header = pendingHeader else { return nil }
        unmaskArrivedPayload(of: header)
        let start = readIndex
        let end = readIndex + min(bufferedBytes, header.payloadLength)
        // `Array.withUnsafeBytes` only rethrows untyped errors, so carry the typed one out.
        let outcome: Result<Value, Failure> = buffer.withUnsafeBytes { bytes in
            do throws(Failure) {
                return .success(try body(header, UnsafeRawBufferPointer(rebasing: bytes[start..<end])))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Returns the pending frame if all its payload is in, and resets for the next header.
    private mutating func takePendingFrame() -> WebSocketFrame? {
        guard let header = pendingHeader else { return nil }
        unmaskArrivedPayload(of: header)
        guard bufferedBytes >= header.payloadLength else { return nil }
        let end = readIndex + header.payloadLength
        let payload: [UInt8]
        if end == buffer.count && header.payloadLength >= Self.compactionThresholdBytes {
            // A large payload that ends the buffer: shift it down over the consumed
            // bytes and hand the buffer itself over, rather than copy it into a fresh
            // allocation (for multi-megabyte frames, page faults dominate the copy).
            buffer.removeSubrange(..<readIndex)
            payload = buffer
            buffer = []
            readIndex = 0
        } else {
            payload = Array(buffer[readIndex..<end])
            readIndex = end
        }
        pendingHeader = nil
        return WebSocketFrame(
            fin: header.fin, rsv1: header.rsv1, rsv2: header.rsv2, rsv3: header.rsv3,
            opcode: header.opcode, payload: payload)
    }

    /// Unmasks, in place, the pending frame's payload bytes that arrived since the last call.
    private mutating func unmaskArrivedPayload(of header: WebSocketFrameHeader) {
        guard let key = header.maskingKey else { return }
        let arrived = min(bufferedBytes, header.payloadLength)
        guard arrived > unmaskedPayloadBytes else { return }
        let start = readIndex + unmaskedPayloadBytes
        let end = readIndex + arrived
        let offset = unmaskedPayloadBytes
        buffer.withUnsafeMutableBytes { bytes in
            WebSocketMasking.apply(
                key: key, offset: offset, to: UnsafeMutableRawBufferPointer(rebasing: bytes[start..<end]))
        }
        unmaskedPayloadBytes = arrived
    }

    /// Drops consumed bytes when that is cheap relative to what it frees.
    private mutating func compactIfWorthwhile() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            if buffer.capacity > Self.maxRetainedCapacityBytes {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            readIndex = 0
        } else if readIndex >= Self.compactionThresholdBytes && readIndex >= bufferedBytes {
            buffer.removeSubrange(..<readIndex)
            readIndex = 0
        }
    }
}

extension WebSocketFrameDecoder {
    /// Parses and checks the header at `readIndex`, consuming it; `nil` if incomplete.
    ///
    /// Each check runs as soon as the bytes it needs are in, so a bad first byte
    /// fails even before the second arrives.
    private mutating func parseHeader() throws(WebSocketProtocolError) -> WebSocketFrameHeader? {
        let available = bufferedBytes
        guard available >= 1 else { return nil }
        let first = buffer[readIndex]
        let fin = first & 0x80 != 0
        let rsv1 = first & 0x40 != 0
        let rsv2 = first & 0x20 != 0
        let rsv3 = first & 0x10 != 0
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else {
            throw .reservedOpcode(first & 0x0F)
        }
        let rsv1Permitted = allowRSV1 && (opcode == .text || opcode == .binary)
        guard !rsv2, !rsv3, !rsv1 || rsv1Permitted else { throw .reservedBitsSet }
        guard fin || !opcode.isControl else { throw .fragmentedControlFrame }

        guard available >= 2 else { return nil }
        let second = buffer[readIndex + 1]
        let masked = second & 0x80 != 0
        guard masked == expectMasked else {
            throw expectMasked ? .unmaskedClientFrame : .maskedServerFrame
        }
        let sevenBitLength = Int(second & 0x7F)
        guard sevenBitLength <= Self.maxControlPayloadBytes || !opcode.isControl else {
            throw .controlFrameTooLong
        }
        let extendedLengthBytes =
            switch sevenBitLength {
            case 126: 2
            case 127: 8
            default: 0
            }
        let headerLength = 2 + extendedLengthBytes + (masked ? 4 : 0)
        guard available >= headerLength else { return nil }

        let payloadLength: Int
        if extendedLengthBytes == 0 {
            payloadLength = sevenBitLength
        } else {
            let wireLength = readBigEndian(at: readIndex + 2, byteCount: extendedLengthBytes)
            guard wireLength & (1 << 63) == 0 else { throw .invalidPayloadLength }
            // Longer than Int (only possible on 32-bit platforms): too big, never a trap.
            guard let length = Int(exactly: wireLength) else { throw .messageTooBig }
            payloadLength = length
        }
        try checkMessageOrder(opcode: opcode, fin: fin, payloadLength: payloadLength)

        let maskingKey =
            masked
            ? UInt32(truncatingIfNeeded: readBigEndian(at: readIndex + 2 + extendedLengthBytes, byteCount: 4))
            : nil
        readIndex += headerLength
        return WebSocketFrameHeader(
            fin: fin, rsv1: rsv1, rsv2: rsv2, rsv3: rsv3, opcode: opcode,
            maskingKey: maskingKey, payloadLength: payloadLength)
    }

    /// Tracks the fragmented message in progress: order (§5.4) and total size.
    private mutating func checkMessageOrder(
        opcode: WebSocketOpcode, fin: Bool, payloadLength: Int
    ) throws(WebSocketProtocolError) {
        guard !opcode.isControl else { return }
        let bytesSoFar: Int
        if opcode == .continuation {
            guard let openMessageBytes else { throw .unexpectedContinuation }
            bytesSoFar = openMessageBytes
        } else {
            guard openMessageBytes == nil else { throw .unfinishedFragmentedMessage }
            bytesSoFar = 0
        }
        // Subtracting keeps the sum from overflowing: bytesSoFar <= maxMessageBytes.
        guard payloadLength <= maxMessageBytes - bytesSoFar else { throw .messageTooBig }
        openMessageBytes = fin ? nil : bytesSoFar + payloadLength
    }

    /// The big-endian unsigned integer in `byteCount` (≤ 8) buffer bytes from `index`.
    private func readBigEndian(at index: Int, byteCount: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in buffer[index..<index + byteCount] {
            value = value << 8 | UInt64(byte)
        }
        return value
    }
}
