import HeraldPosix
package import HeraldTLS

/// One HTTP/1.1 request on its own connection (`Connection: close`), read to the
/// end: what `herald publish` needs, with no event loop.
package enum OneShotHTTPClient {
    /// A response's status and body.
    package struct Response: Sendable {
        package let status: Int
        package let body: [UInt8]
    }

    /// The most response `request` reads (a publish answer is a few hundred bytes).
    package static let maxResponseBytes = 16 * 1024 * 1024

    /// Sends `method target` to `url`'s host with `headers` and `body`, over
    /// TLS for `https://` (verified as `trust` says).
    package static func request(
        method: String, url: EndpointURL, target: String, headers: [(String, String)] = [], body: [UInt8] = [],
        trust: TLSContext.ClientTrust = .systemStore, timeoutSeconds: Int = 10
    ) throws(ClientError) -> Response {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nConnection: close\r\n"
        head += "Content-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        var received: [UInt8] = []
        let stream = try ClientStream(connectingTo: url, trust: trust, timeoutSeconds: timeoutSeconds)
        try stream.sendAll(Array(head.utf8) + body)
        while received.count < maxResponseBytes {
            let bytes = try stream.receive()
            if bytes.isEmpty { break }
            received += bytes
        }
        return try parse(received)
    }

    static func parse(_ bytes: [UInt8]) throws(ClientError) -> Response {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else {
            throw .badHTTPResponse("the server closed before a complete response")
        }
        let statusLine = bytes[..<end].split(separator: UInt8(ascii: "\r")).first ?? []
        let fields = statusLine.split(separator: UInt8(ascii: " "))
        guard fields.count >= 2, let status = Int(String(decoding: fields[1], as: UTF8.self)) else {
            throw .badHTTPResponse("malformed status line")
        }
        return Response(status: status, body: Array(bytes[(end + separator.count)...]))
    }
}
