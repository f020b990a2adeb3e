import HeraldPosix
package import HeraldTLS

/// What `herald watch` was asked for, and the `/ws` request it makes from it.
package struct WatchSettings: Sendable {
    /// The gateway's base URL (`http://host:port` or `https://…`), already checked.
    package var server: EndpointURL
    /// Which servers an `https://` gateway may be (`--cacert`, `--insecure`).
    package var tlsTrust: TLSContext.ClientTrust = .systemStore
    /// Topic patterns to subscribe to (at least one).
    package var patterns: [String]
    /// A filter expression, sent as `filter` (the server may refuse it).
    package var filter: String?
    /// `--since`: an event id or `earliest`.
    package var since: String?
    /// Stop after this many events (`--count`).
    package var count: Int?
    /// Give up after this many seconds without a connection (`--timeout`);
    /// nil: retry for ever.
    package var timeoutSeconds: Double?
    /// How long to wait for any byte on an open connection before taking it for
    /// dead (milliseconds). The server pings idle connections every 25 s.
    package var silenceLimitMilliseconds = 90_000

    /// Settings for `patterns` on `server`.
    package init(server: EndpointURL, patterns: [String], filter: String? = nil, since: String? = nil) {
        self.server = server
        self.patterns = patterns
        self.filter = filter
        self.since = since
    }

    /// The `/ws` URL subscribing to every pattern at connect, resuming from `since`.
    package func webSocketURL(since: String?) -> EndpointURL {
        var query: [(String, String)] = patterns.map { ("topic", $0) }
        if let filter { query.append(("filter", filter)) }
        if let since { query.append(("since", since)) }
        var url = server
        url.scheme = server.scheme.webSocket
        let prefix = server.target.hasSuffix("/") ? String(server.target.dropLast()) : server.target
        url.target = prefix + "/ws?" + query.map { "\($0)=\(Self.percentEncoded($1))" }.joined(separator: "&")
        return url
    }

    /// Parses a gateway base URL: `http://host:port` or `https://host:port`
    /// (`ws://` and `wss://` are taken as their HTTP twins).
    /// - Throws: `ClientError.badURL` or `.hostNotNumeric` (no DNS yet).
    package static func parseBaseURL(_ text: String) throws(ClientError) -> EndpointURL {
        var url: EndpointURL
        do throws(EndpointURLError) {
            url = try EndpointURL(text)
            guard !url.target.contains("?") else { throw .badTarget(url.target) }
        } catch {
            throw .badURL(error)
        }
        url.scheme = url.scheme.hypertext
        guard SocketAddress(host: url.host, port: url.port) != nil else { throw .hostNotNumeric(url.host) }
        return url
    }

    /// `text` with every byte outside RFC 3986's unreserved set as `%XX`.
    package static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
