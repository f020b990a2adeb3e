/// A complete response, encoded by ``HTTPResponseEncoder``.
package struct HTTPResponse: Sendable, Equatable {
    /// The status.
    package var status: HTTPStatus
    /// Header fields in the order they are written. `Content-Length` is the encoder's to write: a
    /// `content-length` field here is ignored.
    package var headers: HTTPHeaders
    /// The content. Not written for statuses that forbid content (1xx, 204, 304).
    package var body: [UInt8]
    /// Whether the server closes the connection after this response; the encoder then writes
    /// `connection: close`.
    package var closeConnection: Bool

    /// A response.
    package init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = [], closeConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.closeConnection = closeConnection
    }

    /// The JSON error body of SPEC: `{"error":{"code":"bad_topic","message":"…"}}`, with
    /// `content-type: application/json`.
    package static func jsonError(
        status: HTTPStatus, code: String, message: String, closeConnection: Bool = false
    ) -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(40 &+ code.utf8.count &+ message.utf8.count)
        body.append(contentsOf: #"{"error":{"code":"#.utf8)
        JSONEncoding.appendString(code, to: &body)
        body.append(contentsOf: #","message":"#.utf8)
        JSONEncoding.appendString(message, to: &body)
        body.append(contentsOf: "}}".utf8)
        return HTTPResponse(
            status: status, headers: ["content-type": "application/json"], body: body,
            closeConnection: closeConnection)
    }

    /// The answer to a request that failed to parse: its status and JSON error, closing the connection.
    package init(parseError: HTTPParseError) {
        self = .jsonError(
            status: parseError.status, code: parseError.code, message: parseError.message, closeConnection: true)
    }
}
