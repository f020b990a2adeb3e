import HeraldProtocol
import HeraldTLS

/// A WebSocket client over `TestClient`: masked frames out, a real reader in.
// @unchecked Sendable: a socket is used by one thread at a time (tests hand it over whole).
final class TestWebSocket: @unchecked Sendable {
    let client: TestClient
    private var reader = WebSocketReader(maxMessageBytes: 64 * 1024 * 1024, expectMasked: false)

    /// Connects and completes the handshake on `path`.
    init(port: Int, path: String = "/ws/echo", receiveBufferBytes: Int32? = nil) throws {
        client = try TestClient(port: port, receiveBufferBytes: receiveBufferBytes)
        var generator = SystemRandomNumberGenerator()
        let key = WebSocketClientHandshake.makeKey(using: &generator)
        guard let request = WebSocketClientHandshake.upgradeRequest(host: "127.0.0.1", path: path, key: key) else {
            throw TestClient.Failure(description: "bad upgrade request")
        }
        try client.write(request)
        let head = try client.read(until: Array("\r\n\r\n".utf8))
        guard let (parsed, _) = try WebSocketHTTPResponseHead.parse(head) else {
            throw TestClient.Failure(description: "unparseable handshake response")
        }
        _ = try WebSocketClientHandshake.validateResponse(
            status: parsed.status, headers: parsed.headers, key: key, sha1: SHA1.hash)
    }

    /// Sends one masked frame.
    func send(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) throws {
        try client.write(WebSocketFrameEncoder.encode(
            opcode: opcode, payload: payload, fin: fin, maskingKey: UInt32.random(in: 1...UInt32.max)))
    }

    func sendText(_ text: String) throws { try send(.text, Array(text.utf8)) }

    /// The next message from the server (pings and pongs included).
    func receive() throws -> WebSocketMessage {
        while true {
            if let message = try reader.nextMessage() { return message }
            let bytes = try client.readSome()
            guard !bytes.isEmpty else { throw TestClient.Failure(description: "end of stream") }
            reader.append(bytes)
        }
    }

    /// Reads until the server's close frame and returns its code and reason.
    func receiveClose() throws -> (code: UInt16?, reason: String) {
        while true {
            if case .close(let code, let reason) = try receive() { return (code, reason) }
        }
    }
}
