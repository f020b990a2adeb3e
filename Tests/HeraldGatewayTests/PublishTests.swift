import Foundation
import HeraldGateway
import Testing

@Suite struct PublishTests {
    @Test func publishingAnswersWithTheIdTopicAndRecipients() throws {
        let server = try TestGateway()
        let subscriber = try TestWebSocket(port: server.port, path: "/ws?topic=orders.*")
        _ = try subscriber.receiveJSON()  // welcome
        let client = try server.client()
        let response = try client.post(
            "/publish/orders.created", body: #"{"orderId":"123"}"#, headers: ["Content-Type": "application/json"])
        #expect(response.status == 200)
        let result = try #require(TestJSON.object(response.body))
        #expect(result["topic"] as? String == "orders.created")
        #expect(result["recipients"] as? Int == 1)
        let event = try subscriber.receiveJSON()
        #expect(event["type"] as? String == "event")
        #expect(event["id"] as? String == result["id"] as? String)
        #expect((event["data"] as? [String: Any])?["orderId"] as? String == "123")
    }

    @Test(arguments: [
        // (content type, body, expected data as JSON text, base64 encoding flag)
        (nil as String?, #"{"a":1}"#, #"{"a":1}"#, false),
        (nil, "plain words", #""plain words""#, false),
        ("application/x-www-form-urlencoded", "a=1&b=2", #""a=1&b=2""#, false),
        ("text/plain; charset=utf-8", "42", #""42""#, false),
        ("application/cloudevents+json", "[1, 2]", "[1, 2]", false),
        ("application/octet-stream", "\u{01}\u{02}", #""AQI=""#, true),
    ])
    func theBodyIsEmbeddedAsSpecSaysForItsContentType(
        contentType: String?, body: String, expectedData: String, isBase64: Bool
    ) throws {
        let server = try TestGateway()
        let client = try server.client()
        var headers: [String: String] = [:]
        if let contentType { headers["Content-Type"] = contentType }
        #expect(try client.post("/publish/t", body: body, headers: headers).status == 200)
        let history = try client.get("/api/topics/t/history")
        let envelope = try #require(
            (TestJSON.object(history.body)?["events"] as? [[String: Any]])?.first)
        let data = try JSONSerialization.data(withJSONObject: envelope["data"] as Any, options: [.fragmentsAllowed])
        let expected = try JSONSerialization.jsonObject(with: Data(expectedData.utf8), options: [.fragmentsAllowed])
        #expect(
            NSDictionary(dictionary: ["v": try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])])
                == NSDictionary(dictionary: ["v": expected]))
        #expect((envelope["encoding"] as? String == "base64") == isBase64)
    }

    @Test func invalidJSONWithAJSONContentTypeIs400() throws {
        let server = try TestGateway()
        let response = try server.client().post(
            "/publish/t", body: "{nope", headers: ["Content-Type": "application/json"])
        #expect(response.status == 400)
        #expect(response.body.contains(#""code":"bad_json""#))
    }

    @Test(arguments: ["bad topic", "a..b", "orders.*", "chat.>"])
    func aBadTopicIs400(topic: String) throws {
        let server = try TestGateway()
        let path = "/publish/" + (topic.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? topic)
        let response = try server.client().post(path, body: "1")
        #expect(response.status == 400)
        #expect(response.body.contains(#""code":"bad_topic""#))
    }

    @Test func aBodyOverTheLimitIs413() throws {
        let server = try TestGateway { $0.publish.maxBodyBytes = 1024 }
        let response = try server.client().post("/publish/t", body: String(repeating: "x", count: 2000))
        #expect(response.status == 413)
    }

    @Test func publishingNeedsAKeyWhenKeysAreConfigured() throws {
        let server = try TestGateway { $0.publish.keys = ["s3cret"] }
        let client = try server.client()
        let anonymous = try client.post("/publish/t", body: "1")
        #expect(anonymous.status == 401)
        #expect(anonymous.body.contains("unauthenticated"))
        #expect(try client.post("/publish/t", body: "1", headers: ["Authorization": "Bearer wrong"]).status == 403)
        #expect(try client.post("/publish/t", body: "1", headers: ["Authorization": "Bearer s3cret"]).status == 200)
    }

    @Test func getOnAPublishPathIs405() throws {
        let server = try TestGateway()
        let response = try server.client().get("/publish/t")
        #expect(response.status == 405)
        #expect(response.header("allow") == "POST")
    }

    @Test func aRepeatedIdempotencyKeyReturnsTheFirstResultAndIsNotDeliveredAgain() throws {
        let server = try TestGateway()
        let subscriber = try TestWebSocket(port: server.port, path: "/ws?topic=t")
        _ = try subscriber.receiveJSON()
        let client = try server.client()
        let first = try #require(TestJSON.object(try client.post("/publish/t", body: "1", headers: ["Idempotency-Key": "k1"]).body))
        let second = try #require(TestJSON.object(try client.post("/publish/t", body: "1", headers: ["Idempotency-Key": "k1"]).body))
        #expect(second["id"] as? String == first["id"] as? String)
        #expect(second["duplicate"] as? Bool == true)
        _ = try client.post("/publish/t", body: "2")
        #expect(try subscriber.receiveJSON()["id"] as? String == first["id"] as? String)
        // The next event is the third publish: the duplicate was not delivered.
        #expect(try subscriber.receiveJSON()["data"] as? Int == 2)
    }

    @Test func aBatchWithOneBadItemPublishesNothingAndNamesTheItem() throws {
        let server = try TestGateway()
        let client = try server.client()
        let response = try client.post(
            "/publish", body: #"[{"topic":"a","data":1},{"topic":"b"},{"topic":"c","data":3}]"#)
        #expect(response.status == 400)
        let error = try #require(TestJSON.object(response.body)?["error"] as? [String: Any])
        #expect(error["index"] as? Int == 1)
        let topics = try #require(TestJSON.object(try client.get("/api/topics").body)?["topics"] as? [Any])
        #expect(topics.isEmpty)
    }

    @Test func ndjsonBatchesPublishInOrderWithConsecutiveResults() throws {
        let server = try TestGateway()
        let client = try server.client()
        let lines = (0..<5).map { #"{"topic":"n","data":\#($0),"event_type":"tick"}"# }.joined(separator: "\n")
        let response = try client.post("/publish", body: lines, headers: ["Content-Type": "application/x-ndjson"])
        #expect(response.status == 200)
        let results = try #require(TestJSON.object(response.body)?["results"] as? [[String: Any]])
        #expect(results.count == 5)
        let history = try #require(TestJSON.object(try client.get("/api/topics/n/history").body)?["events"] as? [[String: Any]])
        #expect(history.map { $0["data"] as? Int } == [0, 1, 2, 3, 4])
        #expect(history.map { $0["id"] as? String } == results.map { $0["id"] as? String })
        #expect(history.allSatisfy { $0["event_type"] as? String == "tick" })
    }

    @Test func aBatchOverTheItemLimitIs413() throws {
        let server = try TestGateway { $0.publish.maxBatch = 2 }
        let response = try server.client().post(
            "/publish", body: #"[{"topic":"a","data":1},{"topic":"a","data":2},{"topic":"a","data":3}]"#)
        #expect(response.status == 413)
    }
}
