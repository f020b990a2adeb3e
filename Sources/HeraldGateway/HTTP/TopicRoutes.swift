import HeraldBroker
import HeraldProtocol

/// `GET /api/topics` and `GET /api/topics/{topic}/history?since=ID&limit=N`.
struct TopicRoutes {
    let services: GatewayServices

    func list() -> HTTPResponse {
        var body = Array(#"{"topics":["#.utf8)
        for (index, summary) in services.hub.broker.topics().enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: #"{"topic":"#.utf8)
            JSONEncoding.appendString(summary.topic, to: &body)
            body.append(contentsOf: #","subscribers":\#(summary.subscriberCount),"events":\#(summary.eventCount)"#.utf8)
            body.append(contentsOf: #","bytes":\#(summary.retainedBytes),"published":\#(summary.totalPublished)"#.utf8)
            body.append(contentsOf: #","last_id":"#.utf8)
            JSONEncoding.appendStringOrNull(summary.lastID?.description, to: &body)
            body.append(UInt8(ascii: "}"))
        }
        body.append(contentsOf: "]}".utf8)
        return HTTPResponse(status: .ok, headers: ["content-type": "application/json"], body: body)
    }

    func history(topicName: String, request: HTTPRequest) -> HTTPResponse {
        let topic: Topic
        do {
            topic = try Topic(validating: topicName)
        } catch {
            return .jsonError(status: .badRequest, code: error.code, message: error.message)
        }
        var limit = 100
        if let text = request.queryValue("limit") {
            guard let value = Int(text), value >= 1 else {
                return .jsonError(status: .badRequest, code: "bad_request", message: "limit must be a positive integer")
            }
            limit = min(value, 1_000)
        }
        var since: EventID?
        if let text = request.queryValue("since") {
            do {
                since = try EventID(parsing: text)
            } catch {
                return .jsonError(status: .badRequest, code: error.code, message: error.message)
            }
        }
        let events: [PreparedEvent]
        do {
            events = try services.hub.broker.history(of: topic, since: since, limit: limit)
        } catch {
            return .jsonError(status: .badRequest, code: error.code, message: error.message)
        }
        var body = Array(#"{"topic":"#.utf8)
        JSONEncoding.appendString(topic.name, to: &body)
        body.append(contentsOf: #","events":["#.utf8)
        for (index, event) in events.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: event.envelope)
        }
        body.append(contentsOf: "]}".utf8)
        return HTTPResponse(status: .ok, headers: ["content-type": "application/json"], body: body)
    }
}
