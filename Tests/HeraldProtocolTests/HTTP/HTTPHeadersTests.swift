import HeraldProtocol
import Testing

@Suite struct HTTPHeadersTests {
    @Test func headersLookUpNamesCaseInsensitively() {
        let headers: HTTPHeaders = ["Content-Type": "text/plain", "X-Tag": "a", "x-tag": "b"]
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers["X-TAG"] == "a")
        #expect(headers.values(for: "x-tag") == ["a", "b"])
        #expect(headers["missing"] == nil)
        #expect(headers.contains("x-Tag"))
        #expect(headers.count == 3)
    }

    @Test(arguments: [
        ("keep-alive, Upgrade", "upgrade", true),
        ("Upgrade", "upgrade", true),
        ("  upgrade  ,close", "close", true),
        ("keep-alive,upgrade-insecure", "upgrade", false),
        ("upgraded", "upgrade", false),
        ("", "upgrade", false),
        (",,upgrade,,", "upgrade", true),
        ("\tUPGRADE\t", "upgrade", true),
    ])
    func headersFindTokensInCommaSeparatedLists(value: String, token: String, found: Bool) {
        let headers: HTTPHeaders = ["Connection": value]
        #expect(headers.containsToken(token, in: "connection") == found)
    }

    @Test func headersFindTokensAcrossRepeatedFields() {
        let headers: HTTPHeaders = ["Connection": "keep-alive", "connection": "Upgrade"]
        #expect(headers.containsToken("upgrade", in: "Connection"))
        #expect(!headers.containsToken("upgrade", in: "Upgrade"))
    }

    @Test func headersReplaceOrAddKeepsThePositionOfTheFirstField() {
        var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3", "C": "4"]
        headers.replaceOrAdd(name: "a", value: "new")
        #expect(headers.map(\.name) == ["A", "B", "C"])
        #expect(headers["a"] == "new")
        headers.replaceOrAdd(name: "D", value: "5")
        #expect(headers.map(\.value) == ["new", "2", "4", "5"])
    }

    @Test func headersAddAndRemove() {
        var headers = HTTPHeaders()
        #expect(headers.isEmpty)
        headers.add(name: "Vary", value: "a")
        headers.add(name: "vary", value: "b")
        #expect(headers.values(for: "VARY") == ["a", "b"])
        headers.remove(name: "Vary")
        #expect(headers.isEmpty)
    }

    @Test func headersCompareNamesCaseInsensitivelyAndValuesExactly() {
        #expect(HTTPHeaders([(name: "A", value: "x")]) == ["a": "x"])
        #expect(HTTPHeaders([(name: "A", value: "x")]) != ["A": "X"])
        #expect(HTTPHeaders([(name: "A", value: "x"), (name: "B", value: "y")]) != ["B": "y", "A": "x"])
    }
}
