/// What a WebSocket peer said, once frames are reassembled and checked.
package enum WebSocketMessage: Sendable, Equatable {
    /// A complete text message, already validated as UTF-8.
    case text([UInt8])
    /// A complete binary message.
    case binary([UInt8])
    /// A ping; answer with a pong carrying the same payload.
    case ping([UInt8])
    /// A pong (solicited or not); it proves the peer is alive.
    case pong([UInt8])
    /// The peer started (or answered) the closing handshake. `code` is `nil`
    /// for an empty close payload (report it as 1005 if you must); otherwise
    /// it passed `WebSocketCloseCode.isValidToReceive`. `reason` is valid UTF-8.
    case close(code: UInt16?, reason: String)
}

/// Turns decoded frames into messages (RFC 6455 §5.4, §5.5, §8.1).
///
/// It reassembles fragmented text and binary messages, passes control frames
/// through even between fragments, enforces the message size limit across
/// fragments, and validates text as UTF-8 incrementally: an invalid sequence
/// fails the first fragment that contains it, without waiting for FIN. Paired
/// with `WebSocketFrameDecoder.withPartialPayload` (as `WebSocketReader`
/// does) it even fails inside a frame whose payload is still arriving.
///
/// Payloads are taken as uncompressed: with permessage-deflate, inflate
/// before text validation (the later extension work goes between the two).
package struct WebSocketMessageAssembler {
    private enum MessageKind {
        case text, binary
    }

    /// The largest message accepted, in bytes, summed over its fragments.
    package let maxMessageBytes: Int

    /// The kind of the fragmented message in progress; `nil` when none is open.
    private var openKind: MessageKind?
    /// Payload of the fragments received so far of the open message.
    private var fragments: [UInt8] = []
    /// Validates the text message in progress; fresh whenever no text message is open.
    private var validator = UTF8Validator()
    /// Payload bytes of the next data frame already validated by `validatePartialPayload`.
    private var prevalidatedBytes = 0

    /// An assembler for one connection, refusing messages over `maxMessageBytes` with 1009.
    package init(maxMessageBytes: Int) {
        self.maxMessageBytes = max(0, maxMessageBytes)
    }

    /// Payload bytes held for the fragmented message in progress.
    package var bufferedMessageBytes: Int {
        fragments.count
    }

    /// Takes the next frame; returns a message when one is complete.
    /// - Throws: the first violation; the connection must then be failed with
    ///   the error's `closeCode` (the assembler's state is then unspecified).
    package mutating func push(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> WebSocketMessage? {
        switch frame.opcode {
        case .ping:
            try Self.checkControlFrame(frame)
            return .ping(frame.payload)
        case .pong:
            try Self.checkControlFrame(frame)
            return .pong(frame.payload)
        case .close:
            try Self.checkControlFrame(frame)
            let close = try WebSocketClosePayload.parse(frame.payload)
            return .close(code: close.code, reason: close.reason)
        case .text, .binary:
            guard openKind == nil else { throw .unfinishedFragmentedMessage }
            guard frame.payload.count <= maxMessageBytes else { throw .messageTooBig }
            let kind: MessageKind = frame.opcode == .text ? .text : .binary
            if kind == .text { try validateText(frame.payload) }
            guard frame.fin else {
                openKind = kind
                fragments = frame.payload
                return nil
            }
            return try complete(kind, payload: frame.payload)
        case .continuation:
            guard let kind = openKind else { throw .unexpectedContinuation }
            guard frame.payload.count <= maxMessageBytes - fragments.count else { throw .messageTooBig }
            if kind == .text { try validateText(frame.payload) }
            fragments.append(contentsOf: frame.payload)
            guard frame.fin else { return nil }
            let payload = fragments
            fragments = []
            openKind = nil
            return try complete(kind, payload: payload)
        }
    }

    /// Validates the UTF-8 of a text frame's payload received so far, so that
    /// an invalid sequence fails before the rest of a long frame arrives.
    ///
    /// Call it between `push` calls with the frame that will be pushed next
    /// (see `WebSocketFrameDecoder.withPartialPayload`); the bytes checked here
    /// are not checked again when that frame is pushed.
    package mutating func validatePartialPayload(
        of header: WebSocketFrameHeader,
        arrived bytes: UnsafeRawBufferPointer
    ) throws(WebSocketProtocolError) {
        let isText =
            switch header.opcode {
            case .text: openKind == nil
            case .continuation: openKind == .text
            default: false
            }
        guard isText, bytes.count > prevalidatedBytes else { return }
        guard validator.validate(UnsafeRawBufferPointer(rebasing: bytes[prevalidatedBytes...])) else {
            throw .invalidUTF8
        }
        prevalidatedBytes = bytes.count
    }

    /// Validates the part of a text frame's payload not validated while it arrived.
    private mutating func validateText(_ payload: [UInt8]) throws(WebSocketProtocolError) {
        let skip = min(prevalidatedBytes, payload.count)
        prevalidatedBytes = 0
        let valid = payload.withUnsafeBytes { bytes in
            validator.validate(UnsafeRawBufferPointer(rebasing: bytes[skip...]))
        }
        guard valid else { throw .invalidUTF8 }
    }

    private mutating func complete(_ kind: MessageKind, payload: [UInt8]) throws(WebSocketProtocolError)
        -> WebSocketMessage
    {
        switch kind {
        case .binary:
            return .binary(payload)
        case .text:
            // A character cut off at the end of the message is as invalid as a bad byte.
            guard validator.isComplete else { throw .invalidUTF8 }
            validator.reset()
            return .text(payload)
        }
    }

    /// The §5.5 control-frame rules, for frames that did not come through `WebSocketFrameDecoder`.
    private static func checkControlFrame(_ frame: WebSocketFrame) throws(WebSocketProtocolError) {
        guard frame.fin else { throw .fragmentedControlFrame }
        guard frame.payload.count <= WebSocketFrameDecoder.maxControlPayloadBytes else {
            throw .controlFrameTooLong
        }
    }
}
