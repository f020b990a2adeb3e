import HeraldProtocol

/// What a request turns into.
enum RouteResult {
    /// A complete response.
    case response(HTTPResponse)
    /// Switch the connection to WebSocket, for this endpoint.
    case webSocket(WebSocketEndpoint)
    /// Answer with an event stream that stays open.
    case serverSentEvents(SubscriptionRequest)
}

/// The WebSocket endpoints.
enum WebSocketEndpoint {
    /// `/ws/echo`: echoes every message (conformance runs only).
    case echo
    /// `/ws`: subscribe (and publish) with SPEC's control protocol.
    case pubSub(SubscriptionRequest)
}

/// Maps requests to responses. Pure apart from reading the shared, immutable services.
struct Router {
    let services: GatewayServices

    func route(_ request: HTTPRequest) -> RouteResult {
        switch request.path {
        case "/healthz":
            return .response(only([.get, .head], request) ?? json(#"{"status":"ok"}"#))
        case "/readyz":
            if let refusal = only([.get, .head], request) { return .response(refusal) }
            return .response(
                services.draining.load(ordering: .relaxed)
                    ? .jsonError(status: .serviceUnavailable, code: "draining", message: "the gateway is shutting down")
                    : json(#"{"status":"ready"}"#))
        case "/ws/echo" where services.configuration.conformance.echo:
            if let refusal = only([.get], request) { return .response(refusal) }
            return .webSocket(.echo)
        case "/ws":
            if let refusal = only([.get], request) { return .response(refusal) }
            return subscription(request) { .webSocket(.pubSub($0)) }
        case "/sse":
            if let refusal = only([.get], request) { return .response(refusal) }
            return subscription(request, lastEventID: request.headers["last-event-id"]) { .serverSentEvents($0) }
        case "/publish":
            return .response(only([.post], request) ?? PublishRoutes(services: services).publishBatch(request: request))
        case "/metrics":
            if let refusal = only([.get, .head], request) { return .response(refusal) }
            return .response(
                HTTPResponse(
                    status: .ok, headers: ["content-type": "text/plain; version=0.0.4; charset=utf-8"],
                    body: services.metrics.registry.emitToBuffer()))
        case "/api/stats":
            return .response(only([.get, .head], request) ?? StatsRoute(services: services).response())
        case "/api/topics":
            return .response(only([.get, .head], request) ?? TopicRoutes(services: services).list())
        default:
            return .response(prefixed(request))
        }
    }

    /// Routes whose path carries a topic, then static files.
    private func prefixed(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.path
        if path.hasPrefix("/publish/") {
            let topic = String(path.dropFirst("/publish/".count))
            return only([.post], request) ?? PublishRoutes(services: services).publishOne(topicName: topic, request: request)
        }
        if path.hasPrefix("/api/topics/") && path.hasSuffix("/history") {
            let topic = String(path.dropFirst("/api/topics/".count).dropLast("/history".count))
            return only([.get, .head], request) ?? TopicRoutes(services: services).history(topicName: topic, request: request)
        }
        return staticFile(request)
    }

    /// Validates the query's subscriptions; a bad one is answered with 400 before any upgrade.
    private func subscription(
        _ request: HTTPRequest, lastEventID: String? = nil, then result: (SubscriptionRequest) -> RouteResult
    ) -> RouteResult {
        do {
            return result(try SubscriptionRequest(request: request, services: services, lastEventID: lastEventID))
        } catch {
            return .response(error.response)
        }
    }

    /// 405 with `Allow` unless the method is one of `methods`.
    private func only(_ methods: [HTTPMethod], _ request: HTTPRequest) -> HTTPResponse? {
        guard !methods.contains(request.method) else { return nil }
        var response = HTTPResponse.jsonError(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "\(request.method) is not allowed on \(request.path)")
        response.headers.add(name: "allow", value: methods.map(\.name).joined(separator: ", "))
        return response
    }

    private func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": "application/json"], body: Array(text.utf8))
    }

    private func staticFile(_ request: HTTPRequest) -> HTTPResponse {
        guard let relative = StaticFilePath.resolve(request.path),
            let file = services.staticFiles.file(at: relative)
        else {
            return .jsonError(status: .notFound, code: "not_found", message: "no such resource: \(request.path)")
        }
        if let refusal = only([.get, .head], request) { return refusal }
        var headers: HTTPHeaders = [
            "content-type": file.contentType, "etag": file.etag, "cache-control": "no-cache",
        ]
        if ETag.ifNoneMatch(request.headers.values(for: "if-none-match"), matches: file.etag) {
            headers.remove(name: "content-type")
            return HTTPResponse(status: .notModified, headers: headers)
        }
        return HTTPResponse(status: .ok, headers: headers, body: file.bytes)
    }
}
