import HeraldPosix
import HeraldProtocol

/// Speaks HTTP/1.1 on a connection until it closes or upgrades.
///
/// Pipelined requests are answered in order because each is answered before the
/// next is parsed. A request head (and body) must arrive within
/// `http.header_timeout` of its first byte, or the client gets 408.
final class HTTPConnectionHandler: ConnectionHandler {
    private let services: GatewayServices
    private var parser: HTTPRequestParser
    /// When the first byte of the request being received arrived; nil between requests.
    private var requestStartedAt: UInt64?
    /// When the connection was opened or last finished a request.
    private var idleSince: UInt64
    private var hasServedRequest = false

    init(services: GatewayServices, nowMilliseconds: UInt64) {
        self.services = services
        let http = services.configuration.http
        parser = HTTPRequestParser(
            limits: HTTPParserLimits(
                maxHeaderBytes: http.maxHeaderBytes, maxHeaderCount: http.maxHeaderCount,
                maxBodyBytes: http.maxBodyBytes))
        idleSince = nowMilliseconds
    }

    func connection(_ connection: Connection, received bytes: UnsafeRawBufferPointer) {
        if requestStartedAt == nil { requestStartedAt = connection.loopState.loop.nowMilliseconds }
        parser.append(bytes)
        processRequests(connection)
    }

    private func processRequests(_ connection: Connection) {
        let router = Router(services: services)
        while connection.isOpen && connection.handler === self {
            let event: HTTPParserEvent?
            do {
                event = try parser.next()
            } catch {
                services.record(.badRequest)
                respond(HTTPResponse(parseError: error), to: connection, headOnly: false)
                return
            }
            guard let event else { break }
            switch event {
            case .expectContinue:
                connection.send(HTTPResponseEncoder.continueBytes)
            case .request(let request):
                hasServedRequest = true
                switch router.route(request) {
                case .response(let response):
                    respond(response, to: connection, request: request)
                case .webSocket(let endpoint):
                    WebSocketUpgrade.perform(request: request, endpoint: endpoint, on: connection,
                        leftover: parser.takeBufferedBytes(), services: services)
                    return
                case .serverSentEvents(let subscription):
                    let stream = SSEConnectionHandler(
                        services: services, nowMilliseconds: connection.loopState.loop.nowMilliseconds)
                    connection.handler = stream
                    stream.start(request: subscription, on: connection)
                    return
                }
            }
        }
        if !parser.isMidRequest {
            requestStartedAt = nil
            idleSince = connection.loopState.loop.nowMilliseconds
        }
    }

    private func respond(_ response: HTTPResponse, to connection: Connection, request: HTTPRequest) {
        var response = response
        if !request.keepAlive {
            response.closeConnection = true
        } else if request.version == .http1_0 {
            response.headers.add(name: "connection", value: "keep-alive")
        }
        respond(response, to: connection, headOnly: request.method == .head)
    }

    private func respond(_ response: HTTPResponse, to connection: Connection, headOnly: Bool) {
        connection.send(HTTPResponseEncoder.encode(response, headOnly: headOnly))
        if response.closeConnection { connection.closeAfterFlush() }
    }

    func connectionTick(_ connection: Connection, nowMilliseconds: UInt64) {
        let http = services.configuration.http
        if let started = requestStartedAt {
            if nowMilliseconds &- started > UInt64(http.headerTimeoutSeconds * 1000) {
                services.record(.requestTimeout)
                respond(
                    .jsonError(status: .requestTimeout, code: "request_timeout",
                        message: "the request was not received within \(http.headerTimeoutSeconds) s",
                        closeConnection: true),
                    to: connection, headOnly: false)
            }
            return
        }
        // A fresh connection gets the header timeout to send its first byte; an idle keep-alive one, more.
        let idleLimit = hasServedRequest ? http.keepAliveTimeoutSeconds : http.headerTimeoutSeconds
        if nowMilliseconds &- idleSince > UInt64(idleLimit * 1000) {
            services.record(.idleTimeout)
            connection.closeNow()
        }
    }

    func connectionClosed(_ connection: Connection) {}
}
