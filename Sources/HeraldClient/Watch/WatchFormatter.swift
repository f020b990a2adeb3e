package import HeraldProtocol

/// Turns event envelopes into the lines `herald watch` prints. Pure.
package struct WatchFormatter: Sendable {
    /// `--format`.
    package enum Format: String, Sendable, CaseIterable {
        /// Time, topic, event type and compact (colored) JSON data: for people.
        case pretty
        /// The envelope as one line of JSON (NDJSON): for `jq`.
        case json
        /// The payload only: `data`, with strings unquoted.
        case raw
    }

    /// The output format.
    package let format: Format
    private let renderer: JSONRenderer

    /// A formatter; `colored` matters only for `.pretty`.
    package init(format: Format, colored: Bool) {
        self.format = format
        renderer = JSONRenderer(colored: colored && format == .pretty)
    }

    /// The line (without its newline) printed for one event envelope.
    package func line(envelope: JSONValue, text: [UInt8]) -> String {
        switch format {
        case .json:
            // The envelope embeds the publisher's JSON verbatim, line breaks
            // included: re-render compactly so that it stays one line.
            if text.contains(UInt8(ascii: "\n")) || text.contains(UInt8(ascii: "\r")) {
                return renderer.render(envelope)
            }
            return String(decoding: text, as: UTF8.self)
        case .raw:
            guard let data = envelope["data"] else { return "" }
            return data.stringValue ?? data.rawText
        case .pretty:
            var parts: [String] = []
            parts.append(renderer.paint(Self.clockTime(envelope["time"]?.stringValue), .dim))
            parts.append(renderer.paint(envelope["topic"]?.stringValue ?? "?", .bold))
            if let type = envelope["event_type"]?.stringValue { parts.append(renderer.paint(type, .cyan)) }
            if let data = envelope["data"] {
                let rendered = renderer.render(data)
                parts.append(envelope["encoding"]?.stringValue == "base64" ? "(base64) " + rendered : rendered)
            }
            return parts.joined(separator: " ")
        }
    }

    /// The time of day from an RFC 3339 timestamp
    /// (`2026-11-27T04:12:19.123Z` gives `04:12:19.123`); the text as is when
    /// it has no `T`, and `--:--:--.---` when absent.
    package static func clockTime(_ timestamp: String?) -> String {
        guard let timestamp else { return "--:--:--.---" }
        guard let separator = timestamp.firstIndex(of: "T") else { return timestamp }
        var clock = timestamp[timestamp.index(after: separator)...]
        if clock.hasSuffix("Z") { clock = clock.dropLast() }
        return String(clock)
    }
}

/// Where the watch engine sends what it has to say. Called on the engine's
/// thread, one call at a time.
package protocol WatchOutput: AnyObject {
    /// One formatted event line (no newline).
    func event(_ line: String)
    /// One notice for stderr.
    func notice(_ notice: WatchNotice)
}
