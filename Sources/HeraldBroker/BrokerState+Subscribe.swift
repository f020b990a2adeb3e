extension BrokerState {
    /// How far back a subscribe replays.
    private enum ReplayPlan {
        case none
        /// Everything after `sequence` in this epoch; a gap notice if history lost some.
        case after(EventID)
        /// Everything retained; `gapSince` set when the client's id is from another epoch.
        case everything(gapSince: EventID?)
    }

    /// Registers the subscription and collects its replay, atomically: see
    /// ``Broker/subscribe(_:to:since:)``.
    mutating func subscribe(
        _ subscriber: SubscriberRef, to pattern: TopicPattern, since: ResumePoint?
    ) throws(BrokerError) -> SubscribeOutcome<StoredEvent> {
        let plan: ReplayPlan
        switch since {
        case nil:
            plan = .none
        case .earliest:
            plan = .everything(gapSince: nil)
        case .after(let id) where id.epoch == epoch:
            guard id.sequence <= lastSequence else { throw .sinceNotIssued }
            plan = .after(id)
        case .after(let id):
            plan = .everything(gapSince: id)
        }

        let existing = subscriptions[subscriber] ?? [:]
        var gap: GapNotice?
        var replay: [StoredEvent] = []
        var coveredAfter = lastSequence
        switch plan {
        case .none:
            break
        case .after(let since):
            let collected = collectReplay(of: pattern, after: since.sequence, excluding: existing)
            replay = collected.events
            if collected.mayHaveMissed || collected.truncated {
                gap = GapNotice(since: .after(since), firstAvailable: replay.first?.id)
            }
            coveredAfter = collected.truncated ? coveredFrom(truncated: replay) : since.sequence
        case .everything(let gapSince):
            let collected = collectReplay(of: pattern, after: 0, excluding: existing)
            replay = collected.events
            if let gapSince {
                gap = GapNotice(since: .after(gapSince), firstAvailable: replay.first?.id)
            } else if collected.truncated {
                gap = GapNotice(since: .earliest, firstAvailable: replay.first?.id)
            }
            coveredAfter = collected.truncated ? coveredFrom(truncated: replay) : 0
        }

        let replaced: Bool
        if let previous = existing[pattern] {
            replaced = true
            coveredAfter = min(coveredAfter, previous.coveredAfter)
        } else {
            replaced = false
            if trie.insert(pattern, for: subscriber) { generation += 1 }
            subscriptionCount += 1
        }
        subscriptions[subscriber, default: [:]][pattern] = Subscription(coveredAfter: coveredAfter)
        return SubscribeOutcome(replaced: replaced, gap: gap, replay: replay)
    }

    /// What a subscription whose replay was cut to its newest events has covered: the
    /// events from the first one replayed on (all of them when nothing was replayed).
    private func coveredFrom(truncated replay: [StoredEvent]) -> UInt64 {
        guard let first = replay.first else { return lastSequence }
        return first.id.sequence - 1
    }

    /// Removes one subscription; false when the connection did not have it.
    mutating func unsubscribe(_ subscriber: SubscriberRef, from pattern: TopicPattern) -> Bool {
        guard subscriptions[subscriber]?.removeValue(forKey: pattern) != nil else { return false }
        if subscriptions[subscriber]?.isEmpty == true {
            subscriptions[subscriber] = nil
        }
        if trie.remove(pattern, for: subscriber) { generation += 1 }
        subscriptionCount -= 1
        return true
    }

    /// Removes every subscription of a closed connection; returns how many it had.
    mutating func removeSubscriber(_ subscriber: SubscriberRef) -> Int {
        guard let patterns = subscriptions.removeValue(forKey: subscriber) else { return 0 }
        for pattern in patterns.keys {
            _ = trie.remove(pattern, for: subscriber)
        }
        generation += 1
        subscriptionCount -= patterns.count
        return patterns.count
    }
}
