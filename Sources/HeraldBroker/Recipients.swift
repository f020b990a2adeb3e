/// One connection, as the broker knows it: the event loop it lives on (for life) and its
/// id on that loop.
package struct SubscriberRef: Hashable, Sendable, Comparable {
    /// Index of the connection's event loop.
    package let loop: Int
    /// The connection's id, unique within the gateway.
    package let connection: UInt64

    /// Connection `connection` on event loop `loop`.
    package init(loop: Int, connection: UInt64) {
        self.loop = loop
        self.connection = connection
    }

    /// Ordered by loop, then connection: the order of ``Recipients``.
    package static func < (lhs: SubscriberRef, rhs: SubscriberRef) -> Bool {
        (lhs.loop, lhs.connection) < (rhs.loop, rhs.connection)
    }
}

/// The connections one event goes to, grouped by event loop. Immutable and shared.
///
/// The broker caches one value per hot topic, so a publish hands every loop the same
/// stored `connections` array (a reference-count increment, no copy, no per-subscriber
/// work). Each connection appears once however many of its subscriptions matched; a loop
/// that needs to know which ones (to apply per-subscription filters) checks its own
/// subscriptions of that connection with ``TopicPattern/matches(_:)``.
package struct Recipients: Sendable {
    /// The connections of one event loop, in ascending id order, without repeats.
    package struct Loop: Sendable {
        /// Index of the event loop.
        package let loop: Int
        /// Its connections that receive the event.
        package let connections: [UInt64]
    }

    /// Loops with at least one recipient, in ascending loop order.
    package let loops: [Loop]
    /// Total number of connections over all loops.
    package let count: Int

    /// Nobody.
    package static let none = Recipients(loops: [], count: 0)

    private init(loops: [Loop], count: Int) {
        self.loops = loops
        self.count = count
    }

    /// Groups `subscribers` (which must not repeat) by loop, sorted.
    init(grouping subscribers: some Collection<SubscriberRef>) {
        let sorted = subscribers.sorted()
        var loops: [Loop] = []
        var start = sorted.startIndex
        while start < sorted.endIndex {
            let loop = sorted[start].loop
            var end = start
            while end < sorted.endIndex && sorted[end].loop == loop {
                end += 1
            }
            loops.append(Loop(loop: loop, connections: sorted[start..<end].map(\.connection)))
            start = end
        }
        self.init(loops: loops, count: sorted.count)
    }

    /// Whether `subscriber` is among the recipients (binary search; for tests and tools).
    package func contains(_ subscriber: SubscriberRef) -> Bool {
        guard let group = loops.first(where: { $0.loop == subscriber.loop }) else { return false }
        var low = 0
        var high = group.connections.count
        while low < high {
            let middle = (low + high) / 2
            if group.connections[middle] < subscriber.connection {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < group.connections.count && group.connections[low] == subscriber.connection
    }
}
