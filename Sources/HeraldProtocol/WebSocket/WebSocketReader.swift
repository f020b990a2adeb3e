/// One connection's inbound WebSocket stream: bytes in, checked messages out.
///
/// Combines `WebSocketFrameDecoder` and `WebSocketMessageAssembler`, and
/// validates a text frame's UTF-8 while its payload is still arriving, so an
/// invalid sequence fails the connection at once (Autobahn 6.4.*). Once it
/// has thrown, it throws the same error from then on.
package struct WebSocketReader {
    private var decoder: WebSocketFrameDecoder
    private var assembler: WebSocketMessageAssembler
    private var failure: WebSocketProtocolError?
    private let inflater: (any WebSocketMessageInflater)?
    private let maxMessageBytes: Int
    /// A compressed message is open: its data frames go through `inflater`.
    private var inflating = false
    /// Bytes the open compressed message has inflated to so far.
    private var inflatedBytes = 0

    /// A reader for one connection.
    ///
    /// - Parameters:
    ///   - maxMessageBytes: the largest message accepted (1009 above it),
    ///     judged from frame headers before their payload is buffered.
    ///   - expectMasked: `true` on a server, `false` on a client.
    ///   - inflater: set when permessage-deflate was negotiated: RSV1 is then
    ///     allowed on a message's first frame, and such a message is inflated
    ///     (within `maxMessageBytes`) before it is assembled and validated.
    package init(maxMessageBytes: Int, expectMasked: Bool, inflater: (any WebSocketMessageInflater)? = nil) {
        decoder = WebSocketFrameDecoder(
            maxMessageBytes: maxMessageBytes, expectMasked: expectMasked, allowRSV1: inflater != nil)
        assembler = WebSocketMessageAssembler(maxMessageBytes: maxMessageBytes)
        self.inflater = inflater
        self.maxMessageBytes = max(0, maxMessageBytes)
    }

    /// Bytes held for messages not yet returned: undecoded input plus the
    /// fragments of an open message. Once `nextMessage()` has returned `nil`,
    /// this is at most `maxMessageBytes` plus 125 (a control frame arriving
    /// between fragments): the memory bound per connection.
    package var bufferedBytes: Int {
        decoder.bufferedBytes + assembler.bufferedMessageBytes
    }

    /// Adds received bytes.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        decoder.append(bytes)
    }

    /// Adds received bytes.
    package mutating func append(_ bytes: some Collection<UInt8>) {
        decoder.append(bytes)
    }

    /// The next complete message, or `nil` if more bytes are needed. Call it
    /// until it returns `nil` after each `append`.
    /// - Throws: the first violation; close the connection with its `closeCode`
    ///   and `reason`.
    package mutating func nextMessage() throws(WebSocketProtocolError) -> WebSocketMessage? {
        if let failure { throw failure }
        do throws(WebSocketProtocolError) {
            while let frame = try decoder.nextFrame() {
                if let message = try assembler.push(try inflated(frame)) { return message }
            }
            let compressed = inflating
            try decoder.withPartialPayload { header, arrived throws(WebSocketProtocolError) in
                // Compressed bytes are validated once inflated.
                guard !compressed, !header.rsv1 else { return }
                try assembler.validatePartialPayload(of: header, arrived: arrived)
            }
            return nil
        } catch {
            failure = error
            throw error
        }
    }

    /// `frame` with its payload inflated when it belongs to a compressed message.
    private mutating func inflated(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> WebSocketFrame {
        guard let inflater, !frame.opcode.isControl else { return frame }
        if frame.opcode != .continuation {
            inflating = frame.rsv1
            inflatedBytes = 0
        }
        guard inflating else { return frame }
        var plain = frame
        plain.rsv1 = false
        plain.payload = try inflater.inflate(
            frame.payload, isFinal: frame.fin, maxBytes: maxMessageBytes - inflatedBytes)
        inflatedBytes += plain.payload.count
        if frame.fin { inflating = false }
        return plain
    }
}
