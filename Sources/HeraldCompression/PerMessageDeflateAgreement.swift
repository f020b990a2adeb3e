package import HeraldProtocol

/// What the server accepted of a client's permessage-deflate offers.
///
/// Herald always answers `server_no_context_takeover` (RFC 7692 §7.1.1.1
/// lets the server add it): it keeps no compression state per connection,
/// each outgoing message is compressed alone, and so a fanned-out message's
/// compressed bytes are the same for every subscriber with the same window
/// and can be made once. What clients send is inflated with a 32 KiB window
/// (enough for any client window) that carries over between messages unless
/// the client offered `client_no_context_takeover`.
package struct PerMessageDeflateAgreement: Sendable, Equatable {
    /// The window the server compresses with: the client's
    /// `server_max_window_bits`, else 15.
    package var serverWindowBits: Int
    /// The client resets its window per message, so inflating may too.
    package var clientNoContextTakeover: Bool
    /// Whether the client asked for `server_max_window_bits` (then the answer repeats it).
    package var serverWindowBitsRequested: Bool

    /// The first acceptable permessage-deflate offer among `offers`, in order;
    /// `nil` (decline: answer without the extension) when there is none.
    package static func negotiate(offers: [WebSocketExtensionOffer]) -> PerMessageDeflateAgreement? {
        for offer in offers {
            guard let parameters = PerMessageDeflateParameters(offer: offer) else { continue }
            return PerMessageDeflateAgreement(
                serverWindowBits: parameters.serverMaxWindowBits ?? 15,
                clientNoContextTakeover: parameters.clientNoContextTakeover,
                serverWindowBitsRequested: parameters.serverMaxWindowBits != nil)
        }
        return nil
    }

    /// The `Sec-WebSocket-Extensions` value of the 101 answer, e.g.
    /// `permessage-deflate; server_no_context_takeover; server_max_window_bits=10`.
    /// `client_max_window_bits` is never sent: the server accepts any client window.
    package var responseHeaderValue: String {
        var parameters = [WebSocketExtensionParameter(name: "server_no_context_takeover")]
        if clientNoContextTakeover { parameters.append(.init(name: "client_no_context_takeover")) }
        if serverWindowBitsRequested {
            parameters.append(.init(name: "server_max_window_bits", value: String(serverWindowBits)))
        }
        return WebSocketExtensionOffer(name: PerMessageDeflateParameters.extensionName, parameters: parameters)
            .headerValue
    }
}
