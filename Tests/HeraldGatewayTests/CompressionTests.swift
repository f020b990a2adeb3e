import Foundation
import HeraldGateway
import HeraldProtocol
import Testing

@Suite struct CompressionTests {
    private static let big = String(repeating: "compressible text, ", count: 100)

    private func gateway(_ adjust: @escaping (inout GatewayConfiguration) -> Void = { _ in }) throws -> TestGateway {
        try TestGateway { configuration in
            configuration.conformance.echo = true
            configuration.conformance.echoMaxMessageBytes = 64 * 1024
            adjust(&configuration)
        }
    }

    @Test func theServerAcceptsWithServerNoContextTakeover() throws {
        let server = try gateway()
        let socket = try DeflateWebSocket(port: server.port, offer: "permessage-deflate; server_max_window_bits=10")
        #expect(socket.acceptedExtensions == "permessage-deflate; server_no_context_takeover; server_max_window_bits=10")
        let declined = try DeflateWebSocket(port: server.port, offer: "permessage-deflate; server_max_window_bits=99")
        #expect(declined.acceptedExtensions == nil)
        let off = try gateway { $0.webSocket.compression = false }
        #expect(try DeflateWebSocket(port: off.port).acceptedExtensions == nil)
    }

    @Test func compressedMessagesAreEchoedCompressedAndSmallOnesPlain() throws {
        let server = try gateway()
        let socket = try DeflateWebSocket(port: server.port)
        for fragments in [1, 3] {
            try socket.sendCompressed(.text, Array(Self.big.utf8), fragments: fragments)
            let echo = try socket.receiveFrame()
            #expect(echo.rsv1 && echo.opcode == .text)
            #expect(echo.payload.count < Self.big.utf8.count / 5)
            #expect(try socket.plainPayload(echo) == Array(Self.big.utf8))
        }
        try socket.sendCompressed(.binary, [1, 2, 3])
        let small = try socket.receiveFrame()
        #expect(!small.rsv1 && small.payload == [1, 2, 3], "under ws.compression_min_bytes: sent plain")
        try socket.sendFrame(.text, Array("plain in".utf8))
        #expect(try socket.receiveFrame().payload == Array("plain in".utf8))
    }

    @Test func anInflateBombIsClosedWith1009() throws {
        let server = try gateway()
        let socket = try DeflateWebSocket(port: server.port)
        try socket.sendCompressed(.binary, [UInt8](repeating: 0, count: 10 << 20))
        let frame = try socket.receiveFrame()
        #expect(frame.opcode == .close && frame.payload.prefix(2) == [0x03, 0xF1])
    }

    @Test func corruptCompressedDataIsClosedWith1007AndRSV1OnAContinuationWith1002() throws {
        let server = try gateway()
        let corrupt = try DeflateWebSocket(port: server.port)
        try corrupt.sendFrame(.text, [0xFF, 0xFF, 0xFF], rsv1: true)
        #expect(try corrupt.receiveFrame().payload.prefix(2) == [0x03, 0xEF])
        let continuation = try DeflateWebSocket(port: server.port)
        try continuation.sendFrame(.text, [0x00], fin: false, rsv1: true)
        try continuation.sendFrame(.continuation, [0x00], rsv1: true)
        #expect(try continuation.receiveFrame().payload.prefix(2) == [0x03, 0xEA])
        let plainClient = try TestWebSocket(port: server.port)
        try plainClient.client.write(WebSocketFrameEncoder.encode(
            opcode: .text, payload: [0x00], rsv1: true, maskingKey: 0x0102_0304))
        #expect(try plainClient.receiveClose().code == 1002, "RSV1 without the extension")
    }

    @Test func aFannedOutEventIsCompressedOnceIntoTheSameBytes() throws {
        let server = try gateway()
        let first = try DeflateWebSocket(port: server.port, path: "/ws?topic=news")
        let second = try DeflateWebSocket(port: server.port, path: "/ws?topic=news")
        let narrow = try DeflateWebSocket(port: server.port, path: "/ws?topic=news", offer: "permessage-deflate; server_max_window_bits=9")
        let plain = try TestWebSocket(port: server.port, path: "/ws?topic=news")
        // The welcome; query subscriptions are made in the same step, before it goes out.
        _ = try first.receiveFrame()
        _ = try second.receiveFrame()
        _ = try narrow.receiveFrame()
        _ = try plain.receive()
        let data = #"{"text":"\#(Self.big)"}"#
        let response = try server.client().post("/publish", body: #"[{"topic":"news","data":\#(data)}]"#)
        #expect(response.status == 200, "\(response.body)")
        let a = try first.receiveFrame()
        let b = try second.receiveFrame()
        let c = try narrow.receiveFrame()
        #expect(a.rsv1 && a == b, "identical compressed frames")
        #expect(c.rsv1)
        let envelope = try first.plainPayload(a)
        #expect(try narrow.plainPayload(c) == envelope)
        guard case .text(let plainEnvelope) = try plain.receive() else { throw TestClient.Failure(description: "no text") }
        #expect(envelope == plainEnvelope)
        #expect(a.payload.count < envelope.count / 3)
    }
}
