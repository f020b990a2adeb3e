/// A validated topic name such as `orders.created`: what events are published to.
///
/// Constructing one is the only way to get one, so every `Topic` the broker sees is
/// well-formed (see ``TopicSyntax``).
package struct Topic: Hashable, Sendable, CustomStringConvertible {
    /// The name as the publisher gave it.
    package let name: String

    /// Validates `name`; throws a `bad_topic` ``BrokerError`` naming the problem.
    package init(validating name: String) throws(BrokerError) {
        _ = try TopicSyntax.validate(name, allowingWildcards: false)
        self.name = name
    }

    package var description: String { name }

    /// The dot-separated tokens, in order.
    var tokens: [Substring] {
        name.split(separator: ".", omittingEmptySubsequences: false)
    }
}
