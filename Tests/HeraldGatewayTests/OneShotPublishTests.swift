import HeraldClient
import Testing

/// What `herald publish` does, against a real gateway.
@Suite struct OneShotPublishTests {
    @Test func oneShotPublishReturnsTheIdAndTheEventIsRetained() throws {
        let server = try TestGateway()
        let url = try EndpointURL("http://127.0.0.1:\(server.port)")
        let response = try OneShotHTTPClient.request(
            method: "POST", url: url, target: "/publish/cli.test", headers: [("Event-Type", "note")],
            body: Array(#"{"hello":"world"}"#.utf8))
        #expect(response.status == 200)
        let id = try #require(TestJSON.object(response.body)?["id"] as? String)
        let history = try server.client().get("/api/topics/cli.test/history")
        let event = try #require((TestJSON.object(history.body)?["events"] as? [[String: Any]])?.first)
        #expect(event["id"] as? String == id)
        #expect(event["event_type"] as? String == "note")
    }

    @Test func aRefusedPublishComesBackWithTheServersError() throws {
        let server = try TestGateway()
        let url = try EndpointURL("http://127.0.0.1:\(server.port)")
        let response = try OneShotHTTPClient.request(
            method: "POST", url: url, target: "/publish/bad%20topic", body: Array("1".utf8))
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("bad_topic"))
    }
}
