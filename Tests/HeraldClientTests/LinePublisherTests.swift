import HeraldClient
import HeraldProtocol
import Testing

@Suite(.timeLimit(.minutes(1)))
struct LinePublisherTests {
    private let publisher = LinePublisher(server: try! EndpointURL("http://127.0.0.1:1"), topic: "logs.app")

    @Test func aLineIsEmbeddedAsJSONWhenItParsesElseAsAString() throws {
        let json = try JSONDocument.parse(publisher.item(line: #"{"level":"info"}"#, index: 0))
        #expect(json["topic"]?.stringValue == "logs.app")
        #expect(json["data"]?["level"]?.stringValue == "info")
        let text = try JSONDocument.parse(publisher.item(line: #"plain "quoted" text"#, index: 1))
        #expect(text["data"]?.stringValue == #"plain "quoted" text"#)
        let number = try JSONDocument.parse(publisher.item(line: "42", index: 2))
        #expect(number["data"]?.intValue == 42)
    }

    @Test func typeAndIdempotencyKeysGoOnEveryItem() throws {
        var publisher = publisher
        publisher.eventType = "log"
        publisher.idempotencyKey = "run-7"
        let item = try JSONDocument.parse(publisher.item(line: "x", index: 3))
        #expect(item["event_type"]?.stringValue == "log")
        #expect(item["idempotency_key"]?.stringValue == "run-7-3")
    }

    @Test func batchesHoldAtMostAThousandItemsAndSkipEmptyLines() throws {
        let lines = (0..<2_500).flatMap { ["line \($0)", ""] }.map { Substring($0) }
        let batches = publisher.batches(lines)
        let counts = try batches.map { try JSONDocument.parse($0).arrayValue?.count }
        #expect(counts == [1_000, 1_000, 500])
    }

    @Test func batchesStayUnderTheByteLimit() throws {
        let big = String(repeating: "x", count: 100 * 1024)
        let batches = publisher.batches(Array(repeating: Substring(big), count: 25))
        #expect(batches.allSatisfy { $0.count <= LinePublisher.maxBatchBytes })
        #expect(try batches.map { try JSONDocument.parse($0).arrayValue?.count ?? 0 }.reduce(0, +) == 25)
    }

    @Test func tenThousandLinesDeliverTenThousandEvents() async throws {
        let gateway = try LocalGateway()
        let run = try WatchRun(WatchSettings(server: gateway.baseURL, patterns: ["bulk.lines"]), format: .raw)
        #expect(await eventually { run.output.connections.count == 1 })
        var publisher = LinePublisher(server: gateway.baseURL, topic: "bulk.lines")
        publisher.eventType = "line"
        let lines = (0..<10_000).map { Substring($0 % 2 == 0 ? #"{"n":\#($0)}"# : "text \($0)") }
        var ids: [String] = []
        try publisher.publish(lines) { ids.append($0) }
        #expect(ids.count == 10_000)
        #expect(Set(ids).count == 10_000)
        let topics = try gateway.get("/api/topics")
        #expect(topics.contains(#""topic":"bulk.lines""#) && topics.contains(#""published":10000"#))
        #expect(await eventually(seconds: 20) { run.output.events.count == 10_000 })
        #expect(try run.finish().get() == .stopped)
        let printed = run.output.events
        #expect(printed.first == #"{"n":0}"# && printed[1] == "text 1" && printed.last == "text 9999")
    }

    @Test func aRefusedBatchReportsTheServersError() async throws {
        let gateway = try LocalGateway()
        let publisher = LinePublisher(server: gateway.baseURL, topic: "bad..topic")
        #expect {
            try publisher.publish(["x"]) { _ in }
        } throws: { error in
            guard case ClientError.refused(400, let code, let message) = error else { return false }
            return code == "bad_topic" && !message.isEmpty
        }
    }
}
