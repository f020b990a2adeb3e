import HeraldClient
import HeraldCompression
import HeraldProtocol
import HeraldTLS
import Testing

@Suite struct WebSocketClientHandshakerTests {
    private func handshaker(offerDeflate: Bool) throws -> WebSocketClientHandshaker {
        var random = SystemRandomNumberGenerator()
        return try WebSocketClientHandshaker(
            url: EndpointURL("ws://127.0.0.1:8080/ws?topic=a"), offerDeflate: offerDeflate, using: &random)
    }

    /// A 101 for `handshaker` with `extensions` (if any) as `Sec-WebSocket-Extensions`.
    private func response(to handshaker: WebSocketClientHandshaker, extensions: String?) -> [UInt8] {
        var head = WebSocketHandshake.switchingProtocolsResponse(key: handshaker.key, sha1: SHA1.hash)
        if let extensions {
            head.removeLast(2)  // the blank line
            head += Array("Sec-WebSocket-Extensions: \(extensions)\r\n\r\n".utf8)
        }
        return head
    }

    private func parse(
        _ handshaker: WebSocketClientHandshaker, extensions: String?
    ) throws(WebSocketClientHandshakeError) -> WebSocketClientHandshaker.Accepted? {
        let bytes = response(to: handshaker, extensions: extensions)
        let outcome = bytes.withUnsafeBytes { buffer in
            Result { () throws(WebSocketClientHandshakeError) in try handshaker.parseResponse(buffer) }
        }
        return try outcome.get()
    }

    @Test func offersPermessageDeflateOnlyWhenAsked() throws {
        let offering = String(decoding: try handshaker(offerDeflate: true).request, as: UTF8.self)
        #expect(offering.contains("\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
        let plain = String(decoding: try handshaker(offerDeflate: false).request, as: UTF8.self)
        #expect(!plain.lowercased().contains("sec-websocket-extensions"))
    }

    @Test func acceptsTheServersDeflateParameters() throws {
        let client = try handshaker(offerDeflate: true)
        let extensions = "permessage-deflate; server_no_context_takeover; client_max_window_bits=12"
        let accepted = try #require(try parse(client, extensions: extensions))
        #expect(accepted.consumedBytes == response(to: client, extensions: extensions).count)
        #expect(
            accepted.deflate
                == PerMessageDeflateParameters(serverNoContextTakeover: true, clientMaxWindowBits: .limit(12)))
        // Declining the offer is the server's right: no extension, no compression.
        #expect(try parse(client, extensions: nil)?.deflate == nil)
    }

    @Test(arguments: [
        (false, "permessage-deflate"),  // not offered
        (true, "x-webkit-deflate-frame"),  // not what was offered
        (true, "permessage-deflate, permessage-deflate"),  // twice
        (true, "permessage-deflate; client_max_window_bits"),  // a response must give the value
        (true, "permessage-deflate; server_max_window_bits=16"),  // out of range
    ])
    func failsAResponseWithAnExtensionItCannotAgreeTo(offered: Bool, extensions: String) throws {
        let client = try handshaker(offerDeflate: offered)
        #expect(throws: WebSocketClientHandshakeError.malformedExtensions) {
            try parse(client, extensions: extensions)
        }
    }
}
