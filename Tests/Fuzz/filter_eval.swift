// CompiledFilter.matches on fuzzed filters and events. Input: the filter text, a newline, the topic,
// a newline, the event type (empty line: none), a newline, then the JSON data (absent without a
// third newline). Checks: evaluation is deterministic; the normalized filter gives the same answer;
// `!(filter)` gives the opposite one; data that is not JSON behaves as no data; the data wrapped in
// whitespace gives the same answer.
import HeraldFilter
import HeraldProtocol

func lines(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) -> ([[UInt8]], [UInt8]?) {
    var fields: [[UInt8]] = []
    var start = 0
    var index = 0
    while index < bytes.count && fields.count < count {
        if bytes[index] == 0x0A {
            fields.append(Array(bytes[start..<index]))
            start = index + 1
        }
        index += 1
    }
    if fields.count < count {
        fields.append(Array(bytes[start...]))
        while fields.count < count { fields.append([]) }
        return (fields, nil)
    }
    return (fields, Array(bytes[start...]))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (fields, payload) = lines(UnsafeBufferPointer(start: data, count: size), count: 3)
    let text = String(decoding: fields[0], as: UTF8.self)
    guard let filter = try? Filter.compile(text) else { return 0 }
    let topic = String(decoding: fields[1], as: UTF8.self)
    let eventType = fields[2].isEmpty ? nil : String(decoding: fields[2], as: UTF8.self)
    let id = "1-42"

    let event = FilterEvent(topic: topic, eventType: eventType, id: id, data: payload)
    let answer = filter.matches(event)
    if filter.matches(event) != answer { disagreement("two evaluations differ") }
    let rebuilt = FilterEvent(topic: topic, eventType: eventType, id: id, data: payload)
    if filter.matches(rebuilt) != answer { disagreement("a rebuilt event differs") }

    guard let normalized = try? Filter.compile(filter.text, maxTextBytes: .max) else {
        disagreement("normalized text \(filter.text.debugDescription) does not compile")
    }
    if normalized.matches(event) != answer {
        disagreement("normalized \(filter.text.debugDescription) gives \(!answer), \(text.debugDescription) gives \(answer)")
    }
    if let negated = try? Filter.compile("!(" + text + ")"), negated.matches(event) == answer {
        disagreement("!(\(text.debugDescription)) also gives \(answer)")
    }

    if let payload {
        if (try? JSONValidator.validate(payload, maxDepth: 4_096)) == nil {
            let none = FilterEvent(topic: topic, eventType: eventType, id: id, data: nil)
            if filter.matches(none) != answer { disagreement("invalid JSON data differs from no data") }
        } else {
            let padded = FilterEvent(topic: topic, eventType: eventType, id: id, data: [0x20, 0x0A] + payload + [0x09, 0x0D])
            if filter.matches(padded) != answer { disagreement("whitespace around the data changes the answer") }
        }
    }
    return 0
}
