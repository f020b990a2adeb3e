import HeraldFilter
import Testing

/// One payload exercising every kind of JSON value the filters look at.
private let payload = #"""
    {"amount": 150, "price": 9.99, "big": 1e3, "neg": -5, "zero": 0, "region": "eu-west",
     "name": "Ünïcode ✓", "emoji": "😀 ok", "flag": true, "off": false, "nothing": null,
     "items": [10, "x", {"k": "v"}, [1, 2]], "nested": {"a": {"b": {"c": 42}}},
     "tags": ["red", "green"], "empty": "", "odd key": 1, "dup": 1, "dup": 2,
     "esc": "line\nbreak \"q\" \u00e9", "huge": 12345678901234567890}
    """#

private let event = FilterEvent(
    topic: "orders.created", eventType: "created", id: "k-1", data: Array(payload.utf8))

private func check(_ filter: String, _ expected: Bool, on event: FilterEvent = event) throws {
    let compiled = try Filter.compile(filter)
    #expect(compiled.matches(event) == expected, "\(filter)")
}

@Suite struct EvaluationTests {
    @Test(arguments: [
        ("data.amount == 150", true), ("data.amount == 150.0", true), ("data.amount > 100", true),
        ("data.amount >= 150", true), ("data.amount < 150", false), ("data.amount <= 150", true),
        ("data.amount != 150", false), ("data.price > 9.98 && data.price < 10", true),
        ("data.big == 1000", true), ("data.big == 1e3", true), ("data.big == 10E2", true),
        ("data.big == 1.0e+3", true), ("data.neg < -4", true), ("data.neg == -5", true),
        ("data.zero == 0", true), ("data.zero == -0", true), ("data.price == 9.99", true),
        ("data.huge > 12345678901234000000", true), ("150 == data.amount", true), ("100 < data.amount", true),
        ("1 < 2", true), ("2.5 >= 2.5", true),
    ])
    func numbers(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("data.missing == 1", false), ("data.missing != 1", true), ("data.missing < 1", false),
        ("data.missing > 1", false), ("data.missing >= 1", false), ("data.missing <= 1", false),
        ("data.missing in [1, 2]", false), ("data.missing.startsWith('a')", false), ("!(data.missing == 1)", true),
        ("data.a.b.c == 1", false), ("data.region.x == 1", false), ("data.missing == null", false),
        ("data.missing != null", true), ("event_type.endsWith('x')", false),
    ])
    func missingFields(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("data.amount == '150'", false), ("data.amount != '150'", true), ("data.region > 1", false),
        ("data.region < 1", false), ("data.region >= 1", false), ("data.flag == 1", false),
        ("data.nothing == 0", false), ("data.nothing == null", true), ("data.nothing != null", false),
        ("data.amount.startsWith('1')", false), ("data.region.contains(1)", false), ("data.items == data.items", false),
        ("data.nested != data.nested", true), ("data.flag < 1", false), ("data.off < data.flag", true),
    ])
    func typeMismatches(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("data.region == 'eu-west'", true), (#"data.region == "eu-west""#, true), ("data.region < 'eu-x'", true),
        ("data.region > 'eu'", true), ("data.name == 'Ünïcode ✓'", true),
        (#"data.name == '\u00dcn\u00efcode \u2713'"#, true), (#"data.emoji.startsWith('\U0001F600')"#, true),
        ("data.emoji.endsWith(' ok')", true), ("data.name.contains('code')", true),
        ("data.name.contains('Code')", false), ("data.empty == ''", true), ("data.region.contains('')", true),
        ("data.empty.startsWith('')", true), ("data.empty.contains('a')", false),
        (#"data.esc == 'line\nbreak "q" é'"#, true), (#"data.esc == "line\nbreak \"q\" \u00E9""#, true),
        ("'abc'.startsWith('ab')", true), ("data.region.endsWith('eu-west-1')", false),
        ("data.name > 'Z'", true), ("data.region.startsWith(data.region)", true),
    ])
    func strings(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("data.nested.a.b.c == 42", true), ("data.items[0] == 10", true), ("data.items[1] == 'x'", true),
        ("data.items[2].k == 'v'", true), ("data.items[3][1] == 2", true), ("data.items[4] == 10", false),
        ("data.items[-1] == 10", false), ("data.items[-1] != 10", true), ("has(data.items[3])", true),
        ("has(data.items[4])", false), ("data['odd key'] == 1", true), ("data[\"nested\"]['a'].b.c == 42", true),
        ("data.dup == 1", true), ("data.items.k == 'v'", false), ("data.nested[0] == 1", false),
    ])
    func pathsAndIndexes(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("has(data.nothing)", true), ("has(data.missing)", false), ("has(data.nested.a)", true),
        ("has(data.nested.x)", false), ("has(topic)", true), ("has(id)", true), ("has(event_type)", true),
        ("has(data)", true), ("!has(data.missing)", true),
    ])
    func presence(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("data.amount in [100, 150]", true), ("data.amount in [1, 2]", false),
        ("data.region in ['eu-west', 'us']", true), ("'red' in data.tags", true), ("'blue' in data.tags", false),
        ("data.amount in []", false), ("10 in data.items", true), ("10.0 in data.items", true),
        ("data.amount in data.region", false), ("data.nothing in [null]", true), ("topic in ['orders.created']", true),
        ("data.amount in [data.zero, data.amount]", true), ("!(data.amount in [1])", true),
    ])
    func membership(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("data.flag", true), ("data.off", false), ("!data.off", true), ("data.flag == true", true),
        ("data.amount", false), ("!data.missing", true), ("data.flag && data.off", false), ("true", true),
        ("false", false), ("(data.amount > 1) == true", true), ("true || false && false", true),
        ("(true || false) && false", false), ("!true || true", true), ("!data.amount == 150", false),
        ("!(data.amount == 150)", false), ("!!data.flag", true), ("false && true || true", true),
        ("data.amount > 100 && data.region == 'eu-west' || data.missing == 1", true),
        ("data.missing == 1 || data.region == 'eu-west' && data.amount > 100", true),
        ("(data.missing == 1 || data.region == 'eu-west') && data.amount > 200", false),
        ("true && true && true && false", false), ("false || false || false || true", true),
        ("!(data.flag && !data.off)", false), ("!false", true), ("false || data.flag", true),
        ("!(true && false)", true), ("data.amount > 1 && false", false), ("!(data.amount > 1 || data.flag)", false),
        ("has(data.nested) && !has(data.nested.x)", true), ("!(!data.flag || data.off) && !false", true),
        ("(data.off || data.missing == 1) || (data.flag && (data.amount < 0 || data.region == 'eu-west'))", true),
        ("true && (false || !(data.amount != 150))", true), ("data.flag == true && data.off == false", true),
        ("data.nothing == null && data.flag != false", true), ("null == data.nothing", true), ("'eu-west' == data.region", true),
    ])
    func booleansAndPrecedence(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("topic == 'orders.created'", true), ("topic.startsWith('orders.')", true), ("event_type == 'created'", true),
        ("id == 'k-1'", true), ("event_type != 'x'", true), ("topic < 'p'", true), ("id.contains('-')", true),
    ])
    func envelopeFields(_ filter: String, _ expected: Bool) throws { try check(filter, expected) }

    @Test(arguments: [
        ("event_type == 'x'", false), ("event_type != 'x'", true), ("has(event_type)", false),
        ("data.a == 1", false), ("data.a != 1", true), ("has(data)", false), ("topic == 't'", true),
    ])
    func noEventTypeAndNoJSON(_ filter: String, _ expected: Bool) throws {
        for data: [UInt8]? in [nil, Array("not json {".utf8), []] {
            try check(filter, expected, on: FilterEvent(topic: "t", eventType: nil, id: "1", data: data))
        }
    }

    @Test(arguments: [
        (#""hello""#, "data == 'hello'", true), ("42", "data > 41", true), ("42", "has(data)", true),
        ("null", "data == null", true), ("[1, 2]", "2 in data", true), ("[1, 2]", "data[1] == 2", true),
        (#"{"a": {"a": 1}, "a": 2}"#, "data.a.a == 1", true), (#"{"a": {"b": 1}, "a": {"c": 2}}"#, "has(data.a.c)", false),
        (#"{"a.b": 1}"#, "data['a.b'] == 1", true), (#"{"a.b": 1}"#, "data.a.b == 1", false),
        (#"{"é": "ü"}"#, "data['é'] == 'ü'", true), ("[]", "has(data[0])", false),
        (#"{"e": "\ud83d\ude00 \u00e9\/\\"}"#, #"data.e == '😀 é/\\'"#, true), (#"{"a\u0062": 1}"#, "data.ab == 1", true),
        (#"{"x": -0}"#, "data.x == 0", true), (#"{"x": 1E2}"#, "data.x == 100", true), (#"{"x": 1e400}"#, "data.x > 1e300", true),
        (#"{"x": 123456789012345678}"#, "data.x > 123456789012345000", true), (#"{"x": -2.5e-3}"#, "data.x == -0.0025", true),
        (#" { "x" : [ 1 , { "y" : [ ] } , "z" ] } "#, "data.x[1].y in [] || 'z' in data.x", true),
        (#"{"x": [[], {}, [1]]}"#, "1 in data.x[2] && !has(data.x[0][0]) && !has(data.x[1].a)", true),
        (#"{"averyveryverylongA": 1, "averyveryverylongB": 2}"#, "data.averyveryverylongB == 2", true),
        (#"{"averyveryverylongA": 1, "averyveryverylongB": 2}"#, "data.averyveryverylongA == 2", false),
        (#"{"averyveryverylongA": 1, "averyveryverylongB": 2}"#, "has(data.averyveryverylongC)", false),
        (#"{"averyveryverylongA": {"x": [0, "s"]}}"#, "data.averyveryverylongA.x[1] in ['s']", true),
        (#"{"averyveryverylongA": {"x": [0, "s"]}}"#, "data.averyveryverylongA.x[1].startsWith('s')", true),
    ])
    func otherPayloads(_ json: String, _ filter: String, _ expected: Bool) throws {
        try check(filter, expected, on: FilterEvent(topic: "t", eventType: nil, id: "1", data: Array(json.utf8)))
    }

    @Test func deepPayloadIsVisibleToTheDepthLimit() throws {
        let depth = 40
        let json = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        let event = FilterEvent(topic: "t", eventType: nil, id: "1", data: Array(json.utf8))
        let path31 = "data" + String(repeating: ".a", count: 31)
        let path32 = "data" + String(repeating: ".a", count: 32)
        #expect(try Filter.compile("has(\(path31))").matches(event))
        #expect(try Filter.compile("has(\(path32))").matches(event))
        #expect(try !Filter.compile("\(path32) == 1").matches(event))
    }
}
