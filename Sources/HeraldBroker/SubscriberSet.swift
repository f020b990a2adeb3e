/// The subscribers of one trie entry (one pattern), with their grouping cached.
///
/// When a topic is matched by this entry alone (the common case), its ``Recipients`` are
/// this set's cached grouping, shared by every topic the pattern matches.
final class SubscriberSet {
    private(set) var members: Set<SubscriberRef> = []
    private var grouped: Recipients?

    var isEmpty: Bool { members.isEmpty }

    /// Adds `subscriber`; false when it was already there.
    func insert(_ subscriber: SubscriberRef) -> Bool {
        let inserted = members.insert(subscriber).inserted
        if inserted { grouped = nil }
        return inserted
    }

    /// Removes `subscriber`; false when it was not there.
    func remove(_ subscriber: SubscriberRef) -> Bool {
        let removed = members.remove(subscriber) != nil
        if removed { grouped = nil }
        return removed
    }

    /// The members grouped by loop, computed once per change.
    func recipients() -> Recipients {
        if let grouped { return grouped }
        let made = Recipients(grouping: members)
        grouped = made
        return made
    }
}
