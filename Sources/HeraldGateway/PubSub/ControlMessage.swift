import HeraldBroker
import HeraldFilter
import HeraldProtocol

/// A client's control message on `/ws` (SPEC "Subscribing over WebSocket"):
/// `{"op":"subscribe"|"unsubscribe"|"publish"|"ping","id":…,…}`.
struct ControlMessage {
    enum Operation {
        case subscribe(TopicPattern, filter: CompiledFilter?, since: ResumePoint?)
        case unsubscribe(TopicPattern)
        case publish(PubSubHub.Item)
        case ping
    }

    /// The client's request id, echoed in the reply.
    let requestID: String?
    let operation: Operation

    /// Why a message was refused; carries the request id when it could be read.
    struct Failure: Error {
        let requestID: String?
        let code: String
        let message: String
        var column: Int? = nil
    }

    /// Control messages are small: deeper nesting than this is refused.
    static let maxDepth = 32

    init(parsing bytes: [UInt8]) throws(Failure) {
        let document: JSONValue
        do {
            document = try JSONDocument.parse(bytes, maxDepth: Self.maxDepth)
        } catch {
            throw Failure(requestID: nil, code: "bad_request", message: "not JSON: \(error.message) at byte \(error.offset)")
        }
        guard document.objectMembers != nil else {
            throw Failure(requestID: nil, code: "bad_request", message: "a control message is a JSON object")
        }
        let requestID = document["id"]?.stringValue ?? document["id"]?.numberValue.map { $0.description }
        func fail(_ code: String, _ message: String) -> Failure {
            Failure(requestID: requestID, code: code, message: message)
        }
        func pattern() throws(Failure) -> TopicPattern {
            guard let text = document["topic"]?.stringValue else { throw fail("bad_topic", "\"topic\" (a string) is required") }
            do {
                return try TopicPattern(validating: text)
            } catch {
                throw fail(error.code, "topic '\(text)': \(error.message)")
            }
        }
        self.requestID = requestID
        switch document["op"]?.stringValue {
        case "subscribe":
            let pattern = try pattern()
            var filter: CompiledFilter?
            if let value = document["filter"], !value.isNull {
                guard let text = value.stringValue else { throw fail("bad_filter", "\"filter\" must be a string") }
                do {
                    filter = text.isEmpty ? nil : try Filter.compile(text)
                } catch {
                    throw Failure(requestID: requestID, code: "bad_filter", message: error.description, column: error.column)
                }
            }
            var since: ResumePoint?
            if let value = document["since"], !value.isNull {
                guard let text = value.stringValue else { throw fail("bad_since", "\"since\" is an event id or \"earliest\"") }
                do {
                    since = try ResumePoint(parsing: text)
                } catch {
                    throw fail(error.code, "since '\(text)': \(error.message)")
                }
            }
            operation = .subscribe(pattern, filter: filter, since: since)
        case "unsubscribe":
            operation = .unsubscribe(try pattern())
        case "publish":
            operation = .publish(try Self.publishItem(document, fail: fail))
        case "ping":
            operation = .ping
        case let other?:
            throw fail("bad_request", "unknown op '\(other)': use subscribe, unsubscribe, publish or ping")
        case nil:
            throw fail("bad_request", "\"op\" (a string) is required")
        }
    }

    /// A publish item from a JSON object with `topic`, `data`, and optional `event_type`
    /// and `idempotency_key` (the control op and `POST /publish` items share this form).
    static func publishItem(_ object: JSONValue, fail: (String, String) -> Failure) throws(Failure) -> PubSubHub.Item {
        guard let name = object["topic"]?.stringValue else { throw fail("bad_topic", "\"topic\" (a string) is required") }
        let topic: Topic
        do {
            topic = try Topic(validating: name)
        } catch {
            throw fail(error.code, "topic '\(name)': \(error.message)")
        }
        guard let data = object["data"] else { throw fail("bad_request", "\"data\" is required") }
        var eventType: String?
        if let value = object["event_type"], !value.isNull {
            guard let text = value.stringValue else { throw fail("bad_request", "\"event_type\" must be a string") }
            eventType = text
        }
        var key: IdempotencyKey?
        if let value = object["idempotency_key"], !value.isNull {
            guard let text = value.stringValue else { throw fail("bad_request", "\"idempotency_key\" must be a string") }
            do {
                key = try IdempotencyKey(validating: text)
            } catch {
                throw fail(error.code, error.message)
            }
        }
        return PubSubHub.Item(
            topic: topic, payload: EventPayload(jsonData: Array(data.raw)), eventType: eventType, idempotencyKey: key)
    }
}
