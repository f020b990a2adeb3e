/// Why a request could not be parsed. After any of these the parser is dead: the server answers
/// with ``status`` and a JSON body (``code``, ``message``), then closes the connection.
package enum HTTPParseError: Error, Sendable, Hashable {
    /// The request line is not `method SP request-target SP HTTP-version`.
    case malformedRequestLine
    /// The method is not a token.
    case invalidMethod
    /// The request starts with a TLS handshake record: a TLS client on a plain HTTP port.
    case tlsOnPlainPort
    /// The request-target is not origin-form, absolute-form (http/https) or `*` for OPTIONS.
    case invalidRequestTarget
    /// The version is well formed (`HTTP/x.y`) but not 1.0 or 1.1.
    case unsupportedVersion
    /// A header name is empty or has a non-token byte.
    case invalidHeaderName
    /// Whitespace between a header name and its colon (RFC 9112 §5.1 requires 400).
    case whitespaceBeforeColon
    /// A header line starts with whitespace: obsolete line folding (RFC 9112 §5.2).
    case obsoleteLineFolding
    /// A header value has NUL, a bare CR or another control byte.
    case invalidHeaderValue
    /// The request line and headers are over ``HTTPParserLimits/maxHeaderBytes``.
    case headersTooLarge
    /// More header fields than ``HTTPParserLimits/maxHeaderCount``.
    case tooManyHeaders
    /// `Content-Length` is not a decimal number, or several differ.
    case invalidContentLength
    /// Both `Content-Length` and `Transfer-Encoding`: refused as a request-smuggling defence.
    case contentLengthWithTransferEncoding
    /// A transfer coding other than `chunked`.
    case unsupportedTransferEncoding
    /// `Transfer-Encoding` without `chunked` as its only coding, or on an HTTP/1.0 request.
    case invalidTransferEncoding
    /// The body is over ``HTTPParserLimits/maxBodyBytes``.
    case bodyTooLarge
    /// A chunk-size line is not hex digits with optional extensions.
    case invalidChunkSize
    /// A chunk-size line is over ``HTTPParserLimits/maxChunkSizeLineBytes``.
    case chunkSizeLineTooLong
    /// Chunk data is not followed by a line break.
    case missingChunkTerminator
    /// The path has a bad percent-escape, or decodes to NUL or to bytes that are not UTF-8.
    case invalidPathEncoding
    /// The query has a bad percent-escape or decodes to bytes that are not UTF-8.
    case invalidQueryEncoding

    /// The response status for this error.
    package var status: HTTPStatus {
        switch self {
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedTransferEncoding: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        case .malformedRequestLine, .invalidMethod, .tlsOnPlainPort, .invalidRequestTarget, .invalidHeaderName,
            .whitespaceBeforeColon, .obsoleteLineFolding, .invalidHeaderValue, .invalidContentLength,
            .contentLengthWithTransferEncoding, .invalidTransferEncoding, .invalidChunkSize,
            .chunkSizeLineTooLong, .missingChunkTerminator, .invalidPathEncoding, .invalidQueryEncoding:
            .badRequest
        }
    }

    /// The JSON error code (`{"error":{"code":…}}`), one per status.
    package var code: String {
        switch status.code {
        case 431: "headers_too_large"
        case 413: "body_too_large"
        case 501: "unsupported_transfer_encoding"
        case 505: "version_not_supported"
        default: "bad_request"
        }
    }

    /// A sentence for people reading the error body.
    package var message: String {
        switch self {
        case .malformedRequestLine: "malformed request line"
        case .invalidMethod: "invalid method"
        case .tlsOnPlainPort: "a TLS handshake on a plain HTTP port: use http:// and ws:// here, or the TLS port"
        case .invalidRequestTarget: "invalid request target"
        case .unsupportedVersion: "only HTTP/1.1 and HTTP/1.0 are supported"
        case .invalidHeaderName: "invalid header name"
        case .whitespaceBeforeColon: "whitespace between header name and colon"
        case .obsoleteLineFolding: "obsolete line folding in headers"
        case .invalidHeaderValue: "invalid character in header value"
        case .headersTooLarge: "request line and headers are too large"
        case .tooManyHeaders: "too many header fields"
        case .invalidContentLength: "invalid content-length"
        case .contentLengthWithTransferEncoding: "both content-length and transfer-encoding"
        case .unsupportedTransferEncoding: "only the chunked transfer coding is supported"
        case .invalidTransferEncoding: "invalid transfer-encoding"
        case .bodyTooLarge: "request body is too large"
        case .invalidChunkSize: "invalid chunk size"
        case .chunkSizeLineTooLong: "chunk size line is too long"
        case .missingChunkTerminator: "chunk data not followed by a line break"
        case .invalidPathEncoding: "invalid percent-encoding in path"
        case .invalidQueryEncoding: "invalid percent-encoding in query"
        }
    }
}
