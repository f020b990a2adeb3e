import Foundation
import HeraldProtocol
import HeraldGateway
import Testing

@Suite struct WebSocketServerTests {
    private func echoGateway(
        loops: Int = 2, _ adjust: @escaping (inout GatewayConfiguration) -> Void = { _ in }
    ) throws -> TestGateway {
        try TestGateway(loops: loops) { configuration in
            configuration.conformance.echo = true
            adjust(&configuration)
        }
    }

    @Test func manyConcurrentClientsAcrossAllLoopsEachGetTheirOwnEcho() async throws {
        let server = try echoGateway(loops: 4)
        let sockets = try (0..<200).map { _ in try TestWebSocket(port: server.port) }
        #expect(await server.eventually { server.gateway.connectionCount == 200 })
        let perLoop = server.gateway.connectionCountsPerLoop
        #expect(perLoop.count == 4)
        #expect(perLoop.allSatisfy { $0 == 50 }, "round-robin spreads connections evenly: \(perLoop)")
        for (index, socket) in sockets.enumerated() { try socket.sendText("hello \(index)") }
        for (index, socket) in sockets.enumerated() {
            #expect(try socket.receive() == .text(Array("hello \(index)".utf8)))
        }
    }

    @Test func fragmentedMessageWithAPingBetweenFragmentsIsEchoedWhole() throws {
        let server = try echoGateway()
        let socket = try TestWebSocket(port: server.port)
        try socket.send(.text, Array("frag".utf8), fin: false)
        try socket.send(.ping, Array("p".utf8))
        try socket.send(.continuation, Array("ment".utf8), fin: true)
        #expect(try socket.receive() == .pong(Array("p".utf8)))
        #expect(try socket.receive() == .text(Array("fragment".utf8)))
    }

    @Test func binaryMessagesOfEveryLengthEncodingRoundTrip() throws {
        let server = try echoGateway()
        let socket = try TestWebSocket(port: server.port)
        for length in [0, 125, 126, 65535, 65536, 300_000] {
            let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try socket.send(.binary, payload)
            #expect(try socket.receive() == .binary(payload))
        }
    }

    @Test func closeHandshakeEchoesTheCodeAndReleasesTheSocket() async throws {
        let server = try echoGateway()
        let socket = try TestWebSocket(port: server.port)
        try socket.send(.close, WebSocketClosePayload.encode(rawCode: 4000, reason: "bye"))
        #expect(try socket.receiveClose().code == 4000)
        #expect(try socket.client.readToEnd().isEmpty)
        socket.client.finish()
        #expect(await server.eventually { server.gateway.connectionCount == 0 })
    }

    @Test(arguments: [
        // An unmasked client frame.
        ([0x81, 0x02, 0x68, 0x69] as [UInt8], UInt16(1002)),
        // RSV2 set with no extension.
        ([0xA1, 0x80, 1, 2, 3, 4] as [UInt8], UInt16(1002)),
        // A ping with 126 bytes announced.
        ([0x89, 0xFE, 0x00, 0x7E, 1, 2, 3, 4] as [UInt8], UInt16(1002)),
        // Invalid UTF-8 (0xFF) in a text frame, masked with a zero key.
        ([0x81, 0x81, 0, 0, 0, 0, 0xFF] as [UInt8], UInt16(1007)),
        // A 2 KiB message announced where 1 KiB is the limit: refused from the header alone.
        ([0x82, 0xFE, 0x08, 0x00, 0, 0, 0, 0] as [UInt8], UInt16(1009)),
    ])
    func protocolViolationGetsTheRightCloseCodeAndTheSocketIsReleased(frame: [UInt8], code: UInt16) async throws {
        let server = try echoGateway { $0.conformance.echoMaxMessageBytes = 1024 }
        let bystander = try TestWebSocket(port: server.port)
        let socket = try TestWebSocket(port: server.port)
        try socket.client.write(frame)
        #expect(try socket.receiveClose().code == code)
        #expect(try socket.client.readToEnd().isEmpty)
        socket.client.finish()
        // Nobody else noticed.
        try bystander.sendText("still here")
        #expect(try bystander.receive() == .text(Array("still here".utf8)))
        #expect(await server.eventually { server.gateway.connectionCount == 1 })
    }

    @Test func serverPingsASilentClientThenClosesItWhenIdle() throws {
        let server = try echoGateway {
            $0.webSocket.pingIntervalSeconds = 0.2
            $0.webSocket.idleTimeoutSeconds = 0.8
        }
        let socket = try TestWebSocket(port: server.port)
        #expect(try socket.receive() == .ping([]))
        let close = try socket.receiveClose()
        #expect(close.code == 1000)
        #expect(close.reason == "idle timeout")
    }

    @Test func handshakeWithoutVersionGets426() throws {
        let server = try echoGateway()
        let client = try server.client()
        try client.write(
            "GET /ws/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 426)
        #expect(response.header("sec-websocket-version") == "13")
        #expect(response.body.contains("upgrade_required"))
    }

    @Test func echoEndpointIsOffUnlessConfigured() throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write("GET /ws/echo HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 404)
    }
}

@Suite struct ShutdownTests {
    @Test func stoppingClosesWebSocketsWith1001AndEndsSSEStreams() throws {
        let server = try TestGateway()
        let socket = try TestWebSocket(port: server.port, path: "/ws?topic=t")
        _ = try socket.receiveJSON()
        let stream = try server.client()
        try stream.write("GET /sse?topic=t HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try stream.read(until: Array("\r\n\r\n".utf8))
        let gateway = server.gateway
        let stopper = Thread { gateway.stop(graceSeconds: 5) }
        stopper.start()
        let close = try socket.receiveClose()
        #expect(close.code == 1001)
        #expect(close.reason == "server shutting down")
        socket.client.finish()
        _ = try stream.readToEnd()  // the stream ends (returns at end of stream)
    }
}
