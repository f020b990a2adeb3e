import HeraldBroker
import HeraldFilter
import HeraldProtocol

/// What `/ws` and `/sse` take from their query string: `topic` (repeatable),
/// `since`, `filter` and, on `/ws`, `format`. Validated before the upgrade so a
/// bad query gets a 400 with a JSON body instead of an open-then-closed socket.
struct SubscriptionRequest: Sendable {
    enum Format: Sendable {
        /// JSON envelopes plus welcome, ack, error, gap and dropped notices.
        case envelope
        /// Payloads only, one per frame, and nothing else (`?format=raw`).
        case raw
    }

    let patterns: [TopicPattern]
    /// `filter`, applied to every pattern of the query.
    let filter: CompiledFilter?
    let since: ResumePoint?
    let format: Format

    /// Parses and validates; the error is the whole HTTP answer.
    init(request: HTTPRequest, services: GatewayServices, lastEventID: String? = nil) throws(RequestError) {
        var patterns: [TopicPattern] = []
        for text in request.queryValues("topic") {
            do {
                let pattern = try TopicPattern(validating: text)
                if !patterns.contains(pattern) { patterns.append(pattern) }
            } catch {
                throw RequestError(status: .badRequest, code: error.code, message: "topic '\(text)': \(error.message)")
            }
        }
        guard patterns.count <= services.configuration.webSocket.maxSubscriptions else {
            throw RequestError(
                status: .badRequest, code: "bad_request",
                message: "at most \(services.configuration.webSocket.maxSubscriptions) topics per connection")
        }
        filter = try Self.compile(request.queryValue("filter"))
        since = try Self.resumePoint(lastEventID ?? request.queryValue("since"), broker: services.hub.broker)
        switch request.queryValue("format") {
        case nil, "json": format = .envelope
        case "raw": format = .raw
        case let other?:
            throw RequestError(status: .badRequest, code: "bad_request", message: "format must be json or raw, not '\(other)'")
        }
        self.patterns = patterns
    }

    /// A `filter` from a query; a bad one is a 400 naming the column.
    static func compile(_ text: String?) throws(RequestError) -> CompiledFilter? {
        guard let text, !text.isEmpty else { return nil }
        do {
            return try Filter.compile(text)
        } catch {
            throw RequestError(status: .badRequest, code: "bad_filter", message: error.description, column: error.column)
        }
    }

    /// `since` as a resume point; an id of this epoch that was never issued is refused now.
    static func resumePoint(_ text: String?, broker: Broker<PreparedEvent>) throws(RequestError) -> ResumePoint? {
        guard let text, !text.isEmpty else { return nil }
        do throws(BrokerError) {
            let point = try ResumePoint(parsing: text)
            // `<epoch>-0` (a position before the first event) is always fine.
            if case .after(let id) = point, id.epoch == broker.epoch, id.sequence > broker.position.sequence {
                throw BrokerError.sinceNotIssued
            }
            return point
        } catch {
            throw RequestError(status: .badRequest, code: error.code, message: "since '\(text)': \(error.message)")
        }
    }
}

/// A request refused with a status and SPEC's JSON error body.
struct RequestError: Error {
    let status: HTTPStatus
    let code: String
    let message: String
    /// For `bad_filter`: the 1-based byte column of the error.
    var column: Int? = nil

    var response: HTTPResponse {
        var response = HTTPResponse.jsonError(status: status, code: code, message: message)
        if let column, response.body.count > 2 {
            // {"error":{…}} → {"error":{…,"column":N}}
            response.body.removeLast(2)
            response.body.append(contentsOf: #","column":\#(column)}}"#.utf8)
        }
        return response
    }
}
