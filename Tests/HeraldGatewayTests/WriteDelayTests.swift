import Foundation
import HeraldGateway
import Testing

/// `outbound.write_delay`: events wait in the connection's queue for the delay; replies are
/// not delayed and take the waiting events along, in order.
@Suite struct WriteDelayTests {
    @Test func eventsWaitForTheDelayWhileARepliesGoAtOnceWithThemInOrder() throws {
        // A delay far longer than the test: only the ping's reply can bring the events out.
        let server = try TestGateway(loops: 1) { $0.outbound.writeDelaySeconds = 1 }
        let socket = try TestWebSocket(port: server.port, path: "/ws?topic=d.*")
        #expect(try socket.receiveJSON()["type"] as? String == "welcome")
        let client = try server.client()
        var ids: [String] = []
        for index in 0..<3 {
            ids.append(
                try #require(TestJSON.object(try client.post("/publish/d.x", body: "\(index)").body)?["id"] as? String))
        }
        try socket.sendText(#"{"op":"ping","id":"p"}"#)
        var frames: [[String: Any]] = []
        while frames.last?["type"] as? String != "pong" { frames.append(try socket.receiveJSON()) }
        #expect(frames.dropLast().map { $0["id"] as? String } == ids)
        // The pong counted the events still waiting in the queue when it was made.
        #expect((frames.last?["queued_bytes"] as? Int ?? 0) > 0)
    }

    @Test func everyEventArrivesWithAShortDelay() throws {
        let server = try TestGateway { $0.outbound.writeDelaySeconds = 0.005 }
        let sockets = try (0..<4).map { _ in try TestWebSocket(port: server.port, path: "/ws?topic=e") }
        for socket in sockets { _ = try socket.receiveJSON() }
        let client = try server.client()
        var ids: [String] = []
        for index in 0..<50 {
            ids.append(
                try #require(TestJSON.object(try client.post("/publish/e", body: "\(index)").body)?["id"] as? String))
        }
        for socket in sockets {
            var received: [String] = []
            while received.count < ids.count {
                received.append(try #require(try socket.receiveJSON()["id"] as? String))
            }
            #expect(received == ids)
        }
    }

    @Test(arguments: ["-0.1", "2", "soon"])
    func anOutOfRangeDelayIsRefusedNamingTheKey(value: String) async throws {
        let path = NSTemporaryDirectory() + "herald-\(UUID().uuidString).yaml"
        try "outbound:\n  write_delay: \(value)\n".write(toFile: path, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await ConfigurationLoader.load(flags: [:], environment: [:], filePath: path)
        } throws: { error in
            "\(error)".contains("outbound.write_delay") && "\(error)".contains("from 0 to 1")
        }
    }
}
