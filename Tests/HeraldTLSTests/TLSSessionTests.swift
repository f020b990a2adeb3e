import HeraldTestSupport
import CHeraldOpenSSL
import HeraldTLS
import Testing

/// Serialized: the suite is quick, and one test at a time keeps the narrow test pool
/// free for the gateway suites' timing-sensitive waits.
@Suite(.serialized) struct TLSSessionTests {
    let certificate: TestCertificate
    let context: TLSContext

    init() async throws {
        certificate = try await TestCertificate.shared()
        context = try TLSContext(certificateChainFile: certificate.certificatePath, privateKeyFile: certificate.keyPath)
    }

    /// Feeds `bytes` to `session`; returns the plaintext and the outcome.
    func receive(_ session: TLSSession, _ bytes: [UInt8]) throws -> ([UInt8], TLSSession.ReceiveOutcome) {
        var plaintext: [UInt8] = []
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
        defer { scratch.deallocate() }
        let outcome = try bytes.withUnsafeBytes { (input) throws in
            try session.receive(input, scratch: scratch) { chunk in
                plaintext += chunk
                return true
            }
        }
        return (plaintext, outcome)
    }

    func take(_ session: TLSSession) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: session.pendingCiphertextBytes)
        let count = bytes.withUnsafeMutableBytes { session.takeCiphertext(into: $0) }
        return Array(bytes[0..<count])
    }

    /// Runs the handshake to completion in memory (a few round trips at most).
    func handshake(_ client: OpenSSLMemoryClient, _ server: TLSSession) throws {
        for _ in 0..<8 {
            client.handshake()
            _ = try receive(server, client.take())
            client.feed(take(server))
            if client.handshake() && server.isHandshakeComplete { return }
        }
    }

    @Test func aHandshakeInMemoryNegotiatesTLS13AndHTTP11ThenCarriesBytesBothWays() throws {
        let server = try TLSSession(context: context)
        let client = OpenSSLMemoryClient(trusting: certificate.certificatePath)
        try handshake(client, server)
        #expect(server.isHandshakeComplete)
        #expect(client.verified)
        #expect(server.negotiatedProtocol == "http/1.1")
        #expect(server.protocolVersion == "TLSv1.3")

        client.write(Array("GET /healthz HTTP/1.1\r\n\r\n".utf8))
        let (plaintext, outcome) = try receive(server, client.take())
        #expect(String(decoding: plaintext, as: UTF8.self) == "GET /healthz HTTP/1.1\r\n\r\n")
        #expect(outcome == .needsMoreInput)

        let reply = Array("HTTP/1.1 200 OK\r\n\r\n".utf8)
        try reply.withUnsafeBytes { (bytes) throws in try server.send(bytes) }
        client.feed(take(server))
        #expect(client.read() == reply)

        client.closeNotify()
        #expect(try receive(server, client.take()).1 == .closedByPeer)
        server.closeNotify()
        #expect(server.pendingCiphertextBytes > 0)
    }

    @Test func aClientOfferingNoKnownALPNProtocolStillConnectsWithoutALPN() throws {
        let server = try TLSSession(context: context)
        let client = OpenSSLMemoryClient(trusting: certificate.certificatePath, alpn: ["h2"])
        try handshake(client, server)
        #expect(server.isHandshakeComplete)
        #expect(server.negotiatedProtocol == nil)
    }

    @Test func aHandshakeArrivingInPiecesWaitsForMoreInput() throws {
        let server = try TLSSession(context: context)
        let client = OpenSSLMemoryClient(trusting: certificate.certificatePath)
        client.handshake()
        let hello = client.take()
        #expect(try receive(server, Array(hello.prefix(10))).1 == .needsMoreInput)
        #expect(!server.isHandshakeComplete)
        #expect(server.pendingCiphertextBytes == 0)
        _ = try receive(server, Array(hello.dropFirst(10)))
        #expect(server.pendingCiphertextBytes > 0)  // ServerHello and the rest of the first flight
    }

    @Test func aClientLimitedToTLS11IsRefused() throws {
        let server = try TLSSession(context: context)
        let client = OpenSSLMemoryClient(trusting: certificate.certificatePath, maxVersion: herald_TLS1_1_VERSION)
        client.handshake()
        #expect(throws: TLSError.self) { _ = try receive(server, client.take()) }
    }

    @Test(arguments: [
        Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
        [0x16, 0x03, 0x01, 0x00, 0x05, 0xde, 0xad, 0xbe, 0xef, 0x00],
        [0x17, 0x03, 0x03, 0x00, 0x10] + [UInt8](repeating: 0x41, count: 16),
        [UInt8](repeating: 0xff, count: 64),
    ])
    func bytesThatAreNotATLSHandshakeAreAProtocolFailure(bytes: [UInt8]) throws {
        let server = try TLSSession(context: context)
        #expect(throws: TLSError.self) { _ = try receive(server, bytes) }
    }

    @Test func garbageAfterTheHandshakeIsAProtocolFailure() throws {
        let server = try TLSSession(context: context)
        let client = OpenSSLMemoryClient(trusting: certificate.certificatePath)
        try handshake(client, server)
        let record: [UInt8] = [0x17, 0x03, 0x03, 0x00, 0x20] + [UInt8](repeating: 0x5a, count: 32)
        #expect(throws: TLSError.self) { _ = try receive(server, record) }
    }

    @Test func sendingBeforeTheHandshakeIsRefused() throws {
        let server = try TLSSession(context: context)
        #expect(throws: TLSError.self) {
            try [UInt8(1)].withUnsafeBytes { (bytes) throws in try server.send(bytes) }
        }
    }

    @Test func contextErrorsNameTheFileAndTheProblem() throws {
        #expect(throws: TLSError.self) {
            try TLSContext(certificateChainFile: "/nonexistent/cert.pem", privateKeyFile: certificate.keyPath)
        }
        do {
            _ = try TLSContext(
                certificateChainFile: certificate.certificatePath, privateKeyFile: "/nonexistent/key.pem")
            Issue.record("expected an error")
        } catch {
            guard case .privateKeyUnreadable(let path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "/nonexistent/key.pem")
            #expect(error.description.contains("/nonexistent/key.pem"))
        }
        let otherKey = try certificate.unrelatedKeyPath()
        do {
            _ = try TLSContext(certificateChainFile: certificate.certificatePath, privateKeyFile: otherKey)
            Issue.record("expected an error")
        } catch {
            // OpenSSL may notice the mismatch while loading the key or when checking it.
            switch error {
            case .keyDoesNotMatchCertificate, .privateKeyUnreadable: break
            default: Issue.record("\(error)")
            }
        }
    }

    @Test func aTLSSessionClientAndServerTalkToEachOther() throws {
        let clientContext = try TLSContext(clientTrusting: certificate.certificatePath)
        let client = try TLSSession(context: clientContext, serverName: "127.0.0.1")
        let server = try TLSSession(context: context)
        try client.startHandshake()
        for _ in 0..<8 where !(client.isHandshakeComplete && server.isHandshakeComplete) {
            _ = try receive(server, take(client))
            _ = try receive(client, take(server))
        }
        #expect(client.isHandshakeComplete && server.isHandshakeComplete)
        try Array("ping".utf8).withUnsafeBytes { (bytes) throws in try client.send(bytes) }
        #expect(try receive(server, take(client)).0 == Array("ping".utf8))
    }
}
