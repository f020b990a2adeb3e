import HeraldTestSupport
import Foundation
import HeraldGateway
import HeraldTLS
import Testing

/// https and wss end to end, and hostile or broken TLS clients dropped without
/// holding up anyone else.
@Suite struct TLSGatewayTests {
    let certificate: TestCertificate

    init() async throws {
        certificate = try await TestCertificate.shared()
    }

    func tlsGateway(headerTimeout: Double = 10) throws -> TestGateway {
        try TestGateway {
            $0.tls.certificateFile = certificate.certificatePath
            $0.tls.privateKeyFile = certificate.keyPath
            $0.http.headerTimeoutSeconds = headerTimeout
        }
    }

    /// Runs blocking test I/O on a thread of its own: the cooperative pool is only as wide
    /// as the cores, and other suites' async waits must not queue behind a curl.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Runs curl trusting the test certificate; returns its exit status and standard output.
    func curl(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await blocking { try curlNow(arguments) }
    }

    private func curlNow(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try TestProcess.run(
            ["curl", "-sS", "--max-time", "10", "--cacert", certificate.certificatePath] + arguments)
        return (result.status, String(decoding: result.output, as: UTF8.self))
    }

    @Test func curlGetsHealthzAndPublishesOverHTTPS() async throws {
        let server = try tlsGateway()
        let health = try await curl(["https://127.0.0.1:\(server.port)/healthz"])
        #expect(health.status == 0)
        #expect(health.output.contains(#""status":"ok""#))
        let publish = try await curl([
            "-H", "Content-Type: application/json", "-d", #"{"n":1}"#,
            "https://127.0.0.1:\(server.port)/publish/orders.new",
        ])
        #expect(publish.status == 0)
        #expect(publish.output.contains(#""topic":"orders.new""#))
        // The one listener speaks only TLS.
        #expect(try await curl(["http://127.0.0.1:\(server.port)/healthz"]).status != 0)
    }

    @Test func aWSSSubscriberReceivesAnEventPublishedOverHTTPS() async throws {
        let server = try tlsGateway()
        let port = server.port
        // Large enough to span several TLS records.
        let big = String(repeating: "y", count: 40_000)
        // One thread does all the I/O, so no wait depends on the (shared, narrow) cooperative pool.
        let (head, welcome, event, publish) = try await blocking {
            let subscriber = try TestTLSClient(port: port, trusting: certificate.certificatePath)
            let head = try subscriber.upgrade(path: "/ws?topic=orders.*")
            let welcome = String(decoding: try subscriber.receiveFrame().payload, as: UTF8.self)
            let publish = try curlNow([
                "-H", "Content-Type: application/json", "-d", #"{"orderId":"123","pad":"\#(big)"}"#,
                "https://127.0.0.1:\(port)/publish/orders.created",
            ])
            let event = try subscriber.receiveFrame()
            return (
                head, welcome, (opcode: event.opcode, text: String(decoding: event.payload, as: UTF8.self)), publish
            )
        }
        #expect(publish.status == 0)
        #expect(head.hasPrefix("HTTP/1.1 101"))
        #expect(welcome.contains(#""type":"welcome""#))
        #expect(event.opcode == 1)
        #expect(event.text.contains(#""topic":"orders.created""#))
        #expect(event.text.contains(big))
    }

