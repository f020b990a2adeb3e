/// One connection, as the broker knows it: the event loop it lives on (for life) and its
/// id on that loop.
package struct SubscriberRef: Hashable, Sendable, Comparable {
    /// Index of the connection's event loop.
    package let loop: Int
    /// The connection's id, unique within the gateway.
    package let connection: UInt64

    package init(loop: Int, connection: UInt64) {
        self.loop = loop
        self.connection = connection
    }

    package static func < (lhs: SubscriberRef, rhs: SubscriberRef) -> Bool {
        (lhs.loop, lhs.connection) < (rhs.loop, rhs.connection)
    }
}
