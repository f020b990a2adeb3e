import HeraldProtocol
import Testing

@Suite struct HTTPQueryTests {
    @Test func queryKeepsRepeatedNamesInOrder() throws {
        let request = try #require(parseOne("GET /ws?topic=a&filter=x&topic=b HTTP/1.1\r\n\r\n"))
        #expect(request.queryValues("topic") == ["a", "b"])
        #expect(request.queryValue("filter") == "x")
        #expect(request.queryValue("since") == nil)
        #expect(request.query.map(\.name) == ["topic", "filter", "topic"])
    }

    @Test(arguments: [
        ("a=1", [HTTPQueryItem(name: "a", value: "1")]),
        ("a=x+y%20z", [HTTPQueryItem(name: "a", value: "x y z")]),
        ("a%2Bb=%2B", [HTTPQueryItem(name: "a+b", value: "+")]),
        ("flag", [HTTPQueryItem(name: "flag", value: "")]),
        ("a=", [HTTPQueryItem(name: "a", value: "")]),
        ("=v", [HTTPQueryItem(name: "", value: "v")]),
        ("a=1&&b=2&", [HTTPQueryItem(name: "a", value: "1"), HTTPQueryItem(name: "b", value: "2")]),
        ("a=b=c", [HTTPQueryItem(name: "a", value: "b=c")]),
        ("t=caf%C3%A9", [HTTPQueryItem(name: "t", value: "café")]),
        ("f=data.amount%20%3E%20100", [HTTPQueryItem(name: "f", value: "data.amount > 100")]),
        ("", []),
    ])
    func queryDecodesPercentEscapesAndPlus(query: String, items: [HTTPQueryItem]) {
        #expect(HTTPQueryItem.parse(query) == items)
    }

    @Test(arguments: ["a=%", "a=%4", "a=%zz", "%g1=b", "a=%C3", "a=%FF"])
    func queryRejectsBadEscapesAndInvalidUTF8(query: String) {
        #expect(HTTPQueryItem.parse(query) == nil)
        #expect(parseError("GET /?\(query) HTTP/1.1\r\n\r\n") == .invalidQueryEncoding)
    }

    @Test func requestWithAnEmptyQueryHasNoItems() throws {
        let request = try #require(parseOne("GET /a? HTTP/1.1\r\n\r\n"))
        #expect(request.path == "/a")
        #expect(request.query.isEmpty)
    }

    @Test(arguments: [
        ("/", "/"),
        ("/a/b", "/a/b"),
        ("/a%20b", "/a b"),
        ("/a+b", "/a+b"),
        ("/topics/caf%C3%A9", "/topics/café"),
        ("/%2e%2e/x", "/../x"),
        ("/a%2Fb", "/a/b"),
    ])
    func pathIsPercentDecodedWithoutPlusAsSpace(target: String, path: String) throws {
        #expect(try #require(parseOne("GET \(target) HTTP/1.1\r\n\r\n")).path == path)
    }

    @Test(arguments: ["/%", "/a%2", "/%zz", "/%00", "/%C3", "/%80abc"])
    func pathWithBadEscapeOrNULOrInvalidUTF8IsRejectedWith400(target: String) {
        let error = parseError("GET \(target) HTTP/1.1\r\n\r\n")
        #expect(error == .invalidPathEncoding)
        #expect(error?.status == .badRequest)
    }

    @Test func percentDecodingLeavesPlusAloneUnlessAsked() {
        #expect(PercentDecoding.decode("a+b%41".utf8, plusAsSpace: false) == Array("a+bA".utf8))
        #expect(PercentDecoding.decode("a+b%41".utf8, plusAsSpace: true) == Array("a bA".utf8))
        #expect(PercentDecoding.decodeString("%E2%82%AC".utf8, plusAsSpace: false) == "€")
    }
}
