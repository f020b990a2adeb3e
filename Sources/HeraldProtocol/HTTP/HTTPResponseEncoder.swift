/// Encodes responses to bytes: status line, header fields, `Content-Length`, content.
package enum HTTPResponseEncoder {
    /// `HTTP/1.1 100 Continue` and the empty line: the interim answer to `Expect: 100-continue`.
    package static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// The bytes of `response`.
    ///
    /// - Parameter headOnly: for HEAD requests: the `content-length` of the body is written, the body
    ///   is not.
    package static func encode(_ response: HTTPResponse, headOnly: Bool = false) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(128 &+ response.body.count)
        encode(response, headOnly: headOnly, into: &buffer)
        return buffer
    }

    /// Appends the bytes of `response` to `buffer`.
    ///
    /// Writes the headers in order, skipping any `content-length`; then `content-length` with the
    /// body's size, except for statuses that forbid content (1xx, 204, 304), which get neither
    /// length nor body; then `connection: close` when the response closes the connection and no
    /// `connection` field says so already. An HTTP/1.0 client kept alive needs a
    /// `connection: keep-alive` field from the caller.
    package static func encode(_ response: HTTPResponse, headOnly: Bool = false, into buffer: inout [UInt8]) {
        appendStatusLine(response.status, to: &buffer)
        for field in response.headers where !HTTPBytes.equalsIgnoringCase(field.name, "content-length") {
            appendField(name: field.name, value: field.value, to: &buffer)
        }
        let hasContent = !response.status.forbidsContent
        if hasContent {
            buffer.append(contentsOf: "content-length: ".utf8)
            HTTPBytes.appendDecimal(response.body.count, to: &buffer)
            buffer.append(contentsOf: "\r\n".utf8)
        }
        if response.closeConnection && !response.headers.containsToken("close", in: "connection") {
            buffer.append(contentsOf: "connection: close\r\n".utf8)
        }
        buffer.append(contentsOf: "\r\n".utf8)
        if hasContent && !headOnly {
            buffer.append(contentsOf: response.body)
        }
    }

    /// Appends a status line and header fields exactly as given, then the empty line, with no
    /// `content-length`: for `101 Switching Protocols` and for streamed responses (Server-Sent
    /// Events), whose framing the caller owns.
    package static func encodeHead(status: HTTPStatus, headers: HTTPHeaders, into buffer: inout [UInt8]) {
        appendStatusLine(status, to: &buffer)
        for field in headers {
            appendField(name: field.name, value: field.value, to: &buffer)
        }
        buffer.append(contentsOf: "\r\n".utf8)
    }

    /// `HTTP/1.1 200 OK` and CRLF.
    private static func appendStatusLine(_ status: HTTPStatus, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "HTTP/1.1 ".utf8)
        HTTPBytes.appendDecimal(status.code, to: &buffer)
        buffer.append(HTTPBytes.space)
        appendSanitized(status.reasonPhrase, to: &buffer)
        buffer.append(contentsOf: "\r\n".utf8)
    }

    /// `name: value` and CRLF. A name with a non-token byte is dropped and control bytes in a value
    /// become spaces, so no header text can split the response.
    private static func appendField(name: String, value: String, to buffer: inout [UInt8]) {
        guard !name.isEmpty, name.utf8.allSatisfy(HTTPBytes.isTokenByte) else { return }
        buffer.append(contentsOf: name.utf8)
        buffer.append(contentsOf: ": ".utf8)
        appendSanitized(value, to: &buffer)
        buffer.append(contentsOf: "\r\n".utf8)
    }

    /// The text's bytes with control bytes (CR, LF, NUL…) replaced by spaces.
    private static func appendSanitized(_ text: String, to buffer: inout [UInt8]) {
        if text.utf8.allSatisfy(HTTPBytes.isFieldValueByte) {
            buffer.append(contentsOf: text.utf8)
        } else {
            buffer.append(contentsOf: text.utf8.lazy.map { HTTPBytes.isFieldValueByte($0) ? $0 : HTTPBytes.space })
        }
    }
}
