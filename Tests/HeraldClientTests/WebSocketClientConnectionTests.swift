import HeraldClient
import HeraldPosix
import HeraldProtocol
import HeraldTLS
import Synchronization
import Testing

/// What the client told its delegate, gathered on the loop's thread.
private final class Transcript: Sendable {
    let events = Mutex<[String]>([])
    func append(_ event: String) { events.withLock { $0.append(event) } }
}

/// Records delegate calls and says "hi" once open. Loop-confined.
private final class RecordingDelegate: WebSocketClientDelegate {
    let transcript: Transcript
    init(transcript: Transcript) { self.transcript = transcript }

    func webSocketDidOpen(_ connection: WebSocketClientConnection) {
        transcript.append("open")
        Array("hi".utf8).withUnsafeBytes { connection.send(.text, payload: $0) }
    }

    func webSocket(
        _ connection: WebSocketClientConnection, didReceive opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer
    ) {
        transcript.append("\(opcode) \(String(decoding: payload, as: UTF8.self))")
    }

    func webSocket(_ connection: WebSocketClientConnection, didCloseWith reason: ClientError) {
        transcript.append("closed: \(reason)")
    }
}

@Suite struct WebSocketClientConnectionTests {
    enum Mode: String, CaseIterable {
        case inPlace, validated
        var inbound: WebSocketClientConnection.InboundMode {
            self == .inPlace ? .inPlace(maxMessageBytes: 1 << 16) : .validated(maxMessageBytes: 1 << 16)
        }
    }

    /// One unmasked server frame.
    private func frame(_ opcode: WebSocketOpcode, _ text: String, fin: Bool = true) -> [UInt8] {
        WebSocketFrameEncoder.encode(opcode: opcode, payload: Array(text.utf8), fin: fin)
    }

    /// Reads one masked client frame and returns its opcode and unmasked payload.
    private func readClientFrame(from peer: BlockingPeer) throws -> (opcode: UInt8, payload: [UInt8]) {
        let header = try peer.read(count: 2)
        #expect(header[1] & 0x80 != 0, "client frames are masked")
        let length = Int(header[1] & 0x7F)
        let key = try peer.read(count: 4)
        let masked = try peer.read(count: length)
        let payload = masked.enumerated().map { $0.element ^ key[$0.offset % 4] }
        return (header[0] & 0x0F, payload)
    }

    @Test(arguments: Mode.allCases)
    func handshakesReassemblesAnswersPingsAndClosesCleanly(mode: Mode) throws {
        let peer = try BlockingPeer()
        let loop = try EventLoop(index: 0, tickMilliseconds: 50)
        let thread = try PosixThread.spawn(name: "client-test") { loop.run() }
        defer {
            loop.stop()
            thread.join()
        }
        let transcript = Transcript()
        let url = try EndpointURL("ws://127.0.0.1:\(peer.port)/ws?topic=a")
        let inbound = mode.inbound
        loop.execute { loop in
            let delegate = RecordingDelegate(transcript: transcript)
            guard let connection = try? WebSocketClientConnection(url: url, loop: loop, inbound: inbound) else {
                return transcript.append("init failed")
            }
            connection.delegate = delegate
            loop.attachment = [delegate, connection] as AnyObject
            connection.start()
        }

        try peer.accept()
        let request = try peer.readHead()
        #expect(request.hasPrefix("GET /ws?topic=a HTTP/1.1\r\n"))
        #expect(request.contains("Host: 127.0.0.1:\(peer.port)\r\n"))
        let keyLine = try #require(request.split(separator: "\r\n").first { $0.hasPrefix("Sec-WebSocket-Key: ") })
        let key = String(keyLine.dropFirst("Sec-WebSocket-Key: ".count))
        // The response head and the first frames in one write: the client must split them.
        try peer.write(
            WebSocketHandshake.switchingProtocolsResponse(key: key, sha1: SHA1.hash)
                + frame(.text, "hel", fin: false) + frame(.ping, "p1") + frame(.continuation, "lo")
                + frame(.binary, "bin"))

        let hello = try readClientFrame(from: peer)
        #expect(hello.opcode == 0x1 && hello.payload == Array("hi".utf8))
        let pong = try readClientFrame(from: peer)
        #expect(pong.opcode == 0xA && pong.payload == Array("p1".utf8))

        try peer.write(WebSocketFrameEncoder.closeFrame(code: .goingAway))
        let close = try readClientFrame(from: peer)
        #expect(close.opcode == 0x8 && close.payload == [0x03, 0xE9])
        #expect(peer.readsEndOfStream())

        let deadline = MonotonicClock.nowMilliseconds() + 5_000
        while transcript.events.withLock({ $0.last?.hasPrefix("closed") != true })
            && MonotonicClock.nowMilliseconds() < deadline
        {
            MonotonicClock.sleep(untilNanoseconds: MonotonicClock.nowNanoseconds() + 10_000_000)
        }
        #expect(
            transcript.events.withLock { $0 } == [
                "open", "text hello", "binary bin", "closed: server closed the WebSocket (code 1001)",
            ])
    }

    @Test func reportsARefusedConnect() throws {
        // A port that was just free: bind, read it, close.
        let port = try BlockingPeer().port
        let loop = try EventLoop(index: 0, tickMilliseconds: 50)
        let thread = try PosixThread.spawn(name: "client-test") { loop.run() }
        defer {
            loop.stop()
            thread.join()
        }
        let transcript = Transcript()
        let url = try EndpointURL("ws://127.0.0.1:\(port)/ws")
        loop.execute { loop in
            let delegate = RecordingDelegate(transcript: transcript)
            guard
                let connection = try? WebSocketClientConnection(
                    url: url, loop: loop, inbound: .inPlace(maxMessageBytes: 1024))
            else { return transcript.append("init failed") }
            connection.delegate = delegate
            loop.attachment = [delegate, connection] as AnyObject
            connection.start()
        }
        let deadline = MonotonicClock.nowMilliseconds() + 5_000
        while transcript.events.withLock({ $0.isEmpty }) && MonotonicClock.nowMilliseconds() < deadline {
            MonotonicClock.sleep(untilNanoseconds: MonotonicClock.nowNanoseconds() + 10_000_000)
        }
        let events = transcript.events.withLock { $0 }
        #expect(events.count == 1)
        #expect(events.first?.hasPrefix("closed: connect to 127.0.0.1:\(port) failed: Connection refused") == true)
    }
}
