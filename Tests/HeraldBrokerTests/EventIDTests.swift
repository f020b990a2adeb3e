import HeraldBroker
import Testing

@Suite struct EventIDTests {
    @Test(arguments: [
        ("k3f9-1042", "k3f9", UInt64(1042)),
        ("a-0", "a", 0),
        ("abc123-1", "abc123", 1),
        ("0123456789abcdef-18446744073709551615", "0123456789abcdef", .max),
    ])
    func wellFormedIDsParseAndPrintBack(_ text: String, _ epoch: String, _ sequence: UInt64) throws {
        let id = try EventID(parsing: text)
        #expect(id.epoch.text == epoch)
        #expect(id.sequence == sequence)
        #expect(id.description == text)
    }

    @Test(arguments: [
        "", "-", "k3f9", "k3f9-", "-12", "K3F9-12", "k3f9-+12", "k3f9--12", "k3f9-012", "k3f9-1x",
        "k3f9-12-3", "k3f9 -12", "k3f9-1 ", " k3f9-1", "k3f9-18446744073709551616",
        "k3f9-99999999999999999999", "0123456789abcdefg-1", "é-1", "k3f9-１", "earliest",
        String(repeating: "9", count: 1_000),
    ])
    func malformedIDsAreRefusedAsBadSince(_ text: String) {
        #expect(throws: BrokerError.sinceMalformed) { try EventID(parsing: text) }
    }

    @Test func resumePointParsesEarliestAndIDs() throws {
        #expect(try ResumePoint(parsing: "earliest") == .earliest)
        #expect(try ResumePoint(parsing: "k3f9-7") == .after(EventID(parsing: "k3f9-7")))
        #expect(throws: BrokerError.sinceMalformed) { try ResumePoint(parsing: "Earliest") }
    }

    @Test func drawnEpochsAreSixBase36CharactersAndDiffer() {
        let epochs = (0..<50).map { _ in Epoch.random() }
        for epoch in epochs {
            #expect(epoch.text.utf8.count == Epoch.drawnLength)
            #expect(Epoch(epoch.text) == epoch)
        }
        #expect(Set(epochs).count > 45)
    }

    @Test func epochsDrawnFromTheSameSeedAreEqual() {
        var first = SplitMix(seed: 42)
        var second = SplitMix(seed: 42)
        #expect(Epoch.random(using: &first) == Epoch.random(using: &second))
    }

    @Test func idsAreStrictlyIncreasingAcrossTopics() throws {
        let harness = Harness()
        var previous: UInt64 = 0
        for index in 0..<100 {
            let outcome = try harness.publish("topic.\(index % 7)")
            #expect(outcome.id.epoch == harness.broker.epoch)
            #expect(outcome.id.sequence == previous + 1)
            previous = outcome.id.sequence
        }
        #expect(harness.broker.newestID == harness.id(100))
    }
}

/// A tiny deterministic generator for reproducible draws.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
