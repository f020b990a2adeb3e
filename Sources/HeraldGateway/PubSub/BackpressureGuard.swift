import HeraldBroker
import HeraldPosix

/// Applies the slow-consumer policy to one subscriber connection's events.
///
/// Under `disconnect` a full queue closes the connection (1013). Under the drop
/// policies events are dropped and a `dropped` notice (`count`, `first_id`)
/// tells the client exactly where to refill from history:
/// - `drop_oldest` removes the oldest queued events and puts the notice in their place;
/// - `drop_newest` drops the new event, and every later one, until the queue has
///   drained to half its limit, then sends the notice, so the hole is one contiguous run.
/// A sink that cannot send notices (`?format=raw`) gets `disconnect` whatever the
/// policy: nothing is dropped silently.
/// A class, not a struct: `offer` may flush, and a flush may call back into `drained`.
final class BackpressureGuard {
    /// A run of dropped events not yet announced (drop_newest).
    private var pending: (count: Int, first: EventID)?
    /// Events dropped on this connection so far.
    private(set) var droppedTotal = 0
    /// Whether the sink can send `dropped` notices.
    let canNotify: Bool

    init(canNotify: Bool) {
        self.canNotify = canNotify
    }

    /// Queues `frame` for `event`, or applies the policy. `notice(count, firstID)`
    /// encodes a `dropped` notice in the sink's format.
    func offer(
        _ frame: ByteChunk, for event: PreparedEvent, on connection: Connection,
        notice: (Int, EventID) -> ByteChunk
    ) {
        let policy = canNotify ? event.policy : .disconnect
        if pending == nil && !connection.hasRoom(for: frame.count) {
            // Full after a burst within one loop iteration: write now, before judging the reader slow.
            connection.flush()
        }
        if pending == nil && connection.hasRoom(for: frame.count) {
            connection.sendEvent(frame, tag: event.id.sequence)
            return
        }
        switch policy {
        case .disconnect:
            connection.loopState.services.record(.slowConsumer)
            connection.handler.connectionOverflowed(connection)
        case .dropNewest:
            drop(event, on: connection)
        case .dropOldest:
            // Free a quarter of the limit at once, so a flood does not rebuild the queue per event.
            let want = max(frame.count, connection.maxOutboundBytes / 4)
            let epoch = event.id.epoch
            if let dropped = connection.dropOldestEvents(
                freeing: want,
                notice: { count, firstTag in notice(count, EventID(epoch: epoch, sequence: firstTag)) })
            {
                count(dropped.count, on: connection)
                connection.sendEvent(frame, tag: event.id.sequence)
            } else {
                drop(event, on: connection)
            }
        }
    }

    private func drop(_ event: PreparedEvent, on connection: Connection) {
        if let run = pending {
            pending = (run.count + 1, run.first)
        } else {
            pending = (1, event.id)
        }
        count(1, on: connection)
    }

    private func count(_ dropped: Int, on connection: Connection) {
        droppedTotal += dropped
        connection.loopState.services.counters.droppedEvents.add(dropped, ordering: .relaxed)
    }

    /// The queue drained to half its limit: announce a pending run of drops.
    func drained(on connection: Connection, notice: (Int, EventID) -> ByteChunk) {
        guard let run = pending else { return }
        pending = nil
        connection.send(notice(run.count, run.first))
    }
}
