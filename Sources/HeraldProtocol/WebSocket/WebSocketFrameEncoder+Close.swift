extension WebSocketFrameEncoder {
    /// The most reason bytes a close frame holds: 125 bytes of control payload
    /// minus the 2-byte code (RFC 6455 §5.5, §5.5.1).
    package static let maxCloseReasonBytes = 123

    /// A close frame with `code` and `reason`, the reason cut to fit (see `closePayload`).
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
        let payload = rawCode.map { closePayload(rawCode: $0, reason: reason) } ?? []
        return encode(opcode: .close, payload: payload, maskingKey: maskingKey)
    }

    /// A close payload: the code in network byte order, then the reason's UTF-8,
    /// cut at a character boundary to at most `maxCloseReasonBytes`.
    package static func closePayload(rawCode: UInt16, reason: String) -> [UInt8] {
        var payload: [UInt8] = [UInt8(truncatingIfNeeded: rawCode >> 8), UInt8(truncatingIfNeeded: rawCode)]
        payload.append(contentsOf: truncatedCloseReason(reason))
        return payload
    }

    /// The longest prefix of `reason`'s UTF-8 that is at most
    /// `maxCloseReasonBytes` and does not split a character's encoding.
    package static func truncatedCloseReason(_ reason: String) -> [UInt8] {
        let bytes = Array(reason.utf8)
        guard bytes.count > maxCloseReasonBytes else { return bytes }
        // Back off from the cut while it falls before a continuation byte (10xxxxxx).
        var end = maxCloseReasonBytes
        while end > 0 && bytes[end] & 0xC0 == 0x80 {
            end -= 1
        }
        return Array(bytes[..<end])
    }
}
