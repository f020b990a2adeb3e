import Foundation
import HeraldGateway
import Testing

@Suite struct HTTPServerTests {
    @Test func healthzAnswersSeveralRequestsOnOneKeepAliveConnection() throws {
        let server = try TestGateway()
        let client = try server.client()
        for _ in 0..<3 {
            try client.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.body == #"{"status":"ok"}"#)
            #expect(response.header("connection") == nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write(
            "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /herald.js HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let missing = try client.readResponse()
        #expect(missing.status == 404)
        #expect(missing.body.contains(#""code":"not_found""#))
        let script = try client.readResponse()
        #expect(script.status == 200)
        #expect(script.header("content-type") == "text/javascript; charset=utf-8")
    }

    @Test func http10ClientIsClosedAfterItsResponse() throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write("GET /healthz HTTP/1.0\r\n\r\n")
        let rest = String(decoding: try client.readToEnd(), as: UTF8.self)
        #expect(rest.hasPrefix("HTTP/1.1 200 OK"))
        #expect(rest.contains("connection: close"))
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400, "bad_request"),
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, "version_not_supported"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 9000) + "\r\n\r\n", 431, "headers_too_large"),
        ("POST /publish/a HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n", 413, "body_too_large"),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "unsupported_transfer_encoding"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "bad_request"),
    ])
    func malformedRequestGetsJSONErrorAndTheConnectionCloses(request: String, status: Int, code: String) throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write(request)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.header("content-type") == "application/json")
        #expect(response.body.contains(#"{"error":{"code":"\#(code)""#))
        #expect(response.header("connection") == "close")
        #expect(try client.readToEnd().isEmpty)
    }

    @Test func aTLSClientOnThePlainPortIsAnsweredAtOnceNotAtTheHeaderTimeout() throws {
        // Header timeout far beyond the test's socket timeout: only an immediate answer passes.
        let server = try TestGateway { $0.http.headerTimeoutSeconds = 600 }
        let client = try TestClient(port: server.port, timeoutSeconds: 20)
        // The start of a TLS 1.2+ ClientHello record: no line end, and none coming.
        try client.write([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03])
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.body.contains(#""code":"bad_request""#))
        #expect(response.body.contains("TLS handshake on a plain HTTP port"))
        #expect(try client.readToEnd().isEmpty)
    }

    @Test func slowlorisGets408WhileOtherClientsAreServed() throws {
        let server = try TestGateway { $0.http.headerTimeoutSeconds = 0.5 }
        let slow = try server.client()
        try slow.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        // Other clients are served while the slow one dawdles.
        for _ in 0..<5 {
            let other = try server.client()
            try other.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try other.readResponse().status == 200)
        }
        let response = try slow.readResponse()
        #expect(response.status == 408)
        #expect(response.body.contains("request_timeout"))
        #expect(try slow.readToEnd().isEmpty)
    }

    @Test func staticFilesCarryAnETagAndAnswer304WhenItMatches() throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let page = try client.readResponse()
        #expect(page.status == 200)
        #expect(page.header("content-type") == "text/html; charset=utf-8")
        #expect(page.body.contains("<title>Herald</title>"))
        let etag = try #require(page.header("etag"))
        try client.write("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: \(etag)\r\n\r\n")
        #expect(try client.readResponse().status == 304)
    }

    @Test(arguments: ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/a/../../index.html", "/.hidden"])
    func pathTraversalFindsNothing(path: String) throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
        let status = try client.readResponse().status
        #expect(status == 404 || status == 400)
    }

    @Test func headRequestGetsHeadersWithoutABody() throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = String(decoding: try client.read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
        #expect(head.contains("content-length: 15"))
        // The next bytes are the second response, not a body for the HEAD.
        #expect(try client.readResponse().body == #"{"status":"ok"}"#)
    }

    @Test func unknownMethodOnAnEndpointGets405WithAllow() throws {
        let server = try TestGateway()
        let client = try server.client()
        try client.write("DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 405)
        #expect(response.header("allow") == "GET, HEAD")
    }
}
