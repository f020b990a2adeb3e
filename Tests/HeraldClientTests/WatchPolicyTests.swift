import HeraldClient
import Testing

/// The pure parts of `herald watch`: backoff, resume state, the `/ws` URL.
struct WatchPolicyTests {
    /// A deterministic generator for jitter.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func backoffDoublesWithinJitterBoundsUpToTheCap() {
        var backoff = ReconnectBackoff(initialMilliseconds: 100, maxMilliseconds: 1_000)
        var random = SplitMix(state: 7)
        let steps = [100, 200, 400, 800, 1_000, 1_000, 1_000]
        for step in steps {
            #expect(backoff.currentStepMilliseconds == step)
            let delay = backoff.nextDelayMilliseconds(using: &random)
            #expect((step / 2...step).contains(delay))
        }
        #expect(backoff.failures == steps.count)
    }

    @Test func backoffJitterSpreadsClients() {
        var random = SplitMix(state: 1)
        let delays = Set(
            (0..<50).map { _ in
                var backoff = ReconnectBackoff(initialMilliseconds: 1_000, maxMilliseconds: 1_000)
                return backoff.nextDelayMilliseconds(using: &random)
            })
        #expect(delays.count > 10)
    }

    @Test func backoffResetsAfterAConnection() {
        var backoff = ReconnectBackoff()
        var random = SplitMix(state: 3)
        for _ in 0..<5 { _ = backoff.nextDelayMilliseconds(using: &random) }
        backoff.reset()
        #expect(backoff.currentStepMilliseconds == 250)
    }

    @Test func resumeStartsFromSinceThenFromTheLastPrintedID() {
        var resume = ResumeState(initialSince: "earliest")
        #expect(resume.since == "earliest")
        resume.printed(id: "a-1")
        resume.printed(id: "a-2")
        #expect(resume.since == "a-2")
        var fresh = ResumeState(initialSince: nil)
        #expect(fresh.since == nil)
        fresh.printed(id: "b-9")
        #expect(fresh.since == "b-9")
    }

    @Test func aWatchThatPrintedNothingResumesFromTheFirstWelcomesPosition() {
        var quiet = ResumeState(initialSince: nil)
        quiet.welcomed(position: "e-3")
        #expect(quiet.since == "e-3")
        // The next connection asked for a replay from e-3: its welcome must not move that.
        quiet.welcomed(position: "e-9")
        #expect(quiet.since == "e-3")
        quiet.printed(id: "e-4")
        #expect(quiet.since == "e-4")
        var asked = ResumeState(initialSince: "earliest")
        asked.welcomed(position: "e-3")
        #expect(asked.since == "earliest")
    }

    @Test func theWebSocketURLSubscribesToEveryPatternWithSince() throws {
        var settings = WatchSettings(
            server: try WatchSettings.parseBaseURL("http://127.0.0.1:9000"), patterns: ["orders.*", "chat.>"])
        settings.filter = "data.n > 1"
        let url = settings.webSocketURL(since: "k3f9-1042")
        #expect(url.host == "127.0.0.1" && url.port == 9000)
        #expect(url.target == "/ws?topic=orders.%2A&topic=chat.%3E&filter=data.n%20%3E%201&since=k3f9-1042")
        let plain = WatchSettings(server: try WatchSettings.parseBaseURL("http://[::1]:8080/herald/"), patterns: ["a"])
        #expect(plain.webSocketURL(since: nil).target == "/herald/ws?topic=a")
    }

    @Test func tlsBaseURLsAreTakenAndTheWebSocketURLFollowsThem() throws {
        let secure = try WatchSettings.parseBaseURL("wss://127.0.0.1:8443")
        #expect(secure.scheme == .https && secure.port == 8443)
        #expect(try WatchSettings.parseBaseURL("HTTPS://127.0.0.1").port == 443)
        let settings = WatchSettings(server: secure, patterns: ["a"])
        #expect(settings.webSocketURL(since: nil).description == "wss://127.0.0.1:8443/ws?topic=a")
        let plain = WatchSettings(server: try WatchSettings.parseBaseURL("http://127.0.0.1:8080"), patterns: ["a"])
        #expect(plain.webSocketURL(since: nil).description == "ws://127.0.0.1:8080/ws?topic=a")
        #expect(throws: ClientError.self) { try WatchSettings.parseBaseURL("https://example.com") }
    }

    @Test(arguments: ["127.0.0.1:8080", "ftp://x", "http://h:99999", "http://h:1/x?y=1", "http://example.com"])
    func badBaseURLsAreRefused(url: String) {
        #expect(throws: ClientError.self) { try WatchSettings.parseBaseURL(url) }
    }
}
