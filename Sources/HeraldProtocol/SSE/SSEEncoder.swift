/// Server-Sent Events output: the `text/event-stream` format of the WHATWG HTML standard
/// (§9.2.5 "Parsing an event stream"), as SPEC's "Server-Sent Events" section uses it.
///
/// An event is `id: …`, `event: …`, one `data: …` line per line of the data, then a blank line.
/// Lines end with LF only. A line break inside the data (LF, CR or CRLF, as the format defines
/// them) starts a new `data:` line, so a receiver gets the data back with each break as LF.
///
/// `id` and `event` are single-line fields: CR and LF are removed from them (and NUL from `id`,
/// since a receiver ignores an id holding NUL). Herald's ids and topic names never contain these
/// bytes, so this only keeps an unexpected value from injecting fields; it never throws. The data
/// is copied as it is: it should be UTF-8 (envelopes are JSON), since receivers decode it as such.
package enum SSEEncoder {
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// One event, ready to write.
    /// - Parameters:
    ///   - id: the event's id (what the client resumes from with `Last-Event-ID`), or nil for none.
    ///   - event: the event type (`event:` field), or nil for the default, `message`.
    ///   - data: the payload; empty data still makes an event (with empty data).
    package static func event(id: String?, event: String?, data: some Collection<UInt8>) -> [UInt8] {
        var buffer: [UInt8] = []
        appendEvent(id: id, event: event, data: data, to: &buffer)
        return buffer
    }

    /// Appends one event to `buffer`; see `event(id:event:data:)`.
    package static func appendEvent(id: String?, event: String?, data: some Collection<UInt8>, to buffer: inout [UInt8])
    {
        buffer.reserveCapacity(buffer.count &+ data.count &+ 64)
        if let id { appendField("id", value: id, removingNUL: true, to: &buffer) }
        if let event { appendField("event", value: event, removingNUL: false, to: &buffer) }
        appendLines(of: data, field: "data", to: &buffer)
        buffer.append(lineFeed)
    }

    /// A comment, `: text` and a blank line, which receivers ignore: the heartbeat that keeps
    /// proxies from closing an idle stream. A line break in `text` starts another comment line.
    package static func comment(_ text: String) -> [UInt8] {
        var buffer: [UInt8] = []
        appendLines(of: text.utf8, field: "", to: &buffer)
        buffer.append(lineFeed)
        return buffer
    }

    /// `id: ID` and a blank line: a block with no data dispatches no event, but a receiver
    /// (EventSource) still takes `ID` as its last event id and sends it as `Last-Event-ID`
    /// when it reconnects. A line break in `id` is left out.
    package static func idOnly(_ id: String) -> [UInt8] {
        var buffer: [UInt8] = []
        appendField("id", value: id, removingNUL: true, to: &buffer)
        buffer.append(lineFeed)
        return buffer
    }

    /// `retry: N` and a blank line: how long a receiver waits before reconnecting after the stream
    /// ends. Negative values are written as 0.
    package static func retry(milliseconds: Int) -> [UInt8] {
        var buffer = Array("retry: ".utf8)
        JSONEncoding.appendInteger(max(milliseconds, 0), to: &buffer)
        buffer.append(lineFeed)
        buffer.append(lineFeed)
        return buffer
    }

    /// Appends `name: value` and LF, leaving out the bytes that would end the line early.
    private static func appendField(_ name: StaticString, value: String, removingNUL: Bool, to buffer: inout [UInt8]) {
        name.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: ":"))
        buffer.append(UInt8(ascii: " "))
        for byte in value.utf8 where byte != lineFeed && byte != carriageReturn && !(removingNUL && byte == 0) {
            buffer.append(byte)
        }
        buffer.append(lineFeed)
    }

    /// Appends `field: line` and LF for each line of `text` (at least one, possibly empty); an
    /// empty line is written as `field:` alone. An empty field name makes comment lines.
    private static func appendLines(of text: some Collection<UInt8>, field: StaticString, to buffer: inout [UInt8]) {
        var lineStart = text.startIndex
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            guard byte == lineFeed || byte == carriageReturn else {
                index = text.index(after: index)
                continue
            }
            appendLine(text[lineStart..<index], field: field, to: &buffer)
            index = text.index(after: index)
            if byte == carriageReturn, index != text.endIndex, text[index] == lineFeed {
                index = text.index(after: index)
            }
            lineStart = index
        }
        appendLine(text[lineStart..<text.endIndex], field: field, to: &buffer)
    }

    private static func appendLine(_ line: some Collection<UInt8>, field: StaticString, to buffer: inout [UInt8]) {
        field.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: ":"))
        if !line.isEmpty {
            buffer.append(UInt8(ascii: " "))
            buffer.append(contentsOf: line)
        }
        buffer.append(lineFeed)
    }
}
