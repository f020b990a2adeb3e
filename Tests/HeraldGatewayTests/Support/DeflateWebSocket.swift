import HeraldCompression
import HeraldProtocol

/// A WebSocket client that offers permessage-deflate: it compresses what it
/// sends with its own `Deflater` (client side, masked) and hands back raw
/// frames so tests can see RSV1 and the exact compressed bytes.
// @unchecked Sendable: used by one thread at a time, like TestWebSocket.
final class DeflateWebSocket: @unchecked Sendable {
    let client: TestClient
    /// The server's `Sec-WebSocket-Extensions` answer, if any.
    let acceptedExtensions: String?
    private var decoder = WebSocketFrameDecoder(maxMessageBytes: 64 * 1024 * 1024, expectMasked: false, allowRSV1: true)
    private let deflater: Deflater
    private let inflater: Inflater

    init(port: Int, path: String = "/ws/echo", offer: String = "permessage-deflate; client_max_window_bits") throws {
        client = try TestClient(port: port)
        try client.write(
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: \(offer)\r\n\r\n")
        let head = String(decoding: try client.read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 101") else { throw TestClient.Failure(description: "no 101: \(head)") }
        acceptedExtensions = head.split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("sec-websocket-extensions:") }
            .map { String($0.dropFirst("sec-websocket-extensions:".count)).trimmingSpaces }
        deflater = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: false)
        inflater = try Inflater(noContextTakeover: true)
    }

    /// Sends `payload` compressed (RSV1), split into `fragments` frames.
    func sendCompressed(_ opcode: WebSocketOpcode, _ payload: [UInt8], fragments: Int = 1) throws {
        let compressed = deflater.compress(payload)
        let size = max(1, (compressed.count + fragments - 1) / fragments)
        var index = 0
        var first = true
        repeat {
            let end = min(index + size, compressed.count)
            try sendFrame(
                first ? opcode : .continuation, Array(compressed[index..<end]), fin: end == compressed.count, rsv1: first)
            first = false
            index = end
        } while index < compressed.count
    }

    /// Sends one masked frame as given.
    func sendFrame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true, rsv1: Bool = false) throws {
        try client.write(WebSocketFrameEncoder.encode(
            opcode: opcode, payload: payload, fin: fin, rsv1: rsv1, maskingKey: UInt32.random(in: 1...UInt32.max)))
    }

    /// The next frame exactly as the server sent it.
    func receiveFrame() throws -> WebSocketFrame {
        while true {
            if let frame = try decoder.nextFrame() { return frame }
            let bytes = try client.readSome()
            guard !bytes.isEmpty else { throw TestClient.Failure(description: "end of stream") }
            decoder.append(bytes)
        }
    }

    /// A received (unfragmented) frame's payload, inflated when RSV1 is set.
    func plainPayload(_ frame: WebSocketFrame) throws -> [UInt8] {
        frame.rsv1 ? try inflater.decompress(frame.payload, maxSize: 64 * 1024 * 1024) : frame.payload
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
