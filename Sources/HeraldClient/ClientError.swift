package import HeraldPosix
package import HeraldProtocol
package import HeraldTLS

/// Why a client connection or a benchmark could not go on. One enum for the
/// module; `description` is the sentence a person reads.
package enum ClientError: Error, Sendable, CustomStringConvertible {
    /// A URL could not be parsed.
    case badURL(EndpointURLError)
    /// An `https://` or `wss://` URL given to a command that speaks plain TCP only.
    case tlsNotAvailable(String)
    /// TLS with the server failed: the handshake (certificate not trusted,
    /// no common protocol) or a bad record.
    case tls(address: String, TLSError)
    /// The server refused the request before any upgrade (HTTP status, error code, message).
    case refused(status: Int, code: String, message: String)
    /// The host is not a numeric address (the client does no DNS).
    case hostNotNumeric(String)
    /// The URL's host or target cannot be written into a request.
    case badRequestTarget(String)
    /// A TCP connect failed.
    case connectFailed(address: String, SystemError)
    /// The server's answer to the upgrade request was not a WebSocket handshake.
    case handshakeFailed(address: String, WebSocketClientHandshakeError)
    /// The server broke the WebSocket protocol.
    case protocolViolation(WebSocketProtocolError)
    /// The server's HTTP response could not be parsed.
    case badHTTPResponse(String)
    /// The server closed the WebSocket with this code (`nil`: no code).
    case closedByServer(code: UInt16?)
    /// The server closed the TCP connection.
    case endOfStream
    /// A read or write failed.
    case io(SystemError)
    /// The client closed the connection itself.
    case closedByClient
    /// Not everything could be set up in time.
    case timedOut(String)
    /// Some of a benchmark's connections could not be opened.
    case connectionsFailed(String)
    /// A setting is out of range or contradicts another.
    case invalidSetting(String)
    /// Threads, epoll or the fd limit could not be had.
    case system(SystemError)

    package var description: String {
        switch self {
        case .badURL(let error): "\(error)"
        case .tlsNotAvailable(let url):
            "\(url): this command has no TLS client yet (herald bench has); use http:// or ws://"
        case .tls(let address, let error): "TLS with \(address) failed: \(error)" + Self.hint(for: error)
        case .refused(let status, let code, let message): "server refused (\(status) \(code)): \(message)"
        case .hostNotNumeric(let host): "host \(host) is not a numeric address (use 127.0.0.1 or ::1)"
        case .badRequestTarget(let url): "cannot send a request for \(url)"
        case .connectFailed(let address, let error):
            "connect to \(address) failed: \(String(error.description.trimmingPrefix("\(error.function) failed: ")))"
        case .handshakeFailed(let address, let error): "WebSocket handshake with \(address) failed: \(error)"
        case .protocolViolation(let error): "server broke the WebSocket protocol: \(error.reason)"
        case .badHTTPResponse(let detail): "bad HTTP response: \(detail)"
        case .closedByServer(let code): "server closed the WebSocket (code \(code.map { "\($0)" } ?? "none"))"
        case .endOfStream: "server closed the connection"
        case .io(let error): "\(error)"
        case .closedByClient: "closed by the client"
        case .timedOut(let detail): "timed out: \(detail)"
        case .connectionsFailed(let detail): detail
        case .invalidSetting(let detail): detail
        case .system(let error): "\(error)"
        }
    }

    /// What a person can do about a TLS failure OpenSSL names tersely.
    private static func hint(for error: TLSError) -> String {
        let text = "\(error)"
        if text.contains("certificate verify failed") {
            return " (a self-signed server? give --cacert FILE, or --insecure)"
        }
        if text.contains("wrong version number") {
            return " (the server answered in plain text: a plain http:// port?)"
        }
        return ""
    }
}
