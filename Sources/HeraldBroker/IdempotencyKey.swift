/// A validated `Idempotency-Key`: 1 to ``maxBytes`` bytes of any text.
///
/// Keys are remembered per topic for a while (see ``IdempotencyLimits``), so their size
/// is bounded up front to bound that memory.
package struct IdempotencyKey: Hashable, Sendable {
    /// Longest key accepted, in UTF-8 bytes: generous for UUIDs and request hashes while
    /// keeping the per-topic key window small.
    package static let maxBytes = 255

    /// The key as the publisher sent it.
    package let text: String

    /// Throws ``BrokerError/idempotencyKeyInvalid`` (`bad_request`) for an empty or
    /// over-long key.
    package init(validating text: String) throws(BrokerError) {
        let byteCount = text.utf8.count
        guard byteCount > 0, byteCount <= Self.maxBytes else { throw .idempotencyKeyInvalid }
        self.text = text
    }
}
