import HeraldPosix
import HeraldProtocol
import HeraldTLS

/// Turns an HTTP connection into a WebSocket one: validates the handshake,
/// answers 101 and hands the connection (and any bytes that came with the
/// handshake) to a `WebSocketConnectionHandler`.
enum WebSocketUpgrade {
    static func perform(
        request: HTTPRequest, endpoint: WebSocketEndpoint, on connection: Connection,
        leftover: [UInt8], services: GatewayServices
    ) {
        let upgrade: WebSocketUpgradeRequest
        do {
            upgrade = try WebSocketHandshake.validateUpgrade(
                method: request.method.name,
                httpVersion: request.version == .http1_1 ? (1, 1) : (1, 0),
                headers: request.headers.map { ($0.name, $0.value) })
        } catch {
            var response = HTTPResponse.jsonError(
                status: HTTPStatus(code: error.status, reasonPhrase: reasonPhrase(error.status)),
                code: error.errorCode, message: error.message, closeConnection: true)
            for header in error.responseHeaders { response.headers.add(name: header.name, value: header.value) }
            connection.send(HTTPResponseEncoder.encode(response))
            connection.closeAfterFlush()
            return
        }
        let compression = WebSocketCompression(offers: upgrade.extensionOffers, services: services)
        let extensionHeaders = compression.map { [(name: "Sec-WebSocket-Extensions", value: $0.agreement.responseHeaderValue)] }
        connection.send(upgrade.switchingProtocolsResponse(sha1: SHA1.hash, extraHeaders: extensionHeaders ?? []))
        let settings = services.configuration.webSocket
        let application: any WebSocketApplication
        let maxMessageBytes: Int
        switch endpoint {
        case .echo:
            application = EchoApplication()
            maxMessageBytes = services.configuration.conformance.echoMaxMessageBytes
        case .pubSub(let subscription):
            application = PubSubApplication(request: subscription, services: services)
            maxMessageBytes = settings.maxMessageBytes
        }
        let handler = WebSocketConnectionHandler(
            application: application, maxMessageBytes: maxMessageBytes, settings: settings, compression: compression,
            nowMilliseconds: connection.loopState.loop.nowMilliseconds)
        connection.handler = handler
        handler.opened(connection)
        if !leftover.isEmpty {
            leftover.withUnsafeBytes { handler.connection(connection, received: $0) }
        }
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 405: "Method Not Allowed"
        case 426: "Upgrade Required"
        default: "Bad Request"
        }
    }
}
