import Foundation

/// JSON helpers for assertions (tests may use Foundation; the server does not parse with it).
enum TestJSON {
    static func object(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) as? [String: Any]
    }

    static func object(_ text: String) -> [String: Any]? { object(Array(text.utf8)) }
}

extension TestClient {
    /// POSTs `body` on this keep-alive connection and reads the response.
    func post(_ path: String, body: String, headers: [String: String] = [:]) throws -> TestResponse {
        var head = "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try write(head + "\r\n" + body)
        return try readResponse()
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> TestResponse {
        var head = "GET \(path) HTTP/1.1\r\nHost: x\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try write(head + "\r\n")
        return try readResponse()
    }
}

extension TestWebSocket {
    /// The next text message parsed as a JSON object (pings skipped).
    func receiveJSON() throws -> [String: Any] {
        while true {
            switch try receive() {
            case .text(let bytes):
                guard let object = TestJSON.object(bytes) else {
                    throw TestClient.Failure(description: "not JSON: \(String(decoding: bytes, as: UTF8.self))")
                }
                return object
            case .ping, .pong:
                continue
            case let other:
                throw TestClient.Failure(description: "expected a text message, got \(other)")
            }
        }
    }
}
