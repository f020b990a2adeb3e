import Foundation
import HeraldGateway
import Logging

/// A real gateway on 127.0.0.1 with a free port, for one test.
final class TestGateway {
    let gateway: Gateway
    let port: Int
    let staticRoot: URL

    init(loops: Int = 2, _ adjust: (inout GatewayConfiguration) -> Void = { _ in }) throws {
        staticRoot = FileManager.default.temporaryDirectory.appendingPathComponent("herald-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staticRoot, withIntermediateDirectories: true)
        try Data("<!doctype html><title>Herald</title>".utf8).write(to: staticRoot.appendingPathComponent("index.html"))
        try Data("export class Herald {}\n".utf8).write(to: staticRoot.appendingPathComponent("herald.js"))
        var configuration = GatewayConfiguration()
        configuration.listen.port = 0
        configuration.loops = loops
        configuration.staticRoot = staticRoot.path
        adjust(&configuration)
        var logger = Logger(label: "herald.test")
        logger.logLevel = .warning
        gateway = Gateway(configuration: configuration, logger: logger)
        port = try gateway.start().port
    }

    deinit {
        gateway.stop()
        try? FileManager.default.removeItem(at: staticRoot)
    }

    func client() throws -> TestClient { try TestClient(port: port) }

    /// Waits (bounded) until `condition` holds; false if it never did.
    func eventually(seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

/// An HTTP response as the tests read it.
struct TestResponse {
    let status: Int
    let headers: [(String, String)]
    let body: String

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

extension TestClient {
    /// Reads one response with a Content-Length body.
    func readResponse() throws -> TestResponse {
        let head = String(decoding: try read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst().split(separator: " ")
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        let length = Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        let body = length > 0 ? try read(count: length) : []
        return TestResponse(status: Int(statusLine[1]) ?? 0, headers: headers, body: String(decoding: body, as: UTF8.self))
    }
}
