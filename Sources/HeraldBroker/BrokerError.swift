/// Everything the broker refuses, named for the condition.
///
/// `code` is the wire error code of SPEC.md (`bad_topic`, `bad_since`, `bad_request`)
/// and `message` a sentence for humans. Messages never echo the offending input, so the
/// gateway can put them in a response without escaping worries or size surprises.
package enum BrokerError: Error, Hashable, Sendable {
    /// A topic or pattern of zero bytes.
    case topicEmpty
    /// A topic or pattern longer than ``TopicSyntax/maxBytes``.
    case topicTooLong(byteCount: Int)
    /// Two dots in a row, or a leading or trailing dot. `tokenIndex` is 1-based.
    case topicEmptyToken(tokenIndex: Int)
    /// Whitespace or a control character. `byteOffset` is 0-based.
    case topicInvalidCharacter(byteOffset: Int)
    /// `*` or `>` in a topic name (they belong to subscription patterns only).
    case topicWildcardInName(tokenIndex: Int)
    /// `*` or `>` mixed with other characters in one token, as in `orders*`.
    case patternWildcardInsideToken(tokenIndex: Int)
    /// `>` anywhere but as the last token.
    case patternFullWildcardNotLast(tokenIndex: Int)
    /// A `since` value that is not `earliest` nor `<epoch>-<sequence>`.
    case sinceMalformed
    /// A `since` id of this epoch that the broker has not issued yet.
    case sinceNotIssued
    /// An idempotency key that is empty or longer than ``IdempotencyKey/maxBytes``.
    case idempotencyKeyInvalid

    /// The wire error code (SPEC.md).
    package var code: String {
        switch self {
        case .topicEmpty, .topicTooLong, .topicEmptyToken, .topicInvalidCharacter,
            .topicWildcardInName, .patternWildcardInsideToken, .patternFullWildcardNotLast:
            "bad_topic"
        case .sinceMalformed, .sinceNotIssued:
            "bad_since"
        case .idempotencyKeyInvalid:
            "bad_request"
        }
    }

    /// A human-readable explanation.
    package var message: String {
        switch self {
        case .topicEmpty:
            "topic is empty"
        case .topicTooLong(let byteCount):
            "topic is \(byteCount) bytes long; the limit is \(TopicSyntax.maxBytes)"
        case .topicEmptyToken(let tokenIndex):
            "token \(tokenIndex) of the topic is empty (tokens are separated by single dots)"
        case .topicInvalidCharacter(let byteOffset):
            "topic has whitespace or a control character at byte \(byteOffset)"
        case .topicWildcardInName(let tokenIndex):
            "token \(tokenIndex) of the topic is a wildcard; `*` and `>` are only for subscription patterns"
        case .patternWildcardInsideToken(let tokenIndex):
            "token \(tokenIndex) mixes `*` or `>` with other characters; a wildcard must be a whole token"
        case .patternFullWildcardNotLast(let tokenIndex):
            "token \(tokenIndex) is `>`, which may only be the last token"
        case .sinceMalformed:
            "since must be `earliest` or an event id such as `k3f9-1042`"
        case .sinceNotIssued:
            "since names an event id this node has not issued yet"
        case .idempotencyKeyInvalid:
            "idempotency key must be 1 to \(IdempotencyKey.maxBytes) bytes"
        }
    }
}
