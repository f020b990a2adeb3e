import HeraldPosix
import HeraldProtocol

/// What an endpoint does with a WebSocket's messages.
protocol WebSocketApplication: AnyObject {
    /// The handshake is done; the session may send.
    func opened(_ session: WebSocketConnectionHandler, on connection: Connection)
    /// A complete text (UTF-8 validated) or binary message arrived.
    func received(_ message: WebSocketMessage, session: WebSocketConnectionHandler, on connection: Connection)
    /// The connection is gone.
    func closed(_ session: WebSocketConnectionHandler, on connection: Connection)
}

/// Speaks RFC 6455 on an upgraded connection: frames in, messages to the
/// application; pings, pongs, the close handshake, keep-alive pings and the
/// idle timeout are handled here so applications never see them.
final class WebSocketConnectionHandler: ConnectionHandler {
    private let application: any WebSocketApplication
    private var reader: WebSocketReader
    /// permessage-deflate, when negotiated.
    let compression: WebSocketCompression?
    private let pingIntervalMilliseconds: UInt64
    private let idleTimeoutMilliseconds: UInt64
    private var lastInboundAt: UInt64
    private var lastPingAt: UInt64
    /// A close frame went out; nothing more may be sent.
    private(set) var isClosing = false

    init(
        application: any WebSocketApplication, maxMessageBytes: Int,
        settings: GatewayConfiguration.WebSocket, compression: WebSocketCompression? = nil, nowMilliseconds: UInt64
    ) {
        self.application = application
        self.compression = compression
        reader = WebSocketReader(
            maxMessageBytes: maxMessageBytes, expectMasked: true, inflater: compression?.makeInflater())
        pingIntervalMilliseconds = UInt64(settings.pingIntervalSeconds * 1000)
        idleTimeoutMilliseconds = UInt64(settings.idleTimeoutSeconds * 1000)
        lastInboundAt = nowMilliseconds
        lastPingAt = nowMilliseconds
    }

    func opened(_ connection: Connection) {
        application.opened(self, on: connection)
    }

    // MARK: Sending

    /// Sends a data or control frame built from `payload`; a text or binary
    /// message is compressed when permessage-deflate was negotiated and it is
    /// at least `ws.compression_min_bytes` (and compresses smaller).
    func send(_ opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer, on connection: Connection) {
        guard !isClosing else { return }
        if !opcode.isControl, let compressed = compression?.compress(payload) {
            connection.send(compressed.withUnsafeBytes { FrameChunk.make(opcode: opcode, payload: $0, rsv1: true) })
            return
        }
        connection.send(FrameChunk.make(opcode: opcode, payload: payload))
    }

    /// Sends an already-encoded frame (shared by many connections).
    func send(frame: ByteChunk, on connection: Connection) {
        guard !isClosing else { return }
        connection.send(frame)
    }

    /// Starts the close handshake: sends a close frame, then half-closes once it
    /// is written and waits (up to `ws.close_timeout`) for the peer to finish.
    func close(code: WebSocketCloseCode, reason: String, on connection: Connection) {
        close(rawCode: code.rawValue, reason: reason, on: connection)
    }

    private func close(rawCode: UInt16?, reason: String, on connection: Connection) {
        guard !isClosing else { return }
        connection.send(WebSocketFrameEncoder.closeFrame(rawCode: rawCode, reason: reason))
        isClosing = true
        connection.closeAfterFlush()
    }

    // MARK: ConnectionHandler

    func connection(_ connection: Connection, received bytes: UnsafeRawBufferPointer) {
        lastInboundAt = connection.loopState.loop.nowMilliseconds
        reader.append(bytes)
        while connection.isOpen && !isClosing {
            let message: WebSocketMessage?
            do {
                message = try reader.nextMessage()
            } catch {
                connection.loopState.services.record(.protocolError)
                close(code: error.closeCode, reason: error.reason, on: connection)
                return
            }
            guard let message else { return }
            handle(message, on: connection)
        }
    }

    private func handle(_ message: WebSocketMessage, on connection: Connection) {
        switch message {
        case .ping(let payload):
            payload.withUnsafeBytes { send(.pong, payload: $0, on: connection) }
        case .pong:
            break  // lastInboundAt already moved: that is all a pong is for
        case .close(let code, _):
            // Echo the peer's code (none if it sent none), then let it see our FIN.
            connection.loopState.services.record(.clientClosed)
            close(rawCode: code, reason: "", on: connection)
        case .text, .binary:
            application.received(message, session: self, on: connection)
        }
    }

    func connectionTick(_ connection: Connection, nowMilliseconds: UInt64) {
        guard !isClosing else { return }
        let silent = nowMilliseconds &- lastInboundAt
        if silent >= idleTimeoutMilliseconds {
            connection.loopState.services.record(.idleTimeout)
            close(code: .normalClosure, reason: "idle timeout", on: connection)
        } else if silent >= pingIntervalMilliseconds && nowMilliseconds &- lastPingAt >= pingIntervalMilliseconds {
            lastPingAt = nowMilliseconds
            connection.send(FrameChunk.make(opcode: .ping, payload: UnsafeRawBufferPointer(start: nil, count: 0)))
        }
    }

    func connectionClosed(_ connection: Connection) {
        application.closed(self, on: connection)
    }

    /// The gateway is stopping: close 1001 "server shutting down".
    func connectionShutdown(_ connection: Connection) {
        connection.loopState.services.record(.shutdown)
        close(code: .goingAway, reason: "server shutting down", on: connection)
    }

    /// SPEC's default slow-consumer policy, `disconnect`: what has not started going out is
    /// dropped, and the connection is closed with 1013 `slow consumer`.
    func connectionOverflowed(_ connection: Connection) {
        connection.discardUnsentOutput()
        close(code: .tryAgainLater, reason: "slow consumer", on: connection)
    }
}

/// Frames encoded straight into a `ByteChunk`: header and payload in one copy.
enum FrameChunk {
    static func make(opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer, rsv1: Bool = false) -> ByteChunk {
        var header: [UInt8] = []
        header.reserveCapacity(WebSocketFrameEncoder.maxHeaderBytes)
        WebSocketFrameEncoder.encodeHeader(opcode: opcode, payloadLength: payload.count, rsv1: rsv1, into: &header)
        return ByteChunk(count: header.count + payload.count) { buffer in
            buffer.copyBytes(from: header)
            if payload.count > 0 {
                UnsafeMutableRawBufferPointer(rebasing: buffer[header.count...]).copyMemory(from: payload)
            }
        }
    }
}
