import HeraldBroker
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
        if request.queryValue("filter") != nil {
            throw RequestError(
                status: .badRequest, code: "bad_filter", message: "subscription filters are not available yet")
        }
        since = try Self.resumePoint(lastEventID ?? request.queryValue("since"), broker: services.hub.broker)
        switch request.queryValue("format") {
        case nil, "json": format = .envelope
        case "raw": format = .raw
        case let other?:
            throw RequestError(status: .badRequest, code: "bad_request", message: "format must be json or raw, not '\(other)'")
        }
        self.patterns = patterns
    }

    /// `since` as a resume point; an id of this epoch that was never issued is refused now.
    static func resumePoint(_ text: String?, broker: Broker<PreparedEvent>) throws(RequestError) -> ResumePoint? {
        guard let text, !text.isEmpty else { return nil }
        do throws(BrokerError) {
            let point = try ResumePoint(parsing: text)
            if case .after(let id) = point, id.epoch == broker.epoch {
                guard let newest = broker.newestID, id.sequence <= newest.sequence else {
                    throw BrokerError.sinceNotIssued
                }
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

    var response: HTTPResponse {
        .jsonError(status: status, code: code, message: message)
    }
}
