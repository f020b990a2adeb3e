package import HeraldProtocol
import HeraldTLS

/// One client handshake (RFC 6455 §4.1): the upgrade request to send and the
/// check of the server's answer, on top of `WebSocketClientHandshake`.
package struct WebSocketClientHandshaker {
    /// The `Sec-WebSocket-Key` sent.
    package let key: String
    /// The request head to send, blank line included.
    package let request: [UInt8]

    /// Builds the request for `url` with a fresh key from `generator`.
    /// - Throws: `badRequestTarget` when the URL's host or target cannot be sent.
    package init(
        url: EndpointURL,
        extraHeaders: [(name: String, value: String)] = [],
        using generator: inout some RandomNumberGenerator
    ) throws(ClientError) {
        key = WebSocketClientHandshake.makeKey(using: &generator)
        guard
            let request = WebSocketClientHandshake.upgradeRequest(
                host: url.hostHeader, path: url.target, key: key, extraHeaders: extraHeaders)
        else { throw .badRequestTarget(url.description) }
        self.request = request
    }

    /// Looks for the complete response head at the start of `bytes` and checks it.
    ///
    /// - Returns: how many bytes the head took (what follows is the first
    ///   frames), or `nil` while the head is incomplete.
    /// - Throws: why the answer is not an acceptable handshake: no 101, bad
    ///   accept value, or an extension this client did not offer.
    package func parseResponse(_ bytes: UnsafeRawBufferPointer) throws(WebSocketClientHandshakeError) -> Int? {
        guard let (head, consumed) = try WebSocketHTTPResponseHead.parse(bytes) else { return nil }
        let accepted = try WebSocketClientHandshake.validateResponse(
            status: head.status, headers: head.headers, key: key, sha1: SHA1.hash)
        // No extension is offered, so any the server claims is a failure (§4.1, point 5).
        guard accepted.isEmpty else { throw .malformedExtensions }
        return consumed
    }
}
