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
