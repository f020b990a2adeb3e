import HeraldBroker
import HeraldPosix
import HeraldProtocol

/// `POST /publish/{topic}` and `POST /publish` (a JSON array or NDJSON batch).
struct PublishRoutes {
    let services: GatewayServices

    /// `POST /publish/{topic}`: the body is the payload.
    func publishOne(topicName: String, request: HTTPRequest) -> HTTPResponse {
        let started = MonotonicClock.nowNanoseconds()
        defer { services.metrics.publishLatency.recordNanoseconds(Int64(MonotonicClock.nowNanoseconds() - started)) }
        if let refusal = authorize(request) ?? refuseWhileDraining() { return refusal }
        let topic: Topic
        do {
            topic = try Topic(validating: topicName)
        } catch {
            return .jsonError(status: .badRequest, code: error.code, message: error.message)
        }
        guard request.body.count <= services.configuration.publish.maxBodyBytes else {
            return .jsonError(
                status: .contentTooLarge, code: "body_too_large",
                message: "an event body may have at most \(services.configuration.publish.maxBodyBytes) bytes")
        }
        let payload: EventPayload
        do {
            payload = try EventPayload(body: request.body, contentType: request.headers["content-type"])
        } catch {
            return .jsonError(status: .badRequest, code: "bad_json", message: error.message)
        }
        var key: IdempotencyKey?
        if let text = request.headers["idempotency-key"] {
            do {
                key = try IdempotencyKey(validating: text)
            } catch {
                return .jsonError(status: .badRequest, code: error.code, message: error.message)
            }
        }
        let eventType = request.headers["event-type"] ?? request.headers["ce-type"]
        let outcome = services.hub.publish(
            PubSubHub.Item(topic: topic, payload: payload, eventType: eventType, idempotencyKey: key))
        var body: [UInt8] = []
        Self.appendResult(outcome, topic: topic, to: &body)
        return HTTPResponse(status: .ok, headers: ["content-type": "application/json"], body: body)
    }

    /// `POST /publish`: every item is validated before any is published.
    func publishBatch(request: HTTPRequest) -> HTTPResponse {
        if let refusal = authorize(request) ?? refuseWhileDraining() { return refusal }
        let items: [PubSubHub.Item]
        do {
            items = try BatchParser(limits: services.configuration.publish).parse(
                body: request.body, contentType: request.headers["content-type"])
        } catch {
            return error.response
        }
        let outcomes = services.hub.publishBatch(items)
        var body = Array(#"{"results":["#.utf8)
        for (index, outcome) in outcomes.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            Self.appendResult(outcome, topic: items[index].topic, to: &body)
        }
        body.append(contentsOf: "]}".utf8)
        return HTTPResponse(status: .ok, headers: ["content-type": "application/json"], body: body)
    }

    /// `{"id":"…","topic":"…","recipients":N[,"duplicate":true]}`.
    static func appendResult(_ outcome: PublishOutcome, topic: Topic, to body: inout [UInt8]) {
        body.append(contentsOf: #"{"id":""#.utf8)
        body.append(contentsOf: outcome.id.description.utf8)
        body.append(contentsOf: #"","topic":"#.utf8)
        JSONEncoding.appendString(topic.name, to: &body)
        body.append(contentsOf: #","recipients":"#.utf8)
        body.append(contentsOf: String(outcome.recipients).utf8)
        if outcome.duplicate { body.append(contentsOf: #","duplicate":true"#.utf8) }
        body.append(UInt8(ascii: "}"))
    }

    /// A stopping gateway accepts no new events (SPEC: 503 draining), so none is lost.
    private func refuseWhileDraining() -> HTTPResponse? {
        guard services.draining.load(ordering: .relaxed) else { return nil }
        var response = HTTPResponse.jsonError(
            status: .serviceUnavailable, code: "draining", message: "the gateway is shutting down; publish elsewhere")
        response.headers.add(name: "retry-after", value: "1")
        return response
    }

    /// With `publish.keys` set, a publisher needs `Authorization: Bearer <key>`.
    private func authorize(_ request: HTTPRequest) -> HTTPResponse? {
        let keys = services.configuration.publish.keys
        guard !keys.isEmpty else { return nil }
        guard let authorization = request.headers["authorization"], authorization.hasPrefix("Bearer ") else {
            var response = HTTPResponse.jsonError(
                status: .unauthorized, code: "unauthenticated", message: "publishing needs Authorization: Bearer <key>")
            response.headers.add(name: "www-authenticate", value: "Bearer")
            return response
        }
        let presented = Array(authorization.utf8.dropFirst("Bearer ".count))
        guard keys.contains(where: { Self.constantTimeEqual(Array($0.utf8), presented) }) else {
            return .jsonError(status: .forbidden, code: "forbidden", message: "this key may not publish")
        }
        return nil
    }

    /// Compares without an early exit, so response timing does not reveal key prefixes.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
