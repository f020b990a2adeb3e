/// A complete request as produced by ``HTTPRequestParser``.
package struct HTTPRequest: Sendable, Equatable {
    /// The method.
    package var method: HTTPMethod
    /// The request-target exactly as sent: `/api/topics/a.b/history?since=x`.
    package var target: String
    /// The path, percent-decoded, without the query: `/api/topics/a.b/history`. For absolute-form
    /// targets the scheme and authority are dropped (`http://h/x` gives `/x`, `http://h` gives `/`);
    /// for `OPTIONS *` it is `*`. `%2F` decodes to `/` like any other escape.
    package var path: String
    /// The query pairs in order, percent-decoded with `+` as space; names may repeat.
    package var query: [HTTPQueryItem]
    /// The protocol version.
    package var version: HTTPVersion
    /// The header fields, in order.
    package var headers: HTTPHeaders
    /// The body, after chunked decoding; empty when none was sent.
    package var body: [UInt8]
    /// Whether the connection stays open after the response: HTTP/1.1 unless `Connection: close`,
    /// HTTP/1.0 only with `Connection: keep-alive` (and then the response must say `keep-alive`).
    package var keepAlive: Bool

    /// A request; ``keepAlive`` follows the version and `Connection` unless given.
    package init(
        method: HTTPMethod,
        target: String,
        path: String,
        query: [HTTPQueryItem] = [],
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        keepAlive: Bool? = nil
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive ?? Self.defaultKeepAlive(version: version, headers: headers)
    }

    /// The values of every query pair with this name, in order: `?topic=a&topic=b` gives `["a", "b"]`.
    package func queryValues(_ name: String) -> [String] {
        query.lazy.filter { $0.name == name }.map(\.value)
    }

    /// The value of the first query pair with this name, or nil.
    package func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Whether the client asks to switch to WebSocket: `Upgrade` has the token `websocket` and
    /// `Connection` the token `upgrade`. The handshake's other requirements (GET, HTTP/1.1, key,
    /// version) are the WebSocket handshake's to check.
    package var isWebSocketUpgrade: Bool {
        headers.containsToken("websocket", in: "upgrade") && headers.containsToken("upgrade", in: "connection")
    }

    /// RFC 9112 §9.3: HTTP/1.1 persists unless `close`; HTTP/1.0 only with `keep-alive`.
    static func defaultKeepAlive(version: HTTPVersion, headers: HTTPHeaders) -> Bool {
        if headers.containsToken("close", in: "connection") { return false }
        switch version {
        case .http1_1: return true
        case .http1_0: return headers.containsToken("keep-alive", in: "connection")
        }
    }
}
