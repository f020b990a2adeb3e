import HeraldBroker
import Testing

@Suite struct TopicSyntaxTests {
    @Test(arguments: [
        "orders", "orders.created", "chat.room-42", "a.b.c.d.e", "UPPER.lower", "ünïcode.ok",
        "x_y:z/w", String(repeating: "a", count: 255), String(repeating: "a.", count: 127) + "a",
    ])
    func validNamesAreAccepted(_ name: String) throws {
        #expect(try Topic(validating: name).name == name)
    }

    @Test(arguments: [
        ("", BrokerError.topicEmpty),
        (String(repeating: "a", count: 256), .topicTooLong(byteCount: 256)),
        (String(repeating: "é", count: 128), .topicTooLong(byteCount: 256)),
        (".a", .topicEmptyToken(tokenIndex: 1)),
        ("a.", .topicEmptyToken(tokenIndex: 2)),
        ("a..b", .topicEmptyToken(tokenIndex: 2)),
        (".", .topicEmptyToken(tokenIndex: 1)),
        ("a b", .topicInvalidCharacter(byteOffset: 1)),
        ("a.\tb", .topicInvalidCharacter(byteOffset: 2)),
        ("a\n", .topicInvalidCharacter(byteOffset: 1)),
        ("a\u{0}", .topicInvalidCharacter(byteOffset: 1)),
        ("a\u{7F}", .topicInvalidCharacter(byteOffset: 1)),
        ("é\u{00A0}", .topicInvalidCharacter(byteOffset: 2)),
        ("a\u{3000}b", .topicInvalidCharacter(byteOffset: 1)),
        ("*", .topicWildcardInName(tokenIndex: 1)),
        ("a.>", .topicWildcardInName(tokenIndex: 2)),
        ("a.b*", .topicWildcardInName(tokenIndex: 2)),
        ("a>b.c", .topicWildcardInName(tokenIndex: 1)),
    ])
    func invalidNamesAreRefusedWithTheReason(_ name: String, _ expected: BrokerError) {
        #expect(throws: expected) { try Topic(validating: name) }
        #expect(expected.code == "bad_topic")
    }

    @Test(arguments: [
        ("orders", false), ("orders.*", true), ("chat.>", true), (">", true), ("*", true),
        ("*.*.x", true), ("a.*.c.>", true), ("a.b", false),
    ])
    func validPatternsAreAcceptedAndKnowTheirWildcards(_ text: String, _ hasWildcards: Bool) throws {
        let pattern = try TopicPattern(validating: text)
        #expect(pattern.text == text)
        #expect(pattern.hasWildcards == hasWildcards)
    }

    @Test(arguments: [
        ("", BrokerError.topicEmpty),
        (String(repeating: "*.", count: 128), .topicTooLong(byteCount: 256)),
        ("a..*", .topicEmptyToken(tokenIndex: 2)),
        ("a.*.", .topicEmptyToken(tokenIndex: 3)),
        ("a .*", .topicInvalidCharacter(byteOffset: 1)),
        (">.a", .patternFullWildcardNotLast(tokenIndex: 1)),
        ("a.>.b", .patternFullWildcardNotLast(tokenIndex: 2)),
        ("a.>.>", .patternFullWildcardNotLast(tokenIndex: 2)),
        ("a*", .patternWildcardInsideToken(tokenIndex: 1)),
        ("a.**", .patternWildcardInsideToken(tokenIndex: 2)),
        ("a.*>", .patternWildcardInsideToken(tokenIndex: 2)),
        ("a.b>", .patternWildcardInsideToken(tokenIndex: 2)),
    ])
    func invalidPatternsAreRefusedWithTheReason(_ text: String, _ expected: BrokerError) {
        #expect(throws: expected) { try TopicPattern(validating: text) }
    }

    @Test func errorMessagesNameTheProblemWithoutEchoingInput() {
        let error = BrokerError.topicEmptyToken(tokenIndex: 3)
        #expect(error.code == "bad_topic")
        #expect(error.message.contains("token 3"))
        #expect(BrokerError.sinceNotIssued.code == "bad_since")
        #expect(BrokerError.sinceMalformed.code == "bad_since")
        #expect(BrokerError.idempotencyKeyInvalid.code == "bad_request")
    }
}
