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

    /// A reader for one connection.
    ///
    /// - Parameters:
    ///   - maxMessageBytes: the largest message accepted (1009 above it),
    ///     judged from frame headers before their payload is buffered.
    ///   - expectMasked: `true` on a server, `false` on a client.
    package init(maxMessageBytes: Int, expectMasked: Bool) {
        decoder = WebSocketFrameDecoder(maxMessageBytes: maxMessageBytes, expectMasked: expectMasked)
        assembler = WebSocketMessageAssembler(maxMessageBytes: maxMessageBytes)
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
                if let message = try assembler.push(frame) { return message }
            }
            try decoder.withPartialPayload { header, arrived throws(WebSocketProtocolError) in
                try assembler.validatePartialPayload(of: header, arrived: arrived)
            }
            return nil
        } catch {
            failure = error
            throw error
        }
    }
}
