import HeraldCompression
import HeraldProtocol
import Testing

@Suite struct NegotiationTests {
    private func answer(_ header: String) -> String? {
        let offers = WebSocketExtensionOffer.parse(headerValues: [header]) ?? []
        return PerMessageDeflateAgreement.negotiate(offers: offers)?.responseHeaderValue
    }

    private static let base = "permessage-deflate; server_no_context_takeover"

    @Test(arguments: [
        // RFC 7692 §7.1 and §5 examples
        ("permessage-deflate", base),
        ("permessage-deflate; client_max_window_bits", base),
        ("permessage-deflate; server_no_context_takeover", base),
        ("permessage-deflate; client_no_context_takeover", base + "; client_no_context_takeover"),
        ("permessage-deflate; server_max_window_bits=10", base + "; server_max_window_bits=10"),
        ("permessage-deflate; server_max_window_bits=\"10\"", base + "; server_max_window_bits=10"),
        ("permessage-deflate; client_max_window_bits=8", base),
        ("permessage-deflate; client_max_window_bits=15; client_no_context_takeover", base + "; client_no_context_takeover"),
        // first acceptable offer wins
        ("permessage-deflate; server_max_window_bits=10, permessage-deflate", base + "; server_max_window_bits=10"),
        ("permessage-deflate; server_max_window_bits=16, permessage-deflate", base),
        ("x-webkit-deflate-frame, permessage-deflate; client_max_window_bits", base),
    ])
    func accepted(offer: String, response: String) {
        #expect(answer(offer) == response)
    }

    @Test(arguments: [
        "permessage-deflate; server_max_window_bits",  // value required
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=010",
        "permessage-deflate; server_max_window_bits=ten",
        "permessage-deflate; client_max_window_bits=0",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; client_no_context_takeover=true",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
        "permessage-deflate; foo",
        "x-webkit-deflate-frame",
    ])
    func declined(offer: String) {
        #expect(answer(offer) == nil)
    }

    @Test func everyWindowSizeFromEightToFifteenIsAccepted() {
        for bits in 8...15 {
            let agreement = PerMessageDeflateAgreement.negotiate(
                offers: [.init(name: "permessage-deflate", parameters: [.init(name: "server_max_window_bits", value: "\(bits)")])])
            #expect(agreement?.serverWindowBits == bits)
            let client = PerMessageDeflateParameters(
                offer: .init(name: "permessage-deflate", parameters: [.init(name: "client_max_window_bits", value: "\(bits)")]))
            #expect(client?.clientMaxWindowBits == .limit(bits))
        }
    }

    @Test func clientMaxWindowBitsWithoutAValueMeansSupported() {
        let parameters = PerMessageDeflateParameters(
            offer: .init(name: "permessage-deflate", parameters: [.init(name: "client_max_window_bits")]))
        #expect(parameters?.clientMaxWindowBits == .supported)
        #expect(PerMessageDeflateAgreement.negotiate(offers: [])?.serverWindowBits == nil)
    }
}
