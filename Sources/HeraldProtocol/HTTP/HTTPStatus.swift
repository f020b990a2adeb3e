/// An HTTP status: the three-digit code and the reason phrase written on the status line.
///
/// Static members cover the statuses Herald answers with; reason phrases follow RFC 9110 §15.
package struct HTTPStatus: Sendable, Hashable, CustomStringConvertible {
    /// The three-digit status code, 100 to 599.
    package let code: Int
    /// The reason phrase written after the code on the status line (clients ignore it).
    package let reasonPhrase: String

    /// A status with an explicit reason phrase.
    package init(code: Int, reasonPhrase: String) {
        self.code = code
        self.reasonPhrase = reasonPhrase
    }

    /// `"200 OK"`.
    package var description: String { "\(code) \(reasonPhrase)" }

    /// True for 1xx statuses, 204 and 304: responses that never carry content (RFC 9110 §6.4.1).
    package var forbidsContent: Bool {
        (100..<200).contains(code) || code == 204 || code == 304
    }

    /// 100: the client may send the body it announced with `Expect: 100-continue`.
    package static let `continue` = HTTPStatus(code: 100, reasonPhrase: "Continue")
    /// 101: the connection switches to the WebSocket protocol.
    package static let switchingProtocols = HTTPStatus(code: 101, reasonPhrase: "Switching Protocols")
    /// 200.
    package static let ok = HTTPStatus(code: 200, reasonPhrase: "OK")
    /// 201.
    package static let created = HTTPStatus(code: 201, reasonPhrase: "Created")
    /// 202.
    package static let accepted = HTTPStatus(code: 202, reasonPhrase: "Accepted")
    /// 204: success without content.
    package static let noContent = HTTPStatus(code: 204, reasonPhrase: "No Content")
    /// 206: a byte range of a static file.
    package static let partialContent = HTTPStatus(code: 206, reasonPhrase: "Partial Content")
    /// 301.
    package static let movedPermanently = HTTPStatus(code: 301, reasonPhrase: "Moved Permanently")
    /// 304: the client's cached copy (by ETag) is current.
    package static let notModified = HTTPStatus(code: 304, reasonPhrase: "Not Modified")
    /// 400.
    package static let badRequest = HTTPStatus(code: 400, reasonPhrase: "Bad Request")
    /// 401: missing or unknown credentials.
    package static let unauthorized = HTTPStatus(code: 401, reasonPhrase: "Unauthorized")
    /// 403: known credentials that do not permit the request.
    package static let forbidden = HTTPStatus(code: 403, reasonPhrase: "Forbidden")
    /// 404.
    package static let notFound = HTTPStatus(code: 404, reasonPhrase: "Not Found")
    /// 405.
    package static let methodNotAllowed = HTTPStatus(code: 405, reasonPhrase: "Method Not Allowed")
    /// 408: the request head did not arrive in time.
    package static let requestTimeout = HTTPStatus(code: 408, reasonPhrase: "Request Timeout")
    /// 413 (RFC 9110 renamed "Payload Too Large" to "Content Too Large").
    package static let contentTooLarge = HTTPStatus(code: 413, reasonPhrase: "Content Too Large")
    /// 415.
    package static let unsupportedMediaType = HTTPStatus(code: 415, reasonPhrase: "Unsupported Media Type")
    /// 416: a byte range outside the file.
    package static let rangeNotSatisfiable = HTTPStatus(code: 416, reasonPhrase: "Range Not Satisfiable")
    /// 422 (RFC 9110 renamed "Unprocessable Entity" to "Unprocessable Content").
    package static let unprocessableContent = HTTPStatus(code: 422, reasonPhrase: "Unprocessable Content")
    /// 429.
    package static let tooManyRequests = HTTPStatus(code: 429, reasonPhrase: "Too Many Requests")
    /// 431.
    package static let requestHeaderFieldsTooLarge = HTTPStatus(
        code: 431, reasonPhrase: "Request Header Fields Too Large")
    /// 500.
    package static let internalServerError = HTTPStatus(code: 500, reasonPhrase: "Internal Server Error")
    /// 501: for Herald, a transfer coding other than `chunked`.
    package static let notImplemented = HTTPStatus(code: 501, reasonPhrase: "Not Implemented")
    /// 503: the node is draining.
    package static let serviceUnavailable = HTTPStatus(code: 503, reasonPhrase: "Service Unavailable")
    /// 505.
    package static let httpVersionNotSupported = HTTPStatus(code: 505, reasonPhrase: "HTTP Version Not Supported")
}
