import Foundation
import HeraldBroker
import HeraldGateway
import HeraldProtocol
import Synchronization
import Testing

/// The issue's end-to-end claim: 100 WebSocket subscribers on exact and wildcard
/// patterns, plus SSE subscribers, each receive exactly the events they should,
/// in order, while 10,000 events are published.
@Suite struct FanOutTests {
    static let topics = ["orders.created", "orders.paid", "chat.room-1", "chat.room-2", "metrics.cpu.host1"]
    static let patterns = ["orders.created", "orders.*", "chat.>", ">", "metrics.*.host1", "chat.room-2", "*.paid"]

    /// Ids received by one subscriber, collected on its own thread.
    final class Received: Sendable {
        let ids = Mutex<[String]>([])
        let failure = Mutex<String?>(nil)
    }

    @Test func everySubscriberGetsExactlyItsEventsInOrder() async throws {
        let server = try TestGateway(loops: 2)
        let eventCount = 10_000
        var expectations: [(pattern: String, received: Received)] = []
        var threads: [Thread] = []
        var sockets: [TestWebSocket] = []
        for index in 0..<100 {
            let pattern = Self.patterns[index % Self.patterns.count]
            let socket = try TestWebSocket(port: server.port, path: "/ws?topic=\(pattern)")
            _ = try socket.receiveJSON()  // welcome: the subscription is registered
            sockets.append(socket)
            let received = Received()
            expectations.append((pattern, received))
        }
        var streams: [TestClient] = []
        for index in 0..<4 {
            let pattern = Self.patterns[index]
            let stream = try server.client()
            try stream.write("GET /sse?topic=\(pattern) HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try stream.read(until: Array("\r\n\r\n".utf8))
            streams.append(stream)
            expectations.append((pattern, Received()))
        }
        // Wait until every SSE stream is registered with the broker (one subscription each).
        #expect(await server.eventually { server.gateway.connectionCount == 104 })

        // Work out who should get what, then read on one thread per subscriber.
        var published: [(id: String, topic: String)] = []
        let expectedCounts = Self.patterns.map { pattern in
            (0..<eventCount).filter { matches(pattern, Self.topics[$0 % Self.topics.count]) }.count
        }
        for (index, socket) in sockets.enumerated() {
            let received = expectations[index].received
            let count = expectedCounts[Self.patterns.firstIndex(of: expectations[index].pattern)!]
            threads.append(Thread { Self.readWebSocket(socket, count: count, into: received) })
        }
        for (offset, stream) in streams.enumerated() {
            let expectation = expectations[sockets.count + offset]
            let count = expectedCounts[Self.patterns.firstIndex(of: expectation.pattern)!]
            threads.append(Thread { Self.readSSE(stream, count: count, into: expectation.received) })
        }
        threads.forEach { $0.start() }

        // Publish 10,000 events: batches of 100 over one keep-alive connection.
        let publisher = try server.client()
        for batch in 0..<(eventCount / 100) {
            let items = (0..<100).map { offset -> String in
                let sequence = batch * 100 + offset
                return #"{"topic":"\#(Self.topics[sequence % Self.topics.count])","data":{"n":\#(sequence)}}"#
            }
            let response = try publisher.post("/publish", body: "[" + items.joined(separator: ",") + "]")
            try #require(response.status == 200)
            let results = try #require(TestJSON.object(response.body)?["results"] as? [[String: Any]])
            for result in results {
                published.append((result["id"] as? String ?? "", result["topic"] as? String ?? ""))
            }
        }
        #expect(published.count == eventCount)

        let finished = await server.eventually(seconds: 120) { threads.allSatisfy(\.isFinished) }
        #expect(finished, "every reader finished")
        for (pattern, received) in expectations {
            #expect(received.failure.withLock { $0 } == nil)
            let expected = published.filter { matches(pattern, $0.topic) }.map(\.id)
            let ids = received.ids.withLock { $0 }
            #expect(ids == expected, "\(pattern): got \(ids.count) of \(expected.count)")
        }
    }

    private func matches(_ pattern: String, _ topic: String) -> Bool {
        guard let pattern = try? TopicPattern(validating: pattern), let topic = try? Topic(validating: topic) else {
            return false
        }
        return pattern.matches(topic)
    }

    private static func readWebSocket(_ socket: TestWebSocket, count: Int, into received: Received) {
        do {
            while received.ids.withLock({ $0.count }) < count {
                let event = try socket.receiveJSON()
                guard let id = event["id"] as? String else { continue }
                received.ids.withLock { $0.append(id) }
            }
        } catch {
            received.failure.withLock { $0 = "\(error)" }
        }
    }

    private static func readSSE(_ stream: TestClient, count: Int, into received: Received) {
        var parser = SSEEventParser()
        do {
            while received.ids.withLock({ $0.count }) < count {
                for case .event(let event) in try parser.feed(try stream.readSome()) {
                    if let id = event.id { received.ids.withLock { $0.append(id) } }
                }
            }
        } catch {
            received.failure.withLock { $0 = "\(error)" }
        }
    }
}
