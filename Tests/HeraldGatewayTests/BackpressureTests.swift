import Foundation
import HeraldGateway
import HeraldProtocol
import Synchronization
import Testing

/// A stalled reader among 100 fast readers: the fast ones get every event, and the
/// stalled one is handled by the configured policy, never silently.
@Suite struct BackpressureTests {
    static let eventCount = 600
    static let fastReaders = 100

    final class Progress: Sendable {
        let count = Mutex(0)
        let failure = Mutex<String?>(nil)
    }

    /// Publishes in batches of 50, letting the fast readers keep within two batches (the
    /// test's readers are debug-build threads; the stalled one never reads at all).
    private func publishAll(_ server: TestGateway, pacedBy progress: [Progress]) async throws -> [String] {
        let publisher = try server.client()
        let filler = String(repeating: "x", count: 2000)
        var ids: [String] = []
        for batch in 0..<(Self.eventCount / 50) {
            let floor = (batch - 1) * 50
            #expect(await server.eventually(seconds: 120) { progress.allSatisfy { $0.count.withLock { $0 } >= floor } })
            let items = (0..<50).map { #"{"topic":"feed","data":{"n":\#(batch * 50 + $0),"p":"\#(filler)"}}"# }
            let response = try publisher.post("/publish", body: "[" + items.joined(separator: ",") + "]")
            try #require(response.status == 200)
            let results = try #require(TestJSON.object(response.body)?["results"] as? [[String: Any]])
            ids += results.compactMap { $0["id"] as? String }
        }
        return ids
    }

    /// Starts the fast readers, the stalled one, publishes, and checks the fast readers.
    private func run(policy: String) async throws -> (server: TestGateway, stalled: TestWebSocket, ids: [String]) {
        let server = try TestGateway {
            $0.outbound.maxBytes = 512 * 1024
            $0.outbound.socketSendBufferBytes = 16 * 1024
            $0.outbound.policy = SlowConsumerPolicy(rawValue: policy) ?? .disconnect
            // The stalled reader reads only at the end: keep its close frame waiting that long.
            $0.webSocket.closeTimeoutSeconds = 120
            $0.outbound.writeTimeoutSeconds = 120
        }
        let stalled = try TestWebSocket(port: server.port, path: "/ws?topic=feed", receiveBufferBytes: 4096)
        var threads: [Thread] = []
        var progress: [Progress] = []
        for _ in 0..<Self.fastReaders {
            let socket = try TestWebSocket(port: server.port, path: "/ws?topic=feed")
            _ = try socket.receiveJSON()
            let seen = Progress()
            progress.append(seen)
            threads.append(Thread {
                do {
                    while seen.count.withLock({ $0 }) < Self.eventCount {
                        guard case .text(let frame) = try socket.receive() else { continue }
                        if frame.starts(with: Array(#"{"type":"event""#.utf8)) { seen.count.withLock { $0 += 1 } }
                    }
                } catch {
                    seen.failure.withLock { $0 = "\(error)" }
                }
            })
        }
        threads.forEach { $0.start() }
        let ids = try await publishAll(server, pacedBy: progress)
        #expect(await server.eventually(seconds: 60) { threads.allSatisfy(\.isFinished) })
        for seen in progress {
            #expect(seen.failure.withLock { $0 } == nil)
            #expect(seen.count.withLock { $0 } == Self.eventCount)
        }
        return (server, stalled, ids)
    }

    @Test func underDisconnectTheStalledReaderIsClosedWith1013() async throws {
        let (server, stalled, _) = try await run(policy: "disconnect")
        let close = try stalled.receiveClose()
        #expect(close.code == 1013)
        #expect(close.reason == "slow consumer")
        let stats = try #require(TestJSON.object(try server.client().get("/api/stats").body))
        #expect(stats["slow_consumer_closes"] as? Int == 1)
    }

    @Test(arguments: ["drop_newest", "drop_oldest"])
    func underADropPolicyTheStalledReaderLearnsExactlyWhatItMissed(policy: String) async throws {
        let (server, stalled, ids) = try await run(policy: policy)
        var next = 0  // index into ids of the next event the stream must account for
        var notices: [(count: Int, firstID: String)] = []
        while next < ids.count {
            let message = try stalled.receiveJSON()
            switch message["type"] as? String {
            case "event":
                #expect(message["id"] as? String == ids[next], "events arrive in order with no silent hole")
                next += 1
            case "dropped":
                let count = try #require(message["count"] as? Int)
                let first = try #require(message["first_id"] as? String)
                #expect(first == ids[next], "first_id names the first event missed")
                notices.append((count, first))
                next += count
            default:
                continue
            }
        }
        #expect(next == ids.count)
        #expect(!notices.isEmpty, "the stalled reader overflowed")
        // The first hole refills exactly from history.
        let hole = try #require(notices.first)
        let start = try #require(ids.firstIndex(of: hole.firstID))
        let since = start > 0 ? "since=\(ids[start - 1])&" : ""
        let history = try server.client().get("/api/topics/feed/history?\(since)limit=\(min(hole.count, 1000))")
        let refilled = try #require(TestJSON.object(history.body)?["events"] as? [[String: Any]])
        #expect(refilled.compactMap { $0["id"] as? String } == Array(ids[start..<start + min(hole.count, 1000)]))
        let stats = try #require(TestJSON.object(try server.client().get("/api/stats").body))
        #expect((stats["events"] as? [String: Any])?["dropped"] as? Int == notices.reduce(0) { $0 + $1.count })
    }
}

@Suite struct WriteTimeoutTests {
    @Test func aSocketThatTakesNothingForTheWriteTimeoutIsClosedAsASlowConsumer() async throws {
        let server = try TestGateway {
            $0.outbound.policy = .dropOldest  // so only the write deadline can close it
            $0.outbound.writeTimeoutSeconds = 0.5
            $0.outbound.socketSendBufferBytes = 16 * 1024
            // Keep the 1013 close frame waiting for the reader however loaded the machine is.
            $0.webSocket.closeTimeoutSeconds = 120
        }
        let stalled = try TestWebSocket(port: server.port, path: "/ws?topic=w", receiveBufferBytes: 4096)
        _ = try stalled.receiveJSON()
        let publisher = try server.client()
        let filler = String(repeating: "y", count: 4000)
        for _ in 0..<4 {
            let items = (0..<50).map { #"{"topic":"w","data":{"n":\#($0),"p":"\#(filler)"}}"# }
            #expect(try publisher.post("/publish", body: "[" + items.joined(separator: ",") + "]").status == 200)
        }
        let closed = await server.eventually {
            let stats = (try? server.client().get("/api/stats")).flatMap { TestJSON.object($0.body) }
            return (stats?["closes"] as? [String: Any])?["write_timeout"] as? Int == 1
        }
        #expect(closed)
        let close = try stalled.receiveClose()
        #expect(close.code == 1013)
    }
}
