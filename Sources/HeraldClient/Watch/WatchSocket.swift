import HeraldPosix
import HeraldProtocol
import HeraldTLS

/// One blocking WebSocket connection for `herald watch`, on the watch thread:
/// connect, upgrade, then messages one at a time. Every wait for input goes
/// through `StopSignal.wait`, so a stop ends it at once; nothing spins.
/// Thread-confined: not Sendable on purpose.
final class WatchSocket {
    /// What waiting for the next message gave.
    enum Next {
        case message(WebSocketMessage)
        case stopped
    }

    /// The most a message from the server may take (an envelope embeds a
    /// payload of at most the publish limit, 1 MiB for batches, plus a little).
    static let maxMessageBytes = 16 * 1024 * 1024
    /// Connect and send timeout, in seconds.
    static let ioTimeoutSeconds = 10

    private let socket: ClientStream
    private var reader = WebSocketReader(maxMessageBytes: maxMessageBytes, expectMasked: false)
    private var maskingKeys: MaskingKeyGenerator

    private init(socket: ClientStream, leftover: [UInt8], seed: UInt64) {
        self.socket = socket
        maskingKeys = MaskingKeyGenerator(seed: seed)
        if !leftover.isEmpty { reader.append(leftover) }
    }

    /// Connects to `url` and completes the opening handshake.
    /// - Returns: nil when `stop` was signalled meanwhile.
    /// - Throws: `.refused` when the server answered with an HTTP error
    ///   (its JSON error's code and message), other `ClientError`s when the
    ///   server cannot be reached or does not speak WebSocket.
    static func open(
        _ url: EndpointURL, trust: TLSContext.ClientTrust, stop: StopSignal, silenceMilliseconds: Int
    ) throws(ClientError) -> WatchSocket? {
        guard let address = SocketAddress(host: url.host, port: url.port) else { throw .hostNotNumeric(url.host) }
        var random = SystemRandomNumberGenerator()
        let handshaker = try WebSocketClientHandshaker(url: url, using: &random)
        let socket = try ClientStream(connectingTo: url, trust: trust, timeoutSeconds: ioTimeoutSeconds)
        try socket.sendAll(handshaker.request)
        var received: [UInt8] = []
        while true {
            let head: (head: WebSocketHTTPResponseHead, consumedBytes: Int)?
            do throws(WebSocketClientHandshakeError) {
                head = try WebSocketHTTPResponseHead.parse(received)
            } catch {
                throw .handshakeFailed(address: address.description, error)
            }
            if let (head, consumed) = head {
                guard head.status == 101 else {
                    let body = try readBody(
                        of: head, after: Array(received[consumed...]), socket: socket, stop: stop,
                        silenceMilliseconds: silenceMilliseconds)
                    throw refusal(status: head.status, body: body)
                }
                let checked = received.withUnsafeBytes { bytes in
                    Result { () throws(WebSocketClientHandshakeError) in try handshaker.parseResponse(bytes) }
                }
                if case .failure(let error) = checked { throw .handshakeFailed(address: address.description, error) }
                return WatchSocket(socket: socket, leftover: Array(received[consumed...]), seed: random.next())
            }
            guard let chunk = try receive(socket, stop: stop, silenceMilliseconds: silenceMilliseconds) else {
                return nil
            }
            guard !chunk.isEmpty else { throw .endOfStream }
            received += chunk
        }
    }

    /// The next complete message, waiting for it if need be.
    /// - Throws: when the connection ends, breaks the protocol or stays silent too long.
    func next(stop: StopSignal, silenceMilliseconds: Int) throws(ClientError) -> Next {
        while true {
            do throws(WebSocketProtocolError) {
                if let message = try reader.nextMessage() { return .message(message) }
            } catch {
                send(.close, payload: WebSocketClosePayload.encode(rawCode: error.closeCode.rawValue, reason: ""))
                throw .protocolViolation(error)
            }
            guard let chunk = try Self.receive(socket, stop: stop, silenceMilliseconds: silenceMilliseconds) else {
                return .stopped
            }
            guard !chunk.isEmpty else { throw .endOfStream }
            reader.append(chunk)
        }
    }

    /// Sends one masked message; a failure is left for the next read to find.
    func send(_ opcode: WebSocketOpcode, payload: [UInt8]) {
        let key = maskingKeys.next()
        var frame: [UInt8] = []
        WebSocketFrameEncoder.encodeHeader(opcode: opcode, payloadLength: payload.count, maskingKey: key, into: &frame)
        let start = frame.count
        frame += payload
        frame.withUnsafeMutableBytes { bytes in
            WebSocketMasking.apply(key: key, offset: 0, to: UnsafeMutableRawBufferPointer(rebasing: bytes[start...]))
        }
        try? socket.sendAll(frame)
    }

    /// Waits for input and reads it: nil when stopped, empty at end of stream.
    private static func receive(
        _ socket: ClientStream, stop: StopSignal, silenceMilliseconds: Int
    ) throws(ClientError) -> [UInt8]? {
        switch stop.wait(for: socket.fileDescriptor, timeoutMilliseconds: silenceMilliseconds) {
        case .stopped: return nil
        case .timedOut: throw .timedOut("nothing from the server for \(silenceMilliseconds / 1000) s")
        case .readable: break
        }
        return try socket.receive()
    }

    /// Reads an error response's body (Content-Length framed, else to the end).
    private static func readBody(
        of head: WebSocketHTTPResponseHead, after start: [UInt8], socket: ClientStream, stop: StopSignal,
        silenceMilliseconds: Int
    ) throws(ClientError) -> [UInt8] {
        let length = head.headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
        var body = start
        while body.count < (length ?? Int.max), body.count < 64 * 1024 {
            guard let chunk = try receive(socket, stop: stop, silenceMilliseconds: silenceMilliseconds),
                !chunk.isEmpty
            else { break }
            body += chunk
        }
        return Array(body.prefix(length ?? body.count))
    }

    /// The `ClientError` for an HTTP error answer, from Herald's JSON error body when there is one.
    static func refusal(status: Int, body: [UInt8]) -> ClientError {
        let error = (try? JSONDocument.parse(body))?["error"]
        let code = error?["code"]?.stringValue ?? "http_\(status)"
        var message = error?["message"]?.stringValue ?? String(decoding: body.prefix(512), as: UTF8.self)
        if message.isEmpty { message = "HTTP \(status) with no error body (is the URL a Herald gateway?)" }
        return .refused(status: status, code: code, message: message)
    }
}
