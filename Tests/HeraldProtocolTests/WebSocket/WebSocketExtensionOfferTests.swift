import HeraldProtocol
import Testing

@Suite struct WebSocketExtensionOfferTests {
    typealias Offer = WebSocketExtensionOffer
    typealias Parameter = WebSocketExtensionParameter

    @Test func parsesBrowserPermessageDeflateOffers() {
        let offers = Offer.parse(headerValues: ["permessage-deflate; client_max_window_bits"])
        #expect(offers == [Offer(name: "permessage-deflate", parameters: [Parameter(name: "client_max_window_bits")])])
    }

    @Test func parsesSeveralOffersAcrossHeadersWithValuesAndQuotedValues() {
        let offers = Offer.parse(headerValues: [
            "permessage-deflate;server_no_context_takeover ; client_max_window_bits = 10,  permessage-deflate",
            "Foo; Bar=\"12\"; baz=\"a\\b\", , ",
        ])
        #expect(
            offers == [
                Offer(
                    name: "permessage-deflate",
                    parameters: [
                        Parameter(name: "server_no_context_takeover"),
                        Parameter(name: "client_max_window_bits", value: "10"),
                    ]),
                Offer(name: "permessage-deflate"),
                Offer(
                    name: "foo", parameters: [Parameter(name: "bar", value: "12"), Parameter(name: "baz", value: "ab")]),
            ])
    }

    @Test func parsesNoHeaderAndEmptyHeadersAsNoOffers() {
        #expect(Offer.parse(headerValues: []) == [])
        #expect(Offer.parse(headerValues: ["", " , "]) == [])
    }

    @Test(arguments: [
        "permessage-deflate;", "; x", "a b", "a; =1", "a; b=", "a; b=\"unterminated", "a; b=\"has space\"",
        "a; b=\"\"", "a; b=c d", "a=1", "a; b=\"x\"y", "a;; b", "(a)",
    ])
    func rejectsOffersThatBreakTheGrammar(value: String) {
        #expect(Offer.parse(headerValues: [value]) == nil)
    }

    @Test func writesOffersBackAsHeaderValues() {
        let offer = Offer(
            name: "permessage-deflate",
            parameters: [
                Parameter(name: "server_no_context_takeover"), Parameter(name: "client_max_window_bits", value: "12"),
            ])
        #expect(offer.headerValue == "permessage-deflate; server_no_context_takeover; client_max_window_bits=12")
        #expect(Offer.parse(headerValues: [offer.headerValue]) == [offer])
    }
}