    @Test func aBurstOfSmallEventsGatheredIntoFewRecordsArrivesWholeAndInOrder() async throws {
        let server = try tlsGateway()
        let port = server.port
        let count = 300
        let items = (0..<count).map { #"{"topic":"burst.a","data":{"n":\#($0)}}"# }
        let body = "[" + items.joined(separator: ",") + "]"
        let numbers = try await blocking { () throws -> [Int] in
            let subscriber = try TestTLSClient(port: port, trusting: certificate.certificatePath)
            _ = try subscriber.upgrade(path: "/ws?topic=burst.*&format=raw")
            let publish = try curlNow([
                "-H", "Content-Type: application/json", "-d", body, "https://127.0.0.1:\(port)/publish",
            ])
            guard publish.status == 0 else { return [] }
            return try (0..<count).map { _ in
                let text = String(decoding: try subscriber.receiveFrame().payload, as: UTF8.self)
                return Int(text.filter(\.isNumber)) ?? -1
            }
        }
        #expect(numbers == Array(0..<count))
    }

    @Test func aTLSListenerRunsBesideThePlainOne() async throws {
        let server = try TestGateway {
            $0.tls.certificateFile = certificate.certificatePath
            $0.tls.privateKeyFile = certificate.keyPath
            $0.tls.port = Self.freePort()
        }
        let tlsPort = try #require(server.gateway.tlsAddress?.port)
        #expect(tlsPort != server.port)
        #expect(try server.client().get("/healthz").status == 200)
        #expect(try await curl(["https://127.0.0.1:\(tlsPort)/healthz"]).output.contains(#""status":"ok""#))
    }

    /// What each misbehaving client sends before going quiet.
    enum Misbehaviour: String, CaseIterable {
        case plainHTTP, truncatedHandshake, garbageRecords, stopsMidHandshake
    }

    func opening(for misbehaviour: Misbehaviour) throws -> [UInt8] {
        switch misbehaviour {
        case .plainHTTP:
            return Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        case .truncatedHandshake:
            return [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00]  // a record header promising 512 bytes, then 2
        case .garbageRecords:
            return [0x17, 0x03, 0x03, 0x00, 0x40] + [UInt8](repeating: 0xa5, count: 64)
        case .stopsMidHandshake:
            // A whole ClientHello; the client then never answers the server's flight.
            let client = try TLSSession(context: try TLSContext(clientTrusting: certificate.certificatePath))
            try client.startHandshake()
            var hello = [UInt8](repeating: 0, count: client.pendingCiphertextBytes)
            let count = hello.withUnsafeMutableBytes { client.takeCiphertext(into: $0) }
            return Array(hello[0..<count])
        }
    }

    @Test(arguments: Misbehaviour.allCases)
    func aMisbehavingClientIsDroppedWhileOthersAreServed(misbehaviour: Misbehaviour) async throws {
        let server = try tlsGateway(headerTimeout: 3)
        let port = server.port
        let opening = try opening(for: misbehaviour)
        // Timed on one thread of its own, so the figures are the server's, not the test pool's.
        let (health, servedAfter, leftovers, droppedAfter) = try await blocking {
            let bad = try TestClient(port: port)
            try bad.write(opening)
            // Meanwhile another client gets its answer at once.
            let started = Date()
            let health = try curlNow(["https://127.0.0.1:\(port)/healthz"])
            let servedAfter = Date().timeIntervalSince(started)
            let leftovers = try bad.readToEnd()  // returns at EOF; throws after 10 s if never closed
            return (health, servedAfter, leftovers, Date().timeIntervalSince(started))
        }
        #expect(health.output.contains(#""status":"ok""#))
        #expect(servedAfter < 2.5, "served before the bad client was dropped")
        #expect(droppedAfter < 8, "dropped within http.header_timeout (3 s), with slack")
        #expect(!String(decoding: leftovers, as: UTF8.self).contains("HTTP/1.1"))
        #expect(await server.eventually { server.gateway.connectionCount == 0 })
    }

    @Test func tlsSettingsAreCheckedTogether() async throws {
        await #expect(throws: ConfigurationError.self) {
            _ = try await ConfigurationLoader.load(
                flags: [:], environment: ["HERALD_TLS_CERT": certificate.certificatePath], filePath: nil)
        }
        await #expect(throws: ConfigurationError.self) {
            _ = try await ConfigurationLoader.load(flags: [:], environment: ["HERALD_TLS_PORT": "8443"], filePath: nil)
        }
        let loaded = try await ConfigurationLoader.load(
            flags: [:],
            environment: ["HERALD_TLS_CERT": certificate.certificatePath, "HERALD_TLS_KEY": certificate.keyPath],
            filePath: nil)
        #expect(loaded.tls.isEnabled)
        #expect(loaded.tls.port == 0)
    }

    @Test func aMissingCertificateStopsTheGatewayFromStartingWithTheFileNamed() throws {
        do {
            _ = try TestGateway {
                $0.tls.certificateFile = "/nonexistent/herald.pem"
                $0.tls.privateKeyFile = certificate.keyPath
            }
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("/nonexistent/herald.pem"))
        }
    }

    /// A port free right now (bound and released), for the second listener.
    static func freePort() -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
