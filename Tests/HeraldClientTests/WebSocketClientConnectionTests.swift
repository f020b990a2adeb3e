import HeraldClient
import HeraldCompression
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

/// A client connection on its own loop thread, recording what its delegate hears.
private final class ClientHarness {
    let transcript = Transcript()
    private let loop: EventLoop
    private let thread: PosixThread

    /// Starts a connection to `url` at once.
    init(url: EndpointURL, inbound: WebSocketClientConnection.InboundMode, offerDeflate: Bool = false) throws {
        loop = try EventLoop(index: 0, tickMilliseconds: 50)
        let loop = loop
        thread = try PosixThread.spawn(name: "client-test") { loop.run() }
        let transcript = transcript
        loop.execute { loop in
            let delegate = RecordingDelegate(transcript: transcript)
            guard
                let connection = try? WebSocketClientConnection(
                    url: url, loop: loop, inbound: inbound, offerDeflate: offerDeflate)
            else { return transcript.append("init failed") }
            connection.delegate = delegate
            loop.attachment = [delegate, connection] as AnyObject
            connection.start()
        }
    }

    deinit {
        loop.stop()
        thread.join()
    }

    /// What the delegate heard once `done` holds for it (or after 5 s).
    func events(once done: ([String]) -> Bool) -> [String] {
        let deadline = MonotonicClock.nowMilliseconds() + 5_000
        while !transcript.events.withLock({ done($0) }) && MonotonicClock.nowMilliseconds() < deadline {
            MonotonicClock.sleep(untilNanoseconds: MonotonicClock.nowNanoseconds() + 10_000_000)
        }
        return transcript.events.withLock { $0 }
    }

    /// What the delegate heard once the connection closed.
    var eventsOnceClosed: [String] { events { $0.last?.hasPrefix("closed") == true } }
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
        let client = try ClientHarness(
            url: try EndpointURL("ws://127.0.0.1:\(peer.port)/ws?topic=a"), inbound: mode.inbound)

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

        #expect(
            client.eventsOnceClosed == [
                "open", "text hello", "binary bin", "closed: server closed the WebSocket (code 1001)",
            ])
    }

    @Test func reportsARefusedConnect() throws {
        // A port that was just free: bind, read it, close.
        let port = try BlockingPeer().port
        let client = try ClientHarness(
            url: try EndpointURL("ws://127.0.0.1:\(port)/ws"), inbound: .inPlace(maxMessageBytes: 1024))
        let events = client.events { !$0.isEmpty }
        #expect(events.count == 1)
        #expect(events.first?.hasPrefix("closed: connect to 127.0.0.1:\(port) failed: Connection refused") == true)
    }

    /// One server frame with RSV1 (compressed) set as asked.
    private func compressedFrame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true, rsv1: Bool = true)
        -> [UInt8]
    {
        var bytes = WebSocketFrameEncoder.encode(opcode: opcode, payload: payload, fin: fin)
        if rsv1 { bytes[0] |= 0x40 }
        return bytes
    }

    @Test(arguments: Mode.allCases)
    func inflatesCompressedMessagesWholeAndFragmentedOncePermessageDeflateIsAgreed(mode: Mode) throws {
        let peer = try BlockingPeer()
        let client = try ClientHarness(
            url: try EndpointURL("ws://127.0.0.1:\(peer.port)/ws?topic=a"), inbound: mode.inbound, offerDeflate: true)

        try peer.accept()
        let request = try peer.readHead()
        #expect(request.contains("\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
        let keyLine = try #require(request.split(separator: "\r\n").first { $0.hasPrefix("Sec-WebSocket-Key: ") })
        var head = WebSocketHandshake.switchingProtocolsResponse(
            key: String(keyLine.dropFirst("Sec-WebSocket-Key: ".count)), sha1: SHA1.hash)
        head.removeLast(2)
        head += Array("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n".utf8)
        let deflater = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: true)
        let whole = deflater.compress(Array("hello hello hello".utf8))
        let split = deflater.compress(Array("fragmented and compressed".utf8))
        let half = split.count / 2
        try peer.write(
            head + compressedFrame(.text, whole) + frame(.text, "plain")
                + compressedFrame(.text, Array(split[..<half]), fin: false)
                + compressedFrame(.continuation, Array(split[half...]), rsv1: false))
        #expect(try readClientFrame(from: peer).payload == Array("hi".utf8))

        // RSV1 on a continuation frame is a protocol violation (RFC 7692 §6.1).
        try peer.write(
            compressedFrame(.text, Array(whole.prefix(2)), fin: false) + compressedFrame(.continuation, [0x00]))
        let close = try readClientFrame(from: peer)
        #expect(close.opcode == 0x8 && close.payload.prefix(2) == [0x03, 0xEA])

        let events = client.eventsOnceClosed
        #expect(
            Array(events.prefix(4)) == [
                "open", "text hello hello hello", "text plain", "text fragmented and compressed",
            ])
        #expect(events.last?.hasPrefix("closed: server broke the WebSocket protocol") == true)
    }
}
