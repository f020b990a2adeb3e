import Foundation
import HeraldGateway
import HeraldProtocol
import Testing

/// SPEC "Filters" end to end: applied per subscription before queueing, to live
/// events and to replays; a bad filter is refused with its column.
@Suite struct FilterTests {
    private func publish(_ client: TestClient, _ topic: String, _ body: String) throws -> String {
        let response = try client.post("/publish/\(topic)", body: body, headers: ["Content-Type": "application/json"])
        return try #require(TestJSON.object(response.body)?["id"] as? String)
    }

    @Test func aSubscriptionFilterPassesOnlyMatchingEvents() throws {
        let server = try TestGateway()
        let filter = "data.amount > 100 && data.region == 'eu'"
        let query = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let socket = try TestWebSocket(port: server.port, path: "/ws?topic=orders.*&filter=\(query)")
        _ = try socket.receiveJSON()
        let client = try server.client()
        _ = try publish(client, "orders.a", #"{"amount":50,"region":"eu"}"#)
        _ = try publish(client, "orders.b", #"{"amount":500,"region":"us"}"#)
        let wanted = try publish(client, "orders.c", #"{"amount":500,"region":"eu"}"#)
        #expect(try client.post("/publish/orders.d", body: "no json here at all").status == 200)
        let last = try publish(client, "orders.e", #"{"amount":101.5,"region":"eu"}"#)
        #expect(try socket.receiveJSON()["id"] as? String == wanted)
        #expect(try socket.receiveJSON()["id"] as? String == last)
    }

    @Test func aFilterOnTheSubscribeOpAppliesToTheReplayAndIsReplacedByResubscribing() throws {
        let server = try TestGateway()
        let client = try server.client()
        var ids: [String] = []
        for index in 0..<6 {
            ids.append(try publish(client, "m", #"{"n":\#(index),"kind":"\#(index % 2 == 0 ? "even" : "odd")"}"#))
        }
        let socket = try TestWebSocket(port: server.port, path: "/ws")
        _ = try socket.receiveJSON()
        try socket.sendText(#"{"op":"subscribe","id":"s1","topic":"m","filter":"data.kind == 'odd'","since":"earliest"}"#)
        #expect(try socket.receiveJSON()["type"] as? String == "ack")
        for expected in [ids[1], ids[3], ids[5]] { #expect(try socket.receiveJSON()["id"] as? String == expected) }
        // Re-subscribing replaces the filter (no replay without since).
        try socket.sendText(#"{"op":"subscribe","id":"s2","topic":"m","filter":"data.n >= 10"}"#)
        #expect(try socket.receiveJSON()["type"] as? String == "ack")
        _ = try publish(client, "m", #"{"n":7,"kind":"odd"}"#)
        let passing = try publish(client, "m", #"{"n":10,"kind":"even"}"#)
        #expect(try socket.receiveJSON()["id"] as? String == passing)
    }

    @Test func aBadFilterIsRefusedWithItsColumn() throws {
        let server = try TestGateway()
        let socket = try TestWebSocket(port: server.port, path: "/ws")
        _ = try socket.receiveJSON()
        try socket.sendText(#"{"op":"subscribe","id":"f","topic":"m","filter":"data.amount > "}"#)
        let error = try socket.receiveJSON()
        #expect(error["type"] as? String == "error")
        #expect(error["code"] as? String == "bad_filter")
        #expect(error["id"] as? String == "f")
        #expect(error["column"] as? Int == 15, "the end of the 14-byte text")
        // The same in a query: 400 before the upgrade, with the column.
        let response = try server.client().get("/sse?topic=m&filter=data.amount%20%3E%20")
        #expect(response.status == 400)
        let body = try #require(TestJSON.object(response.body)?["error"] as? [String: Any])
        #expect(body["code"] as? String == "bad_filter")
        #expect(body["column"] as? Int == 15)
    }

    @Test func sseSubscribersAreFilteredToo() throws {
        let server = try TestGateway()
        let stream = try server.client()
        try stream.write("GET /sse?topic=s&filter=has(data.keep) HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try stream.read(until: Array("\r\n\r\n".utf8))
        let client = try server.client()
        _ = try publish(client, "s", #"{"drop":1}"#)
        let kept = try publish(client, "s", #"{"keep":true}"#)
        var parser = SSEEventParser()
        var events: [SSEEvent] = []
        while events.isEmpty {
            for case .event(let event) in try parser.feed(try stream.readSome()) { events.append(event) }
        }
        #expect(events.first?.id == kept)
    }
}
