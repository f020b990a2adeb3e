import Foundation
import HeraldGateway
import HeraldProtocol
import Testing

@Suite struct SubscribeTests {
    @Test func welcomeThenControlOpsAreAnsweredWithAckErrorAndPong() throws {
        let server = try TestGateway()
        let socket = try TestWebSocket(port: server.port, path: "/ws")
        let welcome = try socket.receiveJSON()
        #expect(welcome["type"] as? String == "welcome")
        #expect(welcome["epoch"] as? String != nil)
        #expect(welcome["node"] as? String != nil)
        let epoch = try #require(welcome["epoch"] as? String)
        #expect(welcome["position"] as? String == "\(epoch)-0")  // nothing published yet
        try socket.sendText(#"{"op":"subscribe","id":"r1","topic":"chat.>"}"#)
        #expect(
            try socket.receiveJSON() as NSDictionary
                == ["type": "ack", "id": "r1", "position": "\(epoch)-0"] as NSDictionary)
        try socket.sendText(#"{"op":"ping","id":"r2"}"#)
        #expect(try socket.receiveJSON() as NSDictionary == ["type": "pong", "id": "r2", "queued_bytes": 0] as NSDictionary)
        try socket.sendText(#"{"op":"unsubscribe","id":"r3","topic":"nope"}"#)
        #expect(try socket.receiveJSON()["code"] as? String == "not_subscribed")
        try socket.sendText(#"{"op":"subscribe","id":"r4","topic":"a.>.b"}"#)
        let badTopic = try socket.receiveJSON()
        #expect(badTopic["code"] as? String == "bad_topic", "\(badTopic)")
        #expect(badTopic["id"] as? String == "r4")
        try socket.sendText(#"{"op":"subscribe","id":"r5","topic":"a","since":"zzz"}"#)
        #expect(try socket.receiveJSON()["code"] as? String == "bad_since")
        try socket.sendText("not json")
        #expect(try socket.receiveJSON()["code"] as? String == "bad_request")
        try socket.sendText(#"{"op":"publish","id":"r6","topic":"chat.room-1","data":{"text":"hi"}}"#)
        var sawAck = false
        var sawEvent = false
        for _ in 0..<2 {
            let message = try socket.receiveJSON()
            if message["type"] as? String == "ack" { sawAck = message["event_id"] != nil }
            if message["type"] as? String == "event" { sawEvent = (message["data"] as? [String: Any])?["text"] as? String == "hi" }
        }
        #expect(sawAck && sawEvent)
        try socket.sendText(#"{"op":"unsubscribe","id":"r7","topic":"chat.>"}"#)
        #expect(try socket.receiveJSON()["type"] as? String == "ack")
    }

    @Test func publishOverWebSocketCanBeTurnedOff() throws {
        let server = try TestGateway { $0.webSocket.allowPublish = false }
        let socket = try TestWebSocket(port: server.port, path: "/ws")
        _ = try socket.receiveJSON()
        try socket.sendText(#"{"op":"publish","id":"p","topic":"t","data":1}"#)
        #expect(try socket.receiveJSON()["code"] as? String == "forbidden")
    }

    @Test(arguments: ["/ws?topic=a..b", "/ws?topic=ok&since=garbage", "/ws?topic=ok&format=xml", "/sse?topic=*.>.x"])
    func aBadQuerySubscriptionIsRefusedWith400BeforeTheUpgrade(path: String) throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write(
            "GET \(path) HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.body.hasPrefix(#"{"error":{"code":"#))
    }

    @Test func rawFormatSendsOnlyPayloads() throws {
        let server = try TestGateway()
        let socket = try TestWebSocket(port: server.port, path: "/ws?topic=t&format=raw")
        let client = try server.client()
        #expect(try client.post("/publish/t", body: #"{"n":1}"#).status == 200)
        try client.write(
            Array("POST /publish/t HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 2\r\n\r\n".utf8)
                + [0xFF, 0x00])
        #expect(try client.readResponse().status == 200)
        #expect(try socket.receive() == .text(Array(#"{"n":1}"#.utf8)))
        #expect(try socket.receive() == .binary([0xFF, 0x00]))
    }

    @Test func resumeReplaysWhatWasMissedInOrderThenGoesLive() throws {
        let server = try TestGateway()
        let client = try server.client()
        var ids: [String] = []
        for index in 0..<5 {
            let result = try client.post("/publish/news.\(index % 2 == 0 ? "even" : "odd")", body: "\(index)")
            ids.append(try #require(TestJSON.object(result.body)?["id"] as? String))
        }
        let socket = try TestWebSocket(port: server.port, path: "/ws?topic=news.*&since=\(ids[1])")
        _ = try socket.receiveJSON()
        for expected in ids[2...] { #expect(try socket.receiveJSON()["id"] as? String == expected) }
        let live = try #require(TestJSON.object(try client.post("/publish/news.odd", body: "5").body)?["id"] as? String)
        #expect(try socket.receiveJSON()["id"] as? String == live)
    }

    @Test func resumeFromAnEvictedIdSendsAGapNoticeFirst() throws {
        let server = try TestGateway { $0.history.maxEventsPerTopic = 2 }
        let client = try server.client()
        var ids: [String] = []
        for index in 0..<5 {
            ids.append(try #require(TestJSON.object(try client.post("/publish/g", body: "\(index)").body)?["id"] as? String))
        }
        let socket = try TestWebSocket(port: server.port, path: "/ws")
        _ = try socket.receiveJSON()
        try socket.sendText(#"{"op":"subscribe","id":"s","topic":"g","since":"\#(ids[0])"}"#)
        #expect(try socket.receiveJSON()["type"] as? String == "ack")
        let gap = try socket.receiveJSON()
        #expect(gap["type"] as? String == "gap")
        #expect(gap["topic"] as? String == "g")
        #expect(gap["since"] as? String == ids[0])
        #expect(gap["first_available"] as? String == ids[3])
        #expect(try socket.receiveJSON()["id"] as? String == ids[3])
        #expect(try socket.receiveJSON()["id"] as? String == ids[4])
    }

    @Test func sseStreamsEnvelopesAndResumesFromLastEventID() throws {
        let server = try TestGateway()
        let client = try server.client()
        var ids: [String] = []
        for index in 0..<3 {
            ids.append(try #require(TestJSON.object(try client.post("/publish/s.x", body: "\(index)").body)?["id"] as? String))
        }
        let stream = try server.client()
        try stream.write("GET /sse?topic=s.*&since=earliest HTTP/1.1\r\nHost: x\r\nLast-Event-ID: \(ids[0])\r\n\r\n")
        let head = String(decoding: try stream.read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 200"))
        #expect(head.contains("content-type: text/event-stream"))
        var parser = SSEEventParser()
        var events: [SSEEvent] = []
        while events.count < 2 {
            for message in try parser.feed(try stream.readSome()) {
                if case .event(let event) = message { events.append(event) }
            }
        }
        #expect(events.map(\.id) == [ids[1], ids[2]])
        #expect(events.allSatisfy { $0.event == "s.x" })
        #expect(TestJSON.object(events[0].data)?["data"] as? Int == 1)
    }

    @Test func resumingFromTheAcksPositionDeliversWhatAQuietSubscriptionMissed() throws {
        let server = try TestGateway()
        let client = try server.client()
        _ = try client.post("/publish/other", body: "1")  // the node's history is not empty
        let first = try TestWebSocket(port: server.port, path: "/ws")
        _ = try first.receiveJSON()
        try first.sendText(#"{"op":"subscribe","id":"s","topic":"quiet.*"}"#)
        let ack = try first.receiveJSON()
        let position = try #require(ack["position"] as? String)
        first.client.finish()
        // Published while the subscriber is away; it had seen no event to resume from.
        var missed: [String] = []
        for index in 0..<3 {
            _ = try client.post("/publish/other", body: "\(index)")
            missed.append(try #require(TestJSON.object(try client.post("/publish/quiet.a", body: "\(index)").body)?["id"] as? String))
        }
        let second = try TestWebSocket(port: server.port, path: "/ws?topic=quiet.*&since=\(position)")
        #expect(try second.receiveJSON()["type"] as? String == "welcome")
        for expected in missed { #expect(try second.receiveJSON()["id"] as? String == expected) }
    }

    @Test func anSSEStreamStartsWithThePositionAsItsLastEventID() throws {
        let server = try TestGateway()
        let client = try server.client()
        let before = try #require(TestJSON.object(try client.post("/publish/elsewhere", body: "1").body)?["id"] as? String)
        let stream = try server.client()
        try stream.write("GET /sse?topic=quiet.* HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try stream.read(until: Array("\r\n\r\n".utf8))
        var parser = SSEEventParser()
        while parser.lastEventID == nil { _ = try parser.feed(try stream.readSome()) }
        // An id-only block: no event is dispatched, but a reconnect sends it as Last-Event-ID.
        #expect(parser.lastEventID == before)
        let live = try #require(TestJSON.object(try client.post("/publish/quiet.a", body: "2").body)?["id"] as? String)
        var events: [SSEEvent] = []
        while events.isEmpty {
            for message in try parser.feed(try stream.readSome()) {
                if case .event(let event) = message { events.append(event) }
            }
        }
        #expect(events.map(\.id) == [live])
    }

    @Test func aReplayOverSeveralPatternsComesInIDOrderOnWebSocketAndSSE() throws {
        let server = try TestGateway()
        let client = try server.client()
        var ids: [String] = []
        for topic in ["a.x", "b.x", "a.y", "b.y", "a.x"] {
            ids.append(try #require(TestJSON.object(try client.post("/publish/\(topic)", body: "1").body)?["id"] as? String))
        }
        let socket = try TestWebSocket(port: server.port, path: "/ws?topic=a.*&topic=b.*&since=\(ids[0])")
        #expect(try socket.receiveJSON()["type"] as? String == "welcome")
        var received: [String?] = []
        for _ in 1..<ids.count { received.append(try socket.receiveJSON()["id"] as? String) }
        #expect(received == ids[1...].map { $0 })

        let stream = try server.client()
        try stream.write("GET /sse?topic=b.*&topic=a.*&since=earliest HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try stream.read(until: Array("\r\n\r\n".utf8))
        var parser = SSEEventParser()
        var events: [SSEEvent] = []
        while events.count < ids.count {
            for message in try parser.feed(try stream.readSome()) {
                if case .event(let event) = message { events.append(event) }
            }
        }
        #expect(events.map(\.id) == ids.map { $0 })
    }
}
