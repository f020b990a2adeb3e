import HeraldFilter
import Testing

/// Random input never crashes: filter text either compiles or throws, payloads of any bytes give
/// an event, and one event can be shared by concurrent evaluations.
@Suite struct RobustnessTests {
    private static let alphabet = Array("data.topic event_type id has( ) [ ] , ' \" \\ u 0 1 9 - e . == != < <= > >= && || ! in true null x é".utf8)

    @Test func randomFilterTextCompilesOrThrows() {
        var random = SeededGenerator(state: 42)
        let event = FilterEvent(topic: "a.b", eventType: "t", id: "1", data: Array(#"{"x": [1, "s"], "y": {"z": null}}"#.utf8))
        var compiled = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &random)
            var bytes = (0..<length).map { _ in Self.alphabet.randomElement(using: &random)! }
            while !bytes.isEmpty, String(validating: bytes, as: UTF8.self) == nil { bytes.removeLast() }
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            if let filter = try? Filter.compile(text) {
                compiled += 1
                _ = filter.matches(event)
                #expect((try? Filter.compile(filter.text)) == filter, "\(text) -> \(filter.text)")
            }
        }
        #expect(compiled > 0)
    }

    @Test func randomPayloadBytesNeverCrash() throws {
        var random = SeededGenerator(state: 7)
        let filter = try Filter.compile("data.a == 1 || has(data.b[0]) || 'x' in data.c || data.d.contains('q')")
        let pieces = Array(#"{}[],:"\ abcdq01-.eE+truefalsenull\u00"#.utf8)
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            _ = filter.matches(FilterEvent(topic: "t", eventType: nil, id: "1", data: bytes))
        }
    }

    @Test func deepPayloadsAndFiltersAreBounded() throws {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let event = FilterEvent(topic: "t", eventType: nil, id: "1", data: Array(deep.utf8))
        #expect(try !Filter.compile("has(data)").matches(event))  // deeper than the reader accepts: not JSON
        let wide = "[" + (0..<2_000).map { "{\"k\":\($0)}" }.joined(separator: ",") + "]"
        let wideEvent = FilterEvent(topic: "t", eventType: nil, id: "1", data: Array(wide.utf8))
        #expect(try Filter.compile("data[1999].k == 1999").matches(wideEvent))
    }

    @Test func oneEventIsSharedByConcurrentEvaluations() async throws {
        let event = FilterEvent(topic: "t", eventType: nil, id: "1", data: Array(#"{"n": 5, "s": "abc"}"#.utf8))
        let filters = try (0..<100).map { try Filter.compile("data.n > \($0 % 10) && data.s.startsWith('ab')") }
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<100).reduce(0) { sum, _ in sum + filters.filter { $0.matches(event) }.count } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [5_000, 5_000, 5_000, 5_000])
    }
}
