package import HeraldCompression
package import HeraldProtocol
import HeraldTLS

/// One client handshake (RFC 6455 §4.1): the upgrade request to send and the
/// check of the server's answer, on top of `WebSocketClientHandshake`.
package struct WebSocketClientHandshaker {
    /// What the client offers for permessage-deflate (RFC 7692): the extension with
    /// `client_max_window_bits` (it can take any window limit the server names).
    /// The client never compresses what it sends, so only the server's side matters.
    package static let deflateOffer = "permessage-deflate; client_max_window_bits"

    /// What a successful handshake gave.
    package struct Accepted: Equatable {
        /// Bytes the response head took; what follows is the first frames.
        package var consumedBytes: Int
        /// The permessage-deflate parameters the server chose, if it accepted the offer.
        package var deflate: PerMessageDeflateParameters?
    }

    /// The `Sec-WebSocket-Key` sent.
    package let key: String
    /// The request head to send, blank line included.
    package let request: [UInt8]
    /// Whether permessage-deflate is offered.
    package let offersDeflate: Bool

    /// Builds the request for `url` with a fresh key from `generator`.
    /// - Throws: `badRequestTarget` when the URL's host or target cannot be sent.
    package init(
        url: EndpointURL,
        extraHeaders: [(name: String, value: String)] = [],
        offerDeflate: Bool = false,
        using generator: inout some RandomNumberGenerator
    ) throws(ClientError) {
        key = WebSocketClientHandshake.makeKey(using: &generator)
        var headers = extraHeaders
        if offerDeflate { headers.append((name: "Sec-WebSocket-Extensions", value: Self.deflateOffer)) }
        guard
            let request = WebSocketClientHandshake.upgradeRequest(
                host: url.hostHeader, path: url.target, key: key, extraHeaders: headers)
        else { throw .badRequestTarget(url.description) }
        self.request = request
        offersDeflate = offerDeflate
    }

    /// Looks for the complete response head at the start of `bytes` and checks it.
    ///
    /// - Returns: `nil` while the head is incomplete.
    /// - Throws: why the answer is not an acceptable handshake: no 101, bad
    ///   accept value, or an extension this client did not offer.
    package func parseResponse(_ bytes: UnsafeRawBufferPointer) throws(WebSocketClientHandshakeError) -> Accepted? {
        guard let (head, consumed) = try WebSocketHTTPResponseHead.parse(bytes) else { return nil }
        let accepted = try WebSocketClientHandshake.validateResponse(
            status: head.status, headers: head.headers, key: key, sha1: SHA1.hash)
        // Only what was offered may come back, once (§4.1, point 5; RFC 7692 §5).
        guard let first = accepted.first else { return Accepted(consumedBytes: consumed, deflate: nil) }
        guard offersDeflate, accepted.count == 1, let deflate = PerMessageDeflateParameters(offer: first),
            deflate.clientMaxWindowBits != .supported
        else { throw .malformedExtensions }
        return Accepted(consumedBytes: consumed, deflate: deflate)
    }
}
