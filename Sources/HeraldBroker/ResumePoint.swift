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
