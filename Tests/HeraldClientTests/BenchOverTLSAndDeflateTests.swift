import HeraldClient
import HeraldTestSupport
import HeraldTLS
import Testing

/// `herald bench` end to end against a real gateway: wss:// and https:// through
/// the client's TLS transport, permessage-deflate through its inflater.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct BenchOverTLSAndDeflateTests {
    private func fanout(
        _ gateway: LocalGateway, secure: Bool, deflate: Bool, trust: TLSContextTrust = .certificate
    ) async throws -> FanoutReport {
        var configuration = FanoutBenchmark.Configuration()
        let web = secure ? "wss" : "ws"
        let http = secure ? "https" : "http"
        configuration.subscribeURL = URLTemplate("\(web)://127.0.0.1:\(gateway.port)/ws?topic={topic}&format=raw")
        configuration.publishURL = URLTemplate("\(http)://127.0.0.1:\(gateway.port)/publish/{topic}")
        configuration.subscribers = 4
        configuration.ratePerSecond = 100
        configuration.messageBytes = 1024
        configuration.durationSeconds = 0.5
        configuration.settings.drainSeconds = 10
        configuration.settings.offerDeflate = deflate
        configuration.settings.tlsTrust = try await trust.resolve()
        return try FanoutBenchmark.run(configuration) { _ in }
    }

    @Test func fanoutOverWSSAndHTTPSWithDeflateDeliversEveryEventCompressedOnTheWire() async throws {
        let gateway = try LocalGateway(certificate: try await TestCertificate.shared())
        let report = try await fanout(gateway, secure: true, deflate: true)
        #expect(report.published > 0 && report.publishFailed == 0)
        #expect(report.delivered == report.expected && report.lost == 0 && report.excess == 0)
        #expect(report.deflateSubscribers == 4)
        // Every delivery inflated back to its 1 KiB (the timestamp was found in it), while
        // fewer bytes than that crossed the wire, TLS records included.
        let perDelivery = try #require(report.wireBytesPerDelivery)
        #expect(perDelivery < 1024)
        #expect(report.lostConnections == 0 && report.firstError == nil)
    }

    @Test func uncompressedFanoutReadsAtLeastTheMessageSizePerDelivery() async throws {
        let gateway = try LocalGateway()
        let report = try await fanout(gateway, secure: false, deflate: false)
        #expect(report.delivered == report.expected && report.delivered > 0)
        #expect(report.deflateSubscribers == 0)
        #expect(try #require(report.wireBytesPerDelivery) >= 1024)
    }

    @Test func connectBenchmarkCompletesTLSHandshakesOverAndOver() async throws {
        let certificate = try await TestCertificate.shared()
        let gateway = try LocalGateway(certificate: certificate)
        var configuration = ConnectBenchmark.Configuration(
            url: try EndpointURL("wss://127.0.0.1:\(gateway.port)/ws?topic=churn&format=raw"))
        configuration.concurrency = 4
        configuration.durationSeconds = 2
        configuration.settings.tlsTrust = .certificatesIn(certificate.certificatePath)
        let report = try ConnectBenchmark.run(configuration) { _ in }
        #expect(report.handshakes > 0)
        #expect(report.failed == 0 && report.firstError == nil)
    }

    @Test func aServerTheClientDoesNotTrustFailsWithATLSErrorNamingTheAddress() async throws {
        let gateway = try LocalGateway(certificate: try await TestCertificate.shared())
        var configuration = ConnectBenchmark.Configuration(
            url: try EndpointURL("wss://127.0.0.1:\(gateway.port)/ws?topic=a"))
        configuration.concurrency = 1
        configuration.settings.tlsTrust = .systemStore  // the self-signed certificate is in no system store
        #expect {
            _ = try ConnectBenchmark.run(configuration) { _ in }
        } throws: { error in
            "\(error)".contains("TLS with 127.0.0.1:\(gateway.port) failed") && "\(error)".contains("certificate")
        }
    }

    @Test func insecureTrustSkipsVerification() async throws {
        let gateway = try LocalGateway(certificate: try await TestCertificate.shared())
        let report = try await fanout(gateway, secure: true, deflate: false, trust: .nobody)
        #expect(report.delivered == report.expected && report.delivered > 0)
    }
}

/// Which trust a test asks for; the certificate is made lazily (it is shared per process).
enum TLSContextTrust {
    case certificate, nobody

    func resolve() async throws -> TLSContext.ClientTrust {
        switch self {
        case .certificate: .certificatesIn(try await TestCertificate.shared().certificatePath)
        case .nobody: .nobody
        }
    }
}
