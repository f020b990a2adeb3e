extension WebSocketMessageAssembler {
    /// Reads a close frame's payload (RFC 6455 §5.5.1, §7.4).
    ///
    /// Empty: no code, no reason. One byte: `closePayloadTooShort` (1002). A
    /// code that fails `WebSocketCloseCode.isValidToReceive`:
    /// `invalidCloseCode` (1002). A reason that is not complete, valid UTF-8:
    /// `invalidCloseReason` (1007).
    package static func parseClosePayload(
        _ payload: [UInt8]
    ) throws(WebSocketProtocolError) -> (code: UInt16?, reason: String) {
        guard !payload.isEmpty else { return (nil, "") }
        guard payload.count >= 2 else { throw .closePayloadTooShort }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        guard WebSocketCloseCode.isValidToReceive(code) else { throw .invalidCloseCode(code) }
        var validator = UTF8Validator()
        let valid = payload.withUnsafeBytes { bytes in
            validator.validate(UnsafeRawBufferPointer(rebasing: bytes[2...]))
        }
        guard valid && validator.isComplete else { throw .invalidCloseReason }
        return (code, String(decoding: payload[2...], as: UTF8.self))
    }
}
