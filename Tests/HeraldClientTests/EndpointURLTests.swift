import HeraldClient
import Testing

@Suite struct EndpointURLTests {
    @Test func parsesAWebSocketURLWithQuery() throws {
        let url = try EndpointURL("ws://127.0.0.1:8080/ws?topic=bench0&format=raw")
        #expect(url.scheme == .ws)
        #expect(url.host == "127.0.0.1")
        #expect(url.port == 8080)
        #expect(url.target == "/ws?topic=bench0&format=raw")
        #expect(url.hostHeader == "127.0.0.1:8080")
    }

    @Test func defaultsPortAndTarget() throws {
        let url = try EndpointURL("http://localhost")
        #expect(url.port == 80)
        #expect(url.target == "/")
        #expect(url.hostHeader == "localhost")
        #expect(try EndpointURL("ws://127.0.0.1:9?x=1").target == "/?x=1")
    }

    @Test func tlsSchemesDefaultToPort443AndPairUp() throws {
        let secure = try EndpointURL("wss://127.0.0.1/ws?topic=a")
        #expect(secure.scheme.isSecure && secure.port == 443 && secure.hostHeader == "127.0.0.1")
        #expect(secure.scheme.hypertext == .https && secure.scheme.webSocket == .wss)
        let https = try EndpointURL("https://127.0.0.1:8443/publish/a")
        #expect(https.scheme == .https && https.hostHeader == "127.0.0.1:8443")
        // 443 is only the default under TLS: on ws:// it is written out.
        #expect(try EndpointURL("ws://127.0.0.1:443/").hostHeader == "127.0.0.1:443")
        #expect(try !EndpointURL("http://127.0.0.1/").scheme.isSecure)
    }

    @Test func parsesBracketedIPv6() throws {
        let url = try EndpointURL("ws://[::1]:8091/sub/a")
        #expect(url.host == "::1")
        #expect(url.port == 8091)
        #expect(url.hostHeader == "[::1]:8091")
    }

    @Test(arguments: [
        ("127.0.0.1:80/x", EndpointURLError.missingScheme("127.0.0.1:80/x")),
        ("ftp://127.0.0.1/x", .unsupportedScheme("ftp")),
        ("ws://127.0.0.1:0/x", .badPort("0")),
        ("ws://127.0.0.1:99999/x", .badPort("99999")),
        ("ws://:80/x", .badHost(":80")),
        ("ws://127.0.0.1/a b", .badTarget("/a b")),
    ])
    func rejectsWhatItCannotUse(text: String, error: EndpointURLError) {
        #expect(throws: error) { try EndpointURL(text) }
    }

    @Test func templateExpandsEveryTopicPlaceholder() throws {
        let template = URLTemplate("ws://127.0.0.1:8091/sub/{topic}?again={topic}")
        #expect(template.hasTopic)
        #expect(template.expanded(topic: "bench7") == "ws://127.0.0.1:8091/sub/bench7?again=bench7")
        #expect(try template.url(topic: "bench7").target == "/sub/bench7?again=bench7")
        #expect(!URLTemplate("ws://127.0.0.1/ws/echo").hasTopic)
    }
}
