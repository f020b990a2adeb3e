import HeraldProtocol
import Testing

@Suite struct SSEEventParserTests {
    private static func parse(_ text: String) throws(SSEParseError) -> [SSEMessage] {
        var parser = SSEEventParser()
        return try parser.feed(Array(text.utf8))
    }

    private static func event(id: String? = nil, event: String? = nil, _ data: String) -> SSEMessage {
        .event(SSEEvent(id: id, event: event, data: data))
    }

    @Test func joinsDataLinesWithLineFeeds() throws {
        // WHATWG HTML §9.2.7, first example.
        #expect(try Self.parse("data: YHOO\ndata: +2\ndata: 10\n\n") == [Self.event("YHOO\n+2\n10")])
    }

    @Test func followsTheWHATWGExampleWithCommentsAndIds() throws {
        let stream = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"
        #expect(
            try Self.parse(stream) == [
                .comment("test stream"), Self.event(id: "1", "first event"), Self.event("second event"),
                Self.event(" third event"),
            ])
    }

    @Test func dispatchesEmptyDataButNotBlocksWithoutDataOrCutOffAtTheEnd() throws {
        #expect(try Self.parse("data\n\ndata\ndata\n\ndata:") == [Self.event(""), Self.event("\n")])
        #expect(try Self.parse("event: x\n\nid: 5\n\n\n\ndata: y\n\n") == [Self.event(id: "5", "y")])
    }

    @Test(arguments: ["\n", "\r", "\r\n"])
    func acceptsEachKindOfLineEnding(lineEnd: String) throws {
        let stream = ["id: 7", "event: gap", "data: a", "data: b", "", ": ping", ""].joined(separator: lineEnd)
        #expect(try Self.parse(stream) == [Self.event(id: "7", event: "gap", "a\nb"), .comment("ping")])
    }

    @Test func readsRetryOnlyWhenAllDigits() throws {
        #expect(
            try Self.parse("retry: 1500\nretry: 15x\nretry:\nretry: -1\nretry:20\n") == [
                .retry(milliseconds: 1500), .retry(milliseconds: 20),
            ])
    }

    @Test func ignoresUnknownFieldsIdsWithNULAndALeadingByteOrderMark() throws {
        let stream = "\u{FEFF}id: 1\nfoo: bar\ndata: x\n\nid: 2\u{0}\ndata: y\n\n\u{FEFF}data: z\n\n"
        #expect(try Self.parse(stream) == [Self.event(id: "1", "x"), Self.event(id: "1", "y")])
    }

    @Test func resetsTheLastEventIDWithAnEmptyID() throws {
        var parser = SSEEventParser()
        #expect(
            try parser.feed(Array("id: 9\ndata: a\n\nid:\ndata: b\n\n".utf8)) == [
                Self.event(id: "9", "a"), Self.event("b"),
            ])
        #expect(parser.lastEventID == nil)
    }

    @Test func refusesAnEventLargerThanItsLimit() throws {
        var parser = SSEEventParser(maxEventBytes: 16)
        #expect(try parser.feed(Array("data: 0123456789\n\n".utf8)) == [Self.event("0123456789")])
        #expect(throws: SSEParseError.eventTooLarge(limit: 16)) {
            try parser.feed(Array("data: 0123456789\ndata: 0123456789\n\n".utf8))
        }
    }

    /// A stream of every kind of thing the encoder writes, and what a parser must read from it.
    private static func encodedStream() -> (bytes: [UInt8], expected: [SSEMessage]) {
        let events: [(id: String, event: String?, data: String, parsed: String)] = [
            ("1", "orders.created", #"{"a":1}"#, #"{"a":1}"#),
            ("2", nil, "line one\nline two", "line one\nline two"),
            ("3", "gap", "cr\rcrlf\r\nlf\nend", "cr\ncrlf\nlf\nend"),
            ("4", nil, "", ""),
            ("5", "x", "\n\r\n\r", "\n\n\n"),
            ("6", "é", "日本\r\n😀 ", "日本\n😀 "),
            ("7", nil, " spaced: colon", " spaced: colon"),
        ]
        var bytes = SSEEncoder.retry(milliseconds: 2500)
        var expected: [SSEMessage] = [.retry(milliseconds: 2500)]
        for (index, event) in events.enumerated() {
            SSEEncoder.appendEvent(id: event.id, event: event.event, data: Array(event.data.utf8), to: &bytes)
            expected.append(Self.event(id: event.id, event: event.event, event.parsed))
            if index % 3 == 0 {
                bytes += SSEEncoder.comment("heartbeat \(index)")
                expected.append(.comment("heartbeat \(index)"))
            }
        }
        return (bytes, expected)
    }

    @Test func readsBackTheEncoderOutputSplitAtEveryByteBoundary() throws {
        let (bytes, expected) = Self.encodedStream()
        for split in 0...bytes.count {
            var parser = SSEEventParser()
            let messages = try parser.feed(bytes[..<split]) + parser.feed(bytes[split...])
            #expect(messages == expected, "split at \(split)")
        }
    }

    @Test func readsBackTheEncoderOutputFedOneByteAtATime() throws {
        let (bytes, expected) = Self.encodedStream()
        var parser = SSEEventParser()
        var messages: [SSEMessage] = []
        for byte in bytes { messages += try parser.feed(CollectionOfOne(byte)) }
        #expect(messages == expected)
        #expect(parser.lastEventID == "7")
    }

    @Test func joinsACarriageReturnAndLineFeedSplitAcrossPieces() throws {
        var parser = SSEEventParser()
        let first = try parser.feed(Array("data: a\r".utf8))
        let second = try parser.feed(Array("\ndata: b\r\n\r".utf8))
        let third = try parser.feed(Array("\n".utf8))
        #expect(first.isEmpty)
        #expect(second == [Self.event("a\nb")])
        #expect(third.isEmpty)
    }
}
