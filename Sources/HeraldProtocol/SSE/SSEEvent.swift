/// An event as a receiver of an event stream sees it when it is dispatched.
package struct SSEEvent: Equatable, Sendable {
    /// The stream's last event ID when the event was dispatched: set by an `id:` field in this
    /// event or an earlier one (ids carry over, as the WHATWG algorithm says), nil while none has
    /// been set or after an empty `id:`. This is what to send back as `Last-Event-ID`.
    package var id: String?
    /// The `event:` field, or nil when absent or empty (a browser dispatches those as `message`).
    package var event: String?
    /// The `data:` lines joined with LF.
    package var data: String

    /// An event with the given fields.
    package init(id: String? = nil, event: String? = nil, data: String) {
        self.id = id
        self.event = event
        self.data = data
    }
}

/// What `SSEEventParser` reads from a stream, in stream order.
package enum SSEMessage: Equatable, Sendable {
    /// An event, dispatched at the blank line that ends it (blocks without `data:` dispatch nothing).
    case event(SSEEvent)
    /// A `retry:` field: the reconnection delay to use from now on.
    case retry(milliseconds: Int)
    /// A comment line (`: text`), with one space after the colon removed: heartbeats.
    case comment(String)
}

/// Why `SSEEventParser` gave up on a stream.
package enum SSEParseError: Error, Equatable, Sendable {
    /// One event (its line being read plus its data so far) grew past the parser's limit.
    case eventTooLarge(limit: Int)
}
