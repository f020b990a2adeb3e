/// An incremental reader of `text/event-stream` (WHATWG HTML §9.2.6 "Interpreting an event
/// stream"): feed bytes as they arrive, split anywhere, and get events, retry values and comments.
///
/// Lines end with CRLF, LF or CR (a CR at the end of one piece and an LF at the start of the next
/// are one line break). A leading byte order mark is skipped. Fields other than `event`, `data`,
/// `id` and `retry` are ignored, as are ids holding NUL and retry values that are not all digits.
/// An event cut off by the end of the stream is never dispatched, so there is nothing to finish.
package struct SSEEventParser {
    /// The default bound on one event (the line being read plus the data collected so far): far
    /// above Herald's 1 MiB envelopes, and a bound on what a misbehaving server can make us hold.
    package static let defaultMaxEventBytes = 4 * 1024 * 1024

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon = UInt8(ascii: ":")
    private static let space = UInt8(ascii: " ")

    private let maxEventBytes: Int
    /// The line read so far, without its line break.
    private var line: [UInt8] = []
    /// The event's `data:` values so far, each followed by LF.
    private var data: [UInt8] = []
    /// The event's `event:` value.
    private var eventType: [UInt8] = []
    /// The last byte was CR: an LF right after it belongs to the same line break.
    private var lastByteWasCarriageReturn = false
    /// No line has been completed yet (the byte order mark may only begin the first).
    private var atFirstLine = true

    /// The stream's last event ID so far (see `SSEEvent.id`).
    package private(set) var lastEventID: String?

    /// A parser at the start of a stream.
    /// - Parameter maxEventBytes: the most one event may hold while it is read.
    package init(maxEventBytes: Int = defaultMaxEventBytes) {
        self.maxEventBytes = maxEventBytes
    }

    /// Reads the next piece of the stream.
    /// - Returns: what the piece completed, in order.
    /// - Throws: `eventTooLarge` once an event exceeds the limit; the parser is then unusable.
    package mutating func feed(_ bytes: some Sequence<UInt8>) throws(SSEParseError) -> [SSEMessage] {
        var messages: [SSEMessage] = []
        for byte in bytes {
            if lastByteWasCarriageReturn {
                lastByteWasCarriageReturn = false
                if byte == Self.lineFeed { continue }
            }
            switch byte {
            case Self.lineFeed, Self.carriageReturn:
                lastByteWasCarriageReturn = byte == Self.carriageReturn
                processLine(into: &messages)
            default:
                guard line.count &+ data.count < maxEventBytes else {
                    throw SSEParseError.eventTooLarge(limit: maxEventBytes)
                }
                line.append(byte)
            }
        }
        return messages
    }

    /// Acts on the completed `line` and clears it.
    private mutating func processLine(into messages: inout [SSEMessage]) {
        defer { line.removeAll(keepingCapacity: true) }
        var content = line[...]
        if atFirstLine {
            atFirstLine = false
            if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        }
        guard let first = content.first else {
            dispatch(into: &messages)
            return
        }
        let colonIndex = content.firstIndex(of: Self.colon)
        var value = colonIndex.map { content[content.index(after: $0)...] } ?? content[content.endIndex...]
        if value.first == Self.space { value = value.dropFirst() }
        if first == Self.colon {
            messages.append(.comment(String(decoding: value, as: UTF8.self)))
            return
        }
        let name = content[..<(colonIndex ?? content.endIndex)]
        switch String(decoding: name, as: UTF8.self) {
        case "event":
            eventType = Array(value)
        case "data":
            data.append(contentsOf: value)
            data.append(Self.lineFeed)
        case "id" where !value.contains(0):
            lastEventID = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        case "retry" where !value.isEmpty && value.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }):
            if let milliseconds = Int(String(decoding: value, as: UTF8.self)) {
                messages.append(.retry(milliseconds: milliseconds))
            }
        default:
            break
        }
    }

    /// The blank line: dispatches the event collected so far, if it has data, and starts anew.
    private mutating func dispatch(into messages: inout [SSEMessage]) {
        defer {
            data.removeAll(keepingCapacity: true)
            eventType.removeAll(keepingCapacity: true)
        }
        guard !data.isEmpty else { return }
        let text = String(decoding: data.dropLast(), as: UTF8.self)
        let type = eventType.isEmpty ? nil : String(decoding: eventType, as: UTF8.self)
        messages.append(.event(SSEEvent(id: lastEventID, event: type, data: text)))
    }
}
