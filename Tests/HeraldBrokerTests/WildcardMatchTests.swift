import HeraldBroker
import Testing

/// NATS subject semantics: `*` is exactly one token, `>` (last) is one or more tokens.
let wildcardCases: [(pattern: String, topic: String, matches: Bool)] = [
    ("a", "a", true),
    ("a", "b", false),
    ("a.b", "a.b", true),
    ("a.b", "a", false),
    ("a", "a.b", false),
    ("a.b", "a.bc", false),
    ("a.bc", "a.b", false),
    ("*", "a", true),
    ("*", "a.b", false),
    ("a.*", "a.b", true),
    ("a.*", "a", false),
    ("a.*", "a.b.c", false),
    ("*.b", "a.b", true),
    ("*.b", "a.c", false),
    ("a.*.c", "a.b.c", true),
    ("a.*.c", "a.b.d", false),
    ("*.*", "a.b", true),
    ("*.*", "a.b.c", false),
    (">", "a", true),
    (">", "a.b.c", true),
    ("a.>", "a.b", true),
    ("a.>", "a.b.c.d", true),
    ("a.>", "a", false),
    ("a.>", "b.c", false),
    ("a.>", "ab.c", false),
    ("*.>", "a.b", true),
    ("*.>", "a", false),
    ("a.*.>", "a.b.c", true),
    ("a.*.>", "a.b", false),
    ("orders.*", "orders.created", true),
    ("chat.>", "chat.room-42.typing", true),
]

@Suite struct WildcardMatchTests {
    @Test(arguments: wildcardCases)
    func patternMatchesExactlyTheTopicsNatsWould(_ pattern: String, _ topic: String, _ matches: Bool) throws {
        #expect(try TopicPattern(validating: pattern).matches(Topic(validating: topic)) == matches)
    }

    @Test(arguments: wildcardCases)
    func trieDeliversExactlyWhenThePatternMatches(_ pattern: String, _ topic: String, _ matches: Bool) throws {
        let harness = Harness()
        try harness.subscribe(subscriber(1), pattern)
        let outcome = try harness.publish(topic)
        #expect(outcome.recipients == (matches ? 1 : 0))
        #expect(harness.log.sequences(for: subscriber(1)) == (matches ? [outcome.id.sequence] : []))
    }

    @Test func trieMatchesEveryOverlappingPatternOfDifferentConnections() throws {
        let harness = Harness()
        let patterns = ["a.b.c", "a.*.c", "a.>", "*.b.*", ">", "a.b", "a.*", "b.>"]
        for (index, pattern) in patterns.enumerated() {
            try harness.subscribe(subscriber(UInt64(index)), pattern)
        }
        let outcome = try harness.publish("a.b.c")
        #expect(outcome.recipients == 5)
        for (index, pattern) in patterns.enumerated() {
            let expected = try TopicPattern(validating: pattern).matches(Topic(validating: "a.b.c"))
            #expect(harness.log.sequences(for: subscriber(UInt64(index))).isEmpty == !expected)
        }
    }
}
