package import HeraldBroker

/// What happens when a connection's outbound queue is full (SPEC "Slow consumers").
package enum SlowConsumerPolicy: String, Sendable, Equatable, CaseIterable {
    /// Close with 1013 `slow consumer` (SSE: `event: error`); the client resumes from history.
    case disconnect
    /// Drop the oldest queued events to make room; a `dropped` notice takes their place.
    case dropOldest = "drop_oldest"
    /// Drop the new event; a `dropped` notice follows once the client catches up.
    case dropNewest = "drop_newest"

    static let expectedForm = "one of disconnect, drop_oldest, drop_newest"
}

/// `pattern=policy`: the policy for events on topics matching `pattern`.
package struct PolicyOverride: Sendable, Equatable {
    package let pattern: TopicPattern
    package let policy: SlowConsumerPolicy

    /// Parses `metrics.>=drop_oldest`; nil when malformed.
    package init?(parsing entry: String) {
        guard let separator = entry.lastIndex(of: "=") else { return nil }
        guard let pattern = try? TopicPattern(validating: String(entry[..<separator])),
            let policy = SlowConsumerPolicy(rawValue: String(entry[entry.index(after: separator)...]))
        else { return nil }
        self.pattern = pattern
        self.policy = policy
    }
}

extension GatewayConfiguration.Outbound {
    /// The policy for events on `topic`: the first matching override, else the default.
    package func policy(for topic: Topic) -> SlowConsumerPolicy {
        policyOverrides.first { $0.pattern.matches(topic) }?.policy ?? policy
    }
}
