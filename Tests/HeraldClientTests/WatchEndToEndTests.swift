import Foundation
import HeraldClient
import HeraldProtocol
import HeraldTestSupport
import Testing

/// `herald watch`'s engine against a real gateway in this process.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct WatchEndToEndTests {
    private func settings(_ gateway: LocalGateway, _ patterns: [String] = ["demo.>"]) -> WatchSettings {
        WatchSettings(server: gateway.baseURL, patterns: patterns)
    }

    @Test func watchPrintsExactlyThePublishedEventsInOrder() async throws {
        let gateway = try LocalGateway()
        var settings = settings(gateway)
        settings.count = 5
        let run = try WatchRun(settings)
        #expect(await eventually { run.output.connections.count == 1 })
        var ids: [String] = []
        for index in 0..<5 { ids.append(try gateway.publish("demo.t\(index % 2)", #"{"n":\#(index)}"#)) }
        _ = try gateway.publish("other.topic", "not for us")
        #expect(try run.join().get() == .countReached)
        let envelopes = try run.output.events.map { try JSONDocument.parse($0) }
        #expect(envelopes.map { $0["id"]?.stringValue } == ids)
        #expect(envelopes.map { $0["data"]?["n"]?.intValue } == [0, 1, 2, 3, 4])
        #expect(envelopes.map { $0["topic"]?.stringValue } == ["demo.t0", "demo.t1", "demo.t0", "demo.t1", "demo.t0"])
    }

    @Test func watchesAndPublishesOverTLS() async throws {
        let gateway = try LocalGateway(certificate: try await TestCertificate.shared())
        #expect(gateway.baseURL.scheme == .https)
        #expect(try gateway.get("/healthz").contains("ok"))
        var settings = settings(gateway)
        settings.tlsTrust = gateway.trust
        settings.count = 3
        let run = try WatchRun(settings)
        #expect(await eventually { run.output.connections.count == 1 })
        let ids = try (0..<3).map { try gateway.publish("demo.tls", #"{"n":\#($0)}"#) }
        #expect(try run.join().get() == .countReached)
        #expect(try run.output.events.map { try JSONDocument.parse($0)["id"]?.stringValue } == ids)
        let urls = run.output.notices.compactMap { if case .connected(let url, _) = $0 { url } else { nil } }
        #expect(urls.first?.hasPrefix("wss://127.0.0.1:\(gateway.port)/ws?") == true)
    }

    @Test func aGatewayWhoseCertificateIsNotTrustedEndsTheWatchAtOnce() async throws {
        let gateway = try LocalGateway(certificate: try await TestCertificate.shared())
        let run = try WatchRun(settings(gateway))  // trusts the system store only
        #expect {
            try run.join().get()
        } throws: { error in
            "\(error)".contains("TLS with 127.0.0.1:\(gateway.port) failed")
        }
    }

    @Test func aLaterWatchResumesAfterTheLastPrintedIDWithNoDuplicate() async throws {
        let gateway = try LocalGateway()
        var first = settings(gateway)
        first.count = 2
        let run = try WatchRun(first)
        #expect(await eventually { run.output.connections.count == 1 })
        let ids = try (0..<2).map { try gateway.publish("demo.a", #"{"n":\#($0)}"#) }
        #expect(try run.join().get() == .countReached)
        // Published while nobody watched, in the same epoch.
        let missed = try (2..<4).map { try gateway.publish("demo.a", #"{"n":\#($0)}"#) }

        var second = settings(gateway)
        second.since = ids.last
        second.count = 2
        let resumed = try WatchRun(second)
        #expect(try resumed.join().get() == .countReached)
        let printed = try resumed.output.events.map { try JSONDocument.parse($0)["id"]?.stringValue }
        #expect(printed == missed)
        #expect(!resumed.output.notices.contains { if case .gap = $0 { true } else { false } })
    }

    @Test func reconnectsToARestartedGatewayOnTheSamePortResumingFromTheLastIDAndReportsTheGap() async throws {
        var gateway: LocalGateway? = try LocalGateway()
        let port = gateway!.port
        let run = try WatchRun(settings(gateway!))
        #expect(await eventually { run.output.connections.count == 1 })
        let ids = try (0..<3).map { try gateway!.publish("demo.a", #"{"n":\#($0)}"#) }
        #expect(await eventually { run.output.events.count == 3 })

        gateway!.stop()
        gateway = nil
        #expect(await eventually { run.output.notices.contains { if case .disconnected = $0 { true } else { false } } })
        let restarted = try LocalGateway(port: port)
        #expect(await eventually { run.output.connections.count == 2 })
        // The reconnect subscribed with since = the last id printed.
        #expect(run.output.connections == [nil, ids.last])
        // That id is from the old epoch: the new gateway says what was lost.
        #expect(
            await eventually {
                run.output.notices.contains {
                    if case .gap(let pattern, let since, _) = $0 {
                        pattern == "demo.>" && since == ids.last
                    } else {
                        false
                    }
                }
            })
        let later = try restarted.publish("demo.b", #""after restart""#)
        #expect(await eventually { run.output.events.count == 4 })
        #expect(try run.finish().get() == .stopped)
        let printed = try run.output.events.map { try JSONDocument.parse($0)["id"]?.stringValue }
        #expect(printed == ids + [later])
    }

    @Test(arguments: [
        (["bad..topic"], nil as String?, "bad_topic"),
        (["demo.a"], "data.n >", "bad_filter"),
    ])
    func aRefusedSubscriptionEndsWithTheServersMessage(patterns: [String], filter: String?, code: String) async throws {
        let gateway = try LocalGateway()
        var settings = settings(gateway, patterns)
        settings.filter = filter
        let run = try WatchRun(settings)
        guard case .failure(.refused(let status, let refusedCode, let message)) = run.join() else {
            Issue.record("expected a refusal")
            return
        }
        #expect(status == 400)
        #expect(refusedCode == code)
        #expect(!message.isEmpty)
    }

    @Test func anUnreachableGatewayIsRetriedThenGivenUpAfterTheTimeout() async throws {
        let gateway = try LocalGateway()
        let url = gateway.baseURL
        gateway.stop()
        var settings = WatchSettings(server: url, patterns: ["demo.a"])
        settings.timeoutSeconds = 0.5
        let run = try WatchRun(settings)
        #expect(try run.join().get() == .timedOut)
        let notices = run.output.notices
        #expect(notices.count >= 2)
        #expect(notices.dropLast().allSatisfy { if case .disconnected = $0 { true } else { false } })
        #expect(notices.last.map { "\($0)" }?.contains("giving up") == true)
        #expect(notices.first.map { "\($0)" }?.contains("cannot reach the gateway") == true)
    }

    @Test func theTimeoutCountsFromTheLastConnection() async throws {
        let gateway = try LocalGateway()
        var settings = settings(gateway)
        settings.timeoutSeconds = 0.3
        let run = try WatchRun(settings)
        #expect(await eventually { run.output.connections.count == 1 })
        // Connected for longer than the timeout: that is no reason to stop.
        try await Task.sleep(for: .milliseconds(500))
        gateway.stop()
        #expect(try run.join().get() == .timedOut)
        #expect(
            run.output.notices.contains {
                if case .disconnected = $0 { true } else { false }
            })
    }

    @Test func stoppingEndsAWatchThatWaitsForEvents() async throws {
        let gateway = try LocalGateway()
        let run = try WatchRun(settings(gateway))
        #expect(await eventually { run.output.connections.count == 1 })
        #expect(try run.finish().get() == .stopped)
    }
}
