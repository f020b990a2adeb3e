import HeraldClient
import HeraldProtocol
import Testing

struct WatchFormatterTests {
    private let envelopeText =
        #"{"type":"event","topic":"orders.created","id":"k3f9-1042","time":"2026-11-27T04:12:19.123Z","#
        + #""event_type":"created","data":{"orderId":"123","amount":12.5,"paid":true,"note":null,"tags":["a"]}}"#

    private func line(_ text: String, _ format: WatchFormatter.Format, colored: Bool = false) throws -> String {
        let bytes = Array(text.utf8)
        return WatchFormatter(format: format, colored: colored).line(
            envelope: try JSONDocument.parse(bytes), text: bytes)
    }

    @Test func prettyShowsTimeTopicTypeAndCompactData() throws {
        #expect(
            try line(envelopeText, .pretty)
                == #"04:12:19.123 orders.created created {"orderId":"123","amount":12.5,"paid":true,"note":null,"tags":["a"]}"#
        )
    }

    @Test func prettyColorsEachKindOfToken() throws {
        let colored = try line(envelopeText, .pretty, colored: true)
        let escape = "\u{1B}["
        #expect(colored.contains("\(escape)2m04:12:19.123\(escape)0m"))
        #expect(colored.contains("\(escape)1morders.created\(escape)0m"))
        #expect(colored.contains("\(escape)34m\"orderId\"\(escape)0m:\(escape)32m\"123\"\(escape)0m"))
        #expect(colored.contains("\(escape)33m12.5\(escape)0m"))
        #expect(colored.contains("\(escape)35mtrue\(escape)0m"))
        // Stripping the escapes gives the plain line.
        let stripped = colored.replacing(/\x{1B}\[[0-9]+m/, with: "")
        #expect(stripped == (try line(envelopeText, .pretty)))
    }

    @Test func jsonAndRawNeverColor() throws {
        #expect(!(try line(envelopeText, .json, colored: true)).contains("\u{1B}"))
        #expect(!(try line(envelopeText, .raw, colored: true)).contains("\u{1B}"))
    }

    @Test func jsonIsTheEnvelopeOnOneLine() throws {
        #expect(try line(envelopeText, .json) == envelopeText)
        let multiLine = "{\"type\":\"event\",\"topic\":\"a\",\"id\":\"e-1\",\"data\":{\n  \"x\": [1,\n 2]\n}}"
        let rendered = try line(multiLine, .json)
        #expect(rendered == #"{"type":"event","topic":"a","id":"e-1","data":{"x":[1,2]}}"#)
        #expect(try JSONDocument.parse(rendered)["data"]?["x"]?[1]?.intValue == 2)
    }

    @Test(arguments: [
        (#"{"type":"event","data":"hello \"world\""}"#, #"hello "world""#),
        (#"{"type":"event","data":{"a": 1}}"#, #"{"a": 1}"#),
        (#"{"type":"event","data":42}"#, "42"),
        (#"{"type":"event","data":"aGk=","encoding":"base64"}"#, "aGk="),
    ])
    func rawPrintsThePayloadWithStringsUnquoted(envelope: String, expected: String) throws {
        #expect(try line(envelope, .raw) == expected)
    }

    @Test func clockTimeTakesTheTimeOfDay() {
        #expect(WatchFormatter.clockTime("2026-11-27T04:12:19.123Z") == "04:12:19.123")
        #expect(WatchFormatter.clockTime(nil) == "--:--:--.---")
        #expect(WatchFormatter.clockTime("later") == "later")
    }

    @Test func framesAreClassifiedByType() {
        guard
            case .gap(let pattern, let since, let first) = WatchFrame.parse(
                Array(#"{"type":"gap","topic":"a.>","since":"x-1","first_available":null}"#.utf8))
        else {
            Issue.record("not a gap")
            return
        }
        #expect(pattern == "a.>" && since == "x-1" && first == nil)
        guard
            case .dropped(let count, let firstID) = WatchFrame.parse(
                Array(#"{"type":"dropped","count":3,"first_id":"y-7"}"#.utf8))
        else {
            Issue.record("not dropped")
            return
        }
        #expect(count == 3 && firstID == "y-7")
        guard case .other = WatchFrame.parse(Array("not json".utf8)) else {
            Issue.record("not other")
            return
        }
    }

    @Test func noticesReadPlainly() {
        #expect(
            "\(WatchNotice.gap(pattern: "a.>", since: "x-1", firstAvailable: "z-1"))"
                == "gap: events on a.> after x-1 are no longer retained; replay starts at z-1")
        #expect(
            "\(WatchNotice.dropped(count: 2, firstID: "y-7"))"
                == "dropped: the server dropped 2 events for this client starting at y-7 (fetch them from history)")
        #expect(
            "\(WatchNotice.disconnected(reason: "the gateway closed the connection", retryMilliseconds: 1250))"
                == "the gateway closed the connection; retrying in 1.3s")
    }
}
