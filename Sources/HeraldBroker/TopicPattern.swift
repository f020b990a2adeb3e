/// A validated subscription pattern such as `orders.*` or `chat.>`.
///
/// `*` matches exactly one token; `>` (last token only) matches one or more tokens, so
/// `a.>` matches `a.b` and `a.b.c` but not `a`. A pattern without wildcards matches only
/// the topic of the same name.
package struct TopicPattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as the subscriber gave it.
    package let text: String
    /// Whether the pattern uses `*` or `>`.
    package let hasWildcards: Bool

    /// Validates `text`; throws a `bad_topic` ``BrokerError`` naming the problem.
    package init(validating text: String) throws(BrokerError) {
        self.hasWildcards = try TopicSyntax.validate(text, allowingWildcards: true)
        self.text = text
    }

    /// The pattern that matches exactly `topic`.
    package init(exactly topic: Topic) {
        self.text = topic.name
        self.hasWildcards = false
    }

    /// The pattern's text.
    package var description: String { text }

    /// The dot-separated tokens, in order.
    var tokens: [Substring] {
        text.split(separator: ".", omittingEmptySubsequences: false)
    }

    /// Whether `topic` matches this pattern. Allocation-free; linear in the lengths.
    ///
    /// Event loops use this to find which of a connection's own subscriptions an event
    /// matched (the broker hands them connection ids, not subscriptions).
    package func matches(_ topic: Topic) -> Bool {
        guard hasWildcards else { return text == topic.name }
        var patternRest: Substring.UTF8View? = text.utf8[...]
        var topicRest: Substring.UTF8View? = topic.name.utf8[...]
        while let patternToken = Self.popToken(&patternRest) {
            if patternToken.count == 1 && patternToken.first == TopicSyntax.fullWildcard {
                return topicRest != nil
            }
            guard let topicToken = Self.popToken(&topicRest) else { return false }
            if patternToken.count == 1 && patternToken.first == TopicSyntax.singleWildcard {
                continue
            }
            guard patternToken.elementsEqual(topicToken) else { return false }
        }
        return topicRest == nil
    }

    /// Removes the first token from `rest` and returns it; `rest` becomes nil once the
    /// last token is taken.
    private static func popToken(_ rest: inout Substring.UTF8View?) -> Substring.UTF8View? {
        guard let text = rest else { return nil }
        if let dot = text.firstIndex(of: TopicSyntax.separator) {
            rest = text[text.index(after: dot)...]
            return text[..<dot]
        }
        rest = nil
        return text
    }
}
