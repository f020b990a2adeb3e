package import HeraldProtocol

/// Finds complete server-to-client frames (RFC 6455 §5.2) in received bytes
/// without copying them: the payload it returns points into the caller's
/// buffer. This is the load generator's hot path, where `WebSocketReader`
/// (one `[UInt8]` per frame, UTF-8 validation) would cost the client more
/// than the server it measures.
///
/// It checks what a client must: frames unmasked, no reserved opcodes, no
/// reserved bits but RSV1 where permessage-deflate was negotiated (the caller
/// checks it sits on a first data frame), control frames short and final,
/// and the size limit. Fragment order and UTF-8 are the caller's concern
/// (`WebSocketClientConnection` tracks fragments; the bench does not need
/// text validated).
package enum ServerFrameScanner {
    /// One frame found in place.
    package struct Frame {
        /// True on the last frame of a message.
        package var fin: Bool
        /// RSV1: with permessage-deflate, the message is compressed.
        package var rsv1: Bool
        /// What the frame carries.
        package var opcode: WebSocketOpcode
        /// The payload, inside the scanned bytes.
        package var payload: UnsafeRawBufferPointer
        /// Header plus payload: how many bytes to consume.
        package var length: Int
    }

    /// The frame at the start of `bytes`, or `nil` when it has not fully arrived.
    ///
    /// - Parameter maxPayloadBytes: a frame announcing more is refused
    ///   (`messageTooBig`) as soon as its header is in.
    /// - Parameter allowRSV1: permessage-deflate was negotiated.
    /// - Throws: the violation; the connection must be failed.
    package static func nextFrame(
        in bytes: UnsafeRawBufferPointer, maxPayloadBytes: Int, allowRSV1: Bool = false
    ) throws(WebSocketProtocolError) -> Frame? {
        let available = bytes.count
        guard available >= 2 else { return nil }
        let first = bytes[0]
        let second = bytes[1]
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else { throw .reservedOpcode(first & 0x0F) }
        guard first & (allowRSV1 ? 0x30 : 0x70) == 0 else { throw .reservedBitsSet }
        let rsv1 = first & 0x40 != 0
        let fin = first & 0x80 != 0
        guard second & 0x80 == 0 else { throw .maskedServerFrame }
        let sevenBitLength = Int(second & 0x7F)
        if opcode.isControl {
            guard fin else { throw .fragmentedControlFrame }
            guard sevenBitLength <= WebSocketFrameDecoder.maxControlPayloadBytes else { throw .controlFrameTooLong }
        }
        var headerLength = 2
        var payloadLength = sevenBitLength
        if sevenBitLength == 126 {
            guard available >= 4 else { return nil }
            payloadLength = Int(bytes[2]) << 8 | Int(bytes[3])
            headerLength = 4
        } else if sevenBitLength == 127 {
            guard available >= 10 else { return nil }
            var wide: UInt64 = 0
            for index in 2..<10 { wide = wide << 8 | UInt64(bytes[index]) }
            guard wide & (1 << 63) == 0 else { throw .invalidPayloadLength }
            guard wide <= UInt64(maxPayloadBytes) else { throw .messageTooBig }
            payloadLength = Int(wide)
            headerLength = 10
        }
        guard payloadLength <= maxPayloadBytes else { throw .messageTooBig }
        guard available - headerLength >= payloadLength else { return nil }
        return Frame(
            fin: fin, rsv1: rsv1, opcode: opcode,
            payload: UnsafeRawBufferPointer(rebasing: bytes[headerLength..<(headerLength + payloadLength)]),
            length: headerLength + payloadLength)
    }
}
