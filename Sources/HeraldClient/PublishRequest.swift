/// The HTTP request heads a publisher sends: one per topic, built once, so a
/// publish costs a copy of the head and the body written in place.
enum PublishRequest {
    /// Builds `POST <target> HTTP/1.1` heads for `topics` from `template`.
    /// - Returns: the server to connect to (every topic's URL must name the
    ///   same host and port) and the heads in topic order.
    static func heads(
        template: URLTemplate, topics: [String], bodyBytes: Int
    ) throws(ClientError) -> (server: EndpointURL, heads: [[UInt8]]) {
        var server: EndpointURL?
        var heads: [[UInt8]] = []
        heads.reserveCapacity(topics.count)
        for topic in topics {
            let url: EndpointURL
            do throws(EndpointURLError) {
                url = try template.url(topic: topic)
            } catch {
                throw .badURL(error)
            }
            guard url.scheme.hypertext == url.scheme else {
                throw .invalidSetting("--pub-url must be http:// or https://")
            }
            if let server, server.host != url.host || server.port != url.port {
                throw .invalidSetting("--pub-url must name one host and port for every topic")
            }
            server = server ?? url
            heads.append(head(url: url, bodyBytes: bodyBytes))
        }
        guard let server else { throw .invalidSetting("no topics") }
        return (server, heads)
    }

    /// One request head, blank line included.
    static func head(url: EndpointURL, bodyBytes: Int) -> [UInt8] {
        Array(
            ("POST \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(bodyBytes)\r\n\r\n").utf8)
    }
}
