import HeraldProtocol
import Testing

@Suite struct SSEEncoderTests {
    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test func writesIdEventAndDataThenABlankLine() {
        let bytes = SSEEncoder.event(id: "k3f9-1042", event: "orders.created", data: Array(#"{"a":1}"#.utf8))
        #expect(text(bytes) == "id: k3f9-1042\nevent: orders.created\ndata: {\"a\":1}\n\n")
    }

    @Test func leavesOutIdAndEventWhenNil() {
        #expect(text(SSEEncoder.event(id: nil, event: nil, data: Array("x".utf8))) == "data: x\n\n")
        #expect(text(SSEEncoder.event(id: "", event: nil, data: Array("x".utf8))) == "id: \ndata: x\n\n")
    }

    @Test(arguments: [
        ("a\nb", "data: a\ndata: b\n\n"),
        ("a\rb", "data: a\ndata: b\n\n"),
        ("a\r\nb", "data: a\ndata: b\n\n"),
        ("a\n\nb", "data: a\ndata:\ndata: b\n\n"),
        ("a\r\r\nb", "data: a\ndata:\ndata: b\n\n"),
        ("a\n\rb", "data: a\ndata:\ndata: b\n\n"),
        ("a\n", "data: a\ndata:\n\n"),
        ("a\r", "data: a\ndata:\n\n"),
        ("\r\n", "data:\ndata:\n\n"),
        ("\n", "data:\ndata:\n\n"),
        ("", "data:\n\n"),
        (" lead", "data:  lead\n\n"),
        ("{\n  \"a\": 1\n}", "data: {\ndata:   \"a\": 1\ndata: }\n\n"),
    ])
    func splitsDataIntoOneLinePerLineBreak(data: String, expected: String) {
        #expect(text(SSEEncoder.event(id: nil, event: nil, data: Array(data.utf8))) == expected)
    }

    @Test func acceptsAnyCollectionOfBytesAsData() {
        let whole = Array("xxa\nbyy".utf8)
        #expect(text(SSEEncoder.event(id: nil, event: nil, data: whole[2..<5])) == "data: a\ndata: b\n\n")
        #expect(text(SSEEncoder.event(id: nil, event: "t", data: "é\r\n😀".utf8)) == "event: t\ndata: é\ndata: 😀\n\n")
    }

    @Test func removesLineBreaksFromIdAndEventAndNULFromId() {
        let bytes = SSEEncoder.event(id: "1\r\n2\u{0}3", event: "a\nb\rc\u{0}", data: Array("x".utf8))
        #expect(text(bytes) == "id: 123\nevent: abc\u{0}\ndata: x\n\n")
    }

    @Test func appendsAfterExistingBytes() {
        var buffer = SSEEncoder.comment("hi")
        SSEEncoder.appendEvent(id: "1", event: nil, data: Array("x".utf8), to: &buffer)
        #expect(text(buffer) == ": hi\n\nid: 1\ndata: x\n\n")
    }

    @Test(arguments: [("keep-alive", ": keep-alive\n\n"), ("", ":\n\n"), ("a\nb", ": a\n: b\n\n")])
    func writesCommentsForHeartbeats(comment: String, expected: String) {
        #expect(text(SSEEncoder.comment(comment)) == expected)
    }

    @Test(arguments: [(3000, "retry: 3000\n\n"), (0, "retry: 0\n\n"), (-5, "retry: 0\n\n")])
    func writesRetryInMilliseconds(milliseconds: Int, expected: String) {
        #expect(text(SSEEncoder.retry(milliseconds: milliseconds)) == expected)
    }
}
