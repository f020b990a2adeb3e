/// Where a subscription's replay starts (`since` in SPEC.md).
package enum ResumePoint: Hashable, Sendable {
    /// Everything still retained that matches, with no gap notice.
    case earliest
    /// Everything after this id that matches; a gap notice first when history cannot
    /// cover it (see ``Broker/subscribe(_:to:since:)``).
    case after(EventID)

    /// Parses a `since` value: `earliest` or an ``EventID``; throws `bad_since`.
    package init(parsing text: some StringProtocol) throws(BrokerError) {
        if text == "earliest" {
            self = .earliest
        } else {
            self = .after(try EventID(parsing: text))
        }
    }
}

/// What ``Broker/subscribe(_:to:since:)`` did and what to send before live events.
package struct SubscribeOutcome<Event: Sendable>: Sendable {
    /// True when the connection already had this pattern: the subscription was replaced
    /// (same trie entry; the gateway swaps its filter), not added.
    package let replaced: Bool
    /// Send this first, when present: history cannot prove the client missed nothing.
    package let gap: GapNotice?
    /// Retained events after `since` that match, in id order: send them after `gap` and
    /// before any live event.
    package let replay: [Event]

    /// An outcome (the gateway rebuilds one with a filtered replay).
    package init(replaced: Bool, gap: GapNotice?, replay: [Event]) {
        self.replaced = replaced
        self.gap = gap
        self.replay = replay
    }
}

/// The `gap` frame: events after `since` may be lost to the client.
///
/// Sent when some matching event after `since` was evicted, when a topic that may have
/// matched was forgotten after `since`, when `since` is from another epoch, or when the
/// replay was cut to its newest ``BrokerConfiguration/maxReplayEvents`` (the only case
/// with `since` = `.earliest`). The broker errs on the side of a notice when unsure (a
/// forgotten topic's name is not kept), so a notice can be a false positive; a silent
/// hole never happens.
package struct GapNotice: Hashable, Sendable {
    /// The `since` the client gave (`earliest` or an id).
    package let since: ResumePoint
    /// The oldest event of the replay, or nil when the replay is empty.
    package let firstAvailable: EventID?

    /// A notice for a client that resumed from `since`.
    package init(since: ResumePoint, firstAvailable: EventID?) {
        self.since = since
        self.firstAvailable = firstAvailable
    }
}
