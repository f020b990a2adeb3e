/// A `ws://`, `wss://`, `http://` or `https://` URL taken apart for a client
/// that speaks to a numeric address: the host to connect to, the port, and
/// the request target.
///
/// Only what the bench and the terminal client need: no user info, no
/// fragment, no percent-decoding (the target is sent as written).
package struct EndpointURL: Sendable, Equatable, CustomStringConvertible {
    /// How the URL says to talk to the server.
    package enum Scheme: String, Sendable {
        case ws, wss, http, https

        /// True for the schemes that run over TLS.
        package var isSecure: Bool { self == .wss || self == .https }
        /// 443 under TLS, 80 otherwise.
        package var defaultPort: Int { isSecure ? 443 : 80 }
        /// The same security with the other protocol: `ws` ↔ `http`, `wss` ↔ `https`.
        package var webSocket: Scheme { isSecure ? .wss : .ws }
        package var hypertext: Scheme { isSecure ? .https : .http }
    }

    /// How to talk to the server.
    package var scheme: Scheme
    /// The host as written, without brackets for IPv6 (`127.0.0.1`, `::1`, `localhost`).
    package var host: String
    /// The port, explicit or the scheme's default (80, or 443 under TLS).
    package var port: Int
    /// The request target: path and query, at least `/`.
    package var target: String

    /// Parses `url`.
    /// - Throws: `EndpointURLError` naming what is wrong.
    package init(_ url: String) throws(EndpointURLError) {
        guard let separator = url.firstRange(of: "://") else { throw .missingScheme(url) }
        let schemeText = url[..<separator.lowerBound].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else { throw .unsupportedScheme(schemeText) }
        let rest = url[separator.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty || target.first == "?" { target = "/" + target }
        guard !target.contains(where: { $0 == " " || $0 == "#" || $0.isNewline }) else { throw .badTarget(target) }

        let hostPart: Substring
        let portPart: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw .badHost(String(authority)) }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let afterBracket = authority[authority.index(after: close)...]
            if afterBracket.isEmpty {
                portPart = nil
            } else {
                guard afterBracket.first == ":" else { throw .badHost(String(authority)) }
                portPart = afterBracket.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
            portPart = nil
        }
        guard !hostPart.isEmpty, !hostPart.contains("@") else { throw .badHost(String(authority)) }
        let port: Int
        if let portPart {
            guard let parsed = Int(portPart), (1...65535).contains(parsed) else { throw .badPort(String(portPart)) }
            port = parsed
        } else {
            port = scheme.defaultPort
        }
        self.scheme = scheme
        self.host = String(hostPart)
        self.port = port
        self.target = target
    }

    /// The `Host` header value: the host, with `:port` unless it is the scheme's default.
    package var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == scheme.defaultPort ? bracketed : "\(bracketed):\(port)"
    }

    package var description: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(scheme.rawValue)://\(bracketed):\(port)\(target)"
    }
}

/// Why a URL given to the client cannot be used.
package enum EndpointURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingScheme(String)
    case unsupportedScheme(String)
    case badHost(String)
    case badPort(String)
    case badTarget(String)

    package var description: String {
        switch self {
        case .missingScheme(let url): "not a URL (no scheme://): \(url)"
        case .unsupportedScheme(let scheme): "unsupported scheme \(scheme)://, use ws://, wss://, http:// or https://"
        case .badHost(let authority): "bad host in \(authority)"
        case .badPort(let port): "bad port \(port)"
        case .badTarget(let target): "bad request target \(target)"
        }
    }
}

/// A URL with placeholders, such as `ws://127.0.0.1:8080/ws?topic={topic}`.
package struct URLTemplate: Sendable, Equatable {
    /// The placeholder replaced by a topic name.
    package static let topicPlaceholder = "{topic}"

    /// The template text.
    package let text: String

    package init(_ text: String) {
        self.text = text
    }

    /// True when the template names `{topic}`.
    package var hasTopic: Bool { text.contains(Self.topicPlaceholder) }

    /// The URL for `topic`: every `{topic}` replaced by it.
    package func expanded(topic: String) -> String {
        text.replacing(Self.topicPlaceholder, with: topic)
    }

    /// The parsed URL for `topic`.
    package func url(topic: String) throws(EndpointURLError) -> EndpointURL {
        try EndpointURL(expanded(topic: topic))
    }
}
