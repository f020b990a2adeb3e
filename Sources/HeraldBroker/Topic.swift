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

    /// The name.
    package var description: String { name }

    /// The dot-separated tokens, in order.
    var tokens: [Substring] {
        name.split(separator: ".", omittingEmptySubsequences: false)
    }
}

/// The grammar of topic names and subscription patterns (SPEC.md, "Topics").
///
/// Both are 1 to ``maxBytes`` bytes of dot-separated, non-empty tokens without whitespace
/// or control characters. A name's tokens never contain `*` or `>`; a pattern may use `*`
/// as a whole token (exactly one token) and `>` as its whole last token (one or more
/// tokens), with the meaning NATS subjects give them.
package enum TopicSyntax {
    /// Longest topic or pattern, in UTF-8 bytes (SPEC.md).
    package static let maxBytes = 255

    static let separator: UInt8 = 0x2E  // "."
    static let singleWildcard: UInt8 = 0x2A  // "*"
    static let fullWildcard: UInt8 = 0x3E  // ">"

    /// Checks `text` and reports whether it uses wildcards (always false for names).
    ///
    /// Runs in time linear in the length of `text` and allocates nothing.
    static func validate(_ text: String, allowingWildcards: Bool) throws(BrokerError) -> Bool {
        let byteCount = text.utf8.count
        guard byteCount > 0 else { throw .topicEmpty }
        guard byteCount <= maxBytes else { throw .topicTooLong(byteCount: byteCount) }

        var scan = Scan(allowingWildcards: allowingWildcards)
        var byteOffset = 0
        for scalar in text.unicodeScalars {
            if scalar == "." {
                try scan.finishToken(isLast: false)
            } else if isForbidden(scalar) {
                throw .topicInvalidCharacter(byteOffset: byteOffset)
            } else {
                scan.add(scalar)
            }
            byteOffset += UTF8.width(scalar)
        }
        try scan.finishToken(isLast: true)
        return scan.sawWildcard
    }

    /// Whitespace (ASCII or Unicode) and control characters (C0, DEL, C1).
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x20, 0x7F...0x9F: true
        case 0x21..<0x7F: false
        default: scalar.properties.isWhitespace
        }
    }

    /// Per-token state of one validation pass.
    private struct Scan {
        let allowingWildcards: Bool
        var tokenIndex = 1
        var tokenScalars = 0
        var tokenHasWildcard = false
        var tokenIsFullWildcard = false
        var sawWildcard = false

        init(allowingWildcards: Bool) {
            self.allowingWildcards = allowingWildcards
        }

        mutating func add(_ scalar: Unicode.Scalar) {
            tokenScalars += 1
            if scalar == "*" || scalar == ">" {
                tokenHasWildcard = true
                tokenIsFullWildcard = scalar == ">"
            }
        }

        mutating func finishToken(isLast: Bool) throws(BrokerError) {
            guard tokenScalars > 0 else { throw .topicEmptyToken(tokenIndex: tokenIndex) }
            if tokenHasWildcard {
                guard allowingWildcards else { throw .topicWildcardInName(tokenIndex: tokenIndex) }
                guard tokenScalars == 1 else { throw .patternWildcardInsideToken(tokenIndex: tokenIndex) }
                if tokenIsFullWildcard && !isLast {
                    throw .patternFullWildcardNotLast(tokenIndex: tokenIndex)
                }
                sawWildcard = true
            }
            tokenIndex += 1
            tokenScalars = 0
            tokenHasWildcard = false
            tokenIsFullWildcard = false
        }
    }
}
