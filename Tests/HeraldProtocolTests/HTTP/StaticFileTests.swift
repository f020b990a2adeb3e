import HeraldProtocol
import Testing

@Suite struct StaticFileTests {
    @Test(arguments: [
        ("/", "index.html"),
        ("/herald.js", "herald.js"),
        ("/herald.css", "herald.css"),
        ("/docs/", "docs/index.html"),
        ("/img/logo.svg", "img/logo.svg"),
        ("/a b.txt", "a b.txt"),
        ("/café.html", "café.html"),
        ("/file.with.dots", "file.with.dots"),
        ("/a..b", "a..b"),
    ])
    func staticPathMapsRequestPathsUnderTheRoot(path: String, file: String) {
        #expect(StaticFilePath.resolve(path) == file)
    }

    @Test(arguments: [
        "/../etc/passwd", "/..", "/a/../../b", "/a/..", "/./index.html", "/.", "//etc", "//etc/passwd",
        "/a//b", "/.git/config", "/.env", "/docs/.hidden", "/a\\..\\b", "/a\\b", "/a\u{0}.html",
        "/a\n", "/a\u{7f}", "", "index.html", "../etc/passwd", "/%2e%2e/", "/%252e%252e/x",
    ])
    func staticPathRefusesTraversalHiddenFilesAndOddBytes(path: String) {
        #expect(StaticFilePath.resolve(path) == nil)
    }

    @Test func staticPathRefusesDecodedTraversalFromTheParser() throws {
        let request = try #require(parseOne("GET /%2e%2e/etc/passwd HTTP/1.1\r\n\r\n"))
        #expect(request.path == "/../etc/passwd")
        #expect(StaticFilePath.resolve(request.path) == nil)
        let encodedSlash = try #require(parseOne("GET /a%2F..%2F..%2Fb HTTP/1.1\r\n\r\n"))
        #expect(StaticFilePath.resolve(encodedSlash.path) == nil)
    }

    @Test func staticPathRefusesOverlongPathsAndSegments() {
        #expect(StaticFilePath.resolve("/" + String(repeating: "a", count: 255)) != nil)
        #expect(StaticFilePath.resolve("/" + String(repeating: "a", count: 256)) == nil)
        #expect(StaticFilePath.resolve(String(repeating: "/a", count: 513)) == nil)
    }

    @Test(arguments: [
        ("html", "text/html; charset=utf-8"), ("HTM", "text/html; charset=utf-8"),
        ("js", "text/javascript; charset=utf-8"), ("mjs", "text/javascript; charset=utf-8"),
        ("css", "text/css; charset=utf-8"), ("txt", "text/plain; charset=utf-8"), ("json", "application/json"),
        ("map", "application/json"), ("svg", "image/svg+xml"), ("png", "image/png"), ("ico", "image/x-icon"),
        ("woff2", "font/woff2"), ("wasm", "application/wasm"), ("exe", "application/octet-stream"),
        ("", "application/octet-stream"),
    ])
    func mediaTypeFollowsTheFileExtension(fileExtension: String, type: String) {
        #expect(MediaType.forFileExtension(fileExtension) == type)
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("js/herald.min.js", "text/javascript; charset=utf-8"),
        ("LICENSE", "application/octet-stream"), ("dir.d/README", "application/octet-stream"),
        (".hidden", "application/octet-stream"), ("a.PNG", "image/png"),
    ])
    func mediaTypeForAPathUsesItsLastSegment(path: String, type: String) {
        #expect(MediaType.forPath(path) == type)
    }

    @Test func etagIsQuotedHexOfSizeAndTime() {
        #expect(ETag.make(size: 1234, modificationSeconds: 1_700_000_000) == "\"4d2-6553f100\"")
        #expect(ETag.make(size: 0, modificationSeconds: 16, modificationNanoseconds: 255) == "\"0-10.ff\"")
        #expect(ETag.make(size: 10, modificationSeconds: 1, weak: true) == "W/\"a-1\"")
        #expect(ETag.make(size: 1, modificationSeconds: 2) != ETag.make(size: 1, modificationSeconds: 3))
    }

    @Test(arguments: [
        ("\"a-1\"", true),
        ("W/\"a-1\"", true),
        ("*", true),
        (" * ", true),
        ("\"other\", \"a-1\"", true),
        ("\"other\",W/\"a-1\" , \"x\"", true),
        (",, \"a-1\",", true),
        ("\"other\"", false),
        ("\"a-1", false),
        ("a-1", false),
        ("\"a-1\" junk", false),
        ("*, \"a-1\"", false),
        ("w/\"a-1\"", false),
        ("", false),
        ("\"A-1\"", false),
    ])
    func ifNoneMatchComparesTagListsWeakly(fieldValue: String, matches: Bool) {
        #expect(ETag.ifNoneMatch(fieldValue, matches: "\"a-1\"") == matches)
    }

    @Test func ifNoneMatchComparesAWeakCurrentTagWeakly() {
        #expect(ETag.ifNoneMatch("\"a-1\"", matches: "W/\"a-1\""))
        #expect(ETag.ifNoneMatch(["\"x\"", "W/\"a-1\""], matches: "\"a-1\""))
        #expect(!ETag.ifNoneMatch([], matches: "\"a-1\""))
    }
}
