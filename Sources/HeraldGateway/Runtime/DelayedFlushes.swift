/// Connections whose queued events wait up to `outbound.write_delay` before they are
/// written, so that events arriving within the delay leave in one `writev` (what
/// Centrifugo's `client.write_delay` does). A FIFO: every entry waits the same delay, so
/// entries come due in the order they were added; a connection is in it at most once.
/// Loop-confined.
struct DelayedFlushes {
    /// The delay, in milliseconds (epoll's resolution); 0 turns the batching off.
    let delayMilliseconds: UInt64
    private var entries: [(connection: Connection, dueAt: UInt64)] = []
    private var head = 0

    init(delayMilliseconds: UInt64) {
        self.delayMilliseconds = delayMilliseconds
    }

    /// Adds `connection`, due `delayMilliseconds` after `now`, unless it is already waiting.
    mutating func add(_ connection: Connection, now: UInt64) {
        guard !connection.isWaitingForDelayedFlush else { return }
        connection.isWaitingForDelayedFlush = true
        entries.append((connection, now &+ delayMilliseconds))
    }

    /// Removes the connections due at `now`, oldest first, handing each to `body`.
    mutating func removeDue(now: UInt64, _ body: (Connection) -> Void) {
        while head < entries.count && entries[head].dueAt <= now {
            let connection = entries[head].connection
            connection.isWaitingForDelayedFlush = false
            head += 1
            body(connection)
        }
        // Drop the consumed front once it is most of the array (it never empties under steady load).
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 && head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// Milliseconds until the next entry is due (0 when one is), or -1 when none waits.
    func millisecondsUntilNext(now: UInt64) -> Int32 {
        guard head < entries.count else { return -1 }
        let dueAt = entries[head].dueAt
        return dueAt <= now ? 0 : Int32(clamping: dueAt &- now)
    }
}
