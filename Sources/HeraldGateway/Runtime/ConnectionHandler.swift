/// The protocol spoken on a connection: HTTP until an upgrade, then WebSocket
/// (or an SSE stream). The connection does the I/O; the handler the meaning.
protocol ConnectionHandler: AnyObject {
    /// Bytes arrived. They are valid only during the call.
    func connection(_ connection: Connection, received bytes: UnsafeRawBufferPointer)
    /// The loop's coarse tick: timeouts, pings.
    func connectionTick(_ connection: Connection, nowMilliseconds: UInt64)
    /// The connection is gone; release whatever refers to it.
    func connectionClosed(_ connection: Connection)
    /// A bounded send found the outbound queue full: apply the slow-consumer policy.
    func connectionOverflowed(_ connection: Connection)
    /// The gateway is stopping: say goodbye as the protocol says (WebSocket: 1001).
    func connectionShutdown(_ connection: Connection)
}

extension ConnectionHandler {
    func connectionOverflowed(_ connection: Connection) {
        connection.closeNow()
    }

    func connectionShutdown(_ connection: Connection) {
        connection.closeAfterFlush()
    }
}
