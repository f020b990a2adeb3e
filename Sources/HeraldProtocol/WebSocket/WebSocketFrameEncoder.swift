/// Builds frames (RFC 6455 §5.2) for sending: always the minimal length
/// encoding, masked when given a key (a client must mask every frame, §5.3).
///
/// `encode` returns a complete frame; `encodeHeader` writes only the header so
/// a payload encoded once can be shared by many connections and sent with
/// `writev` behind each connection's own header.
package enum WebSocketFrameEncoder {
    /// The longest payload that fits the 7-bit length field.
    package static let maxSevenBitLength = 125
    /// The longest payload that fits the 16-bit extended length field.
    package static let maxSixteenBitLength = 65_535
    /// The longest header: 2 fixed bytes, 8 length bytes and 4 key bytes.
    package static let maxHeaderBytes = 14

    /// The size in bytes of the header for a payload of `payloadLength` bytes.
    package static func headerLength(payloadLength: Int, masked: Bool) -> Int {
        let lengthBytes =
            switch payloadLength {
            case ...maxSevenBitLength: 0
            case ...maxSixteenBitLength: 2
            default: 8
            }
        return 2 + lengthBytes + (masked ? 4 : 0)
    }

    /// Appends a frame header to `output`: FIN/RSV1/opcode byte, mask bit and
    /// the minimal length encoding, then the masking key if there is one.
    ///
    /// The caller sends `payloadLength` payload bytes right after it, masked
    /// with `maskingKey` if one is given (see `WebSocketMasking`). A negative
    /// length is treated as 0.
    package static func encodeHeader(
        opcode: WebSocketOpcode,
        payloadLength: Int,
        fin: Bool = true,
        rsv1: Bool = false,
        maskingKey: UInt32? = nil,
        into output: inout [UInt8]
    ) {
        let length = max(0, payloadLength)
        output.append((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode.rawValue)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        if length <= maxSevenBitLength {
            output.append(maskBit | UInt8(length))
        } else if length <= maxSixteenBitLength {
            output.append(maskBit | 126)
            appendBigEndian(UInt64(length), byteCount: 2, to: &output)
        } else {
            output.append(maskBit | 127)
            appendBigEndian(UInt64(length), byteCount: 8, to: &output)
        }
        if let maskingKey {
            appendBigEndian(UInt64(maskingKey), byteCount: 4, to: &output)
        }
    }

    /// A complete frame carrying `payload`, masked if `maskingKey` is given.
    package static func encode(
        opcode: WebSocketOpcode,
        payload: UnsafeRawBufferPointer,
        fin: Bool = true,
        rsv1: Bool = false,
        maskingKey: UInt32? = nil
    ) -> [UInt8] {
        let headerLength = headerLength(payloadLength: payload.count, masked: maskingKey != nil)
        var frame: [UInt8] = []
        frame.reserveCapacity(headerLength + payload.count)
        encodeHeader(
            opcode: opcode, payloadLength: payload.count, fin: fin, rsv1: rsv1,
            maskingKey: maskingKey, into: &frame)
        frame.append(contentsOf: payload)
        if let maskingKey {
            frame.withUnsafeMutableBytes { bytes in
                WebSocketMasking.apply(
                    key: maskingKey, offset: 0,
                    to: UnsafeMutableRawBufferPointer(rebasing: bytes[headerLength...]))
            }
        }
        return frame
    }

    /// A complete frame carrying `payload`, masked if `maskingKey` is given.
    package static func encode(
        opcode: WebSocketOpcode,
        payload: some Collection<UInt8>,
        fin: Bool = true,
        rsv1: Bool = false,
        maskingKey: UInt32? = nil
    ) -> [UInt8] {
        let contiguous = payload.withContiguousStorageIfAvailable { buffer in
            encode(
                opcode: opcode, payload: UnsafeRawBufferPointer(buffer), fin: fin, rsv1: rsv1,
                maskingKey: maskingKey)
        }
        if let contiguous { return contiguous }
        return Array(payload).withUnsafeBytes { buffer in
            encode(opcode: opcode, payload: buffer, fin: fin, rsv1: rsv1, maskingKey: maskingKey)
        }
    }

    /// A close frame with `code` and `reason`, the reason cut on a character
    /// boundary to fit (`WebSocketClosePayload.maxReasonBytes`).
    package static func closeFrame(
        code: WebSocketCloseCode,
        reason: String = "",
        maskingKey: UInt32? = nil
    ) -> [UInt8] {
        closeFrame(rawCode: code.rawValue, reason: reason, maskingKey: maskingKey)
    }

    /// A close frame with any code (e.g. echoing a peer's application code
    /// 3000–4999), or with an empty payload when `rawCode` is `nil`, in which
    /// case `reason` is ignored.
    package static func closeFrame(
        rawCode: UInt16?,
        reason: String = "",
        maskingKey: UInt32? = nil
    ) -> [UInt8] {
        let payload = rawCode.map { WebSocketClosePayload.encode(rawCode: $0, reason: reason) } ?? []
        return encode(opcode: .close, payload: payload, maskingKey: maskingKey)
    }

    private static func appendBigEndian(_ value: UInt64, byteCount: Int, to output: inout [UInt8]) {
        for index in stride(from: byteCount - 1, through: 0, by: -1) {
            output.append(UInt8(truncatingIfNeeded: value >> (UInt64(index) * 8)))
        }
    }
}
