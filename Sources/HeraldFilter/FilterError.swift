/// Why a filter's text was refused, and where.
///
/// The gateway reports every one of these with the error code `bad_filter`, the `message` and
/// the `column`. Evaluation never fails: only compiling can.
package struct FilterError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based byte column of the offending text (`1` for an empty filter, `1025` for a
    /// filter longer than the limit).
    package let column: Int
    /// A short human-readable reason, without the column.
    package let message: String

    /// An error at a 1-based byte column.
    package init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// An error at a 0-based byte offset into the filter text.
    init(at offset: Int, _ message: String) {
        self.init(column: offset &+ 1, message: message)
    }

    /// The message with its column, as the gateway sends it: `"… at column 12"`.
    package var description: String { "\(message) at column \(column)" }
}

/// The limits the filter language enforces at compile time.
package enum FilterLimits {
    /// The longest accepted filter text, in bytes.
    package static let maxTextBytes = 1_024
    /// How deeply parentheses, lists, calls, indexes and `!` may nest, and how many steps a field
    /// path below `data` may take. Payload values deeper than this are invisible to filters.
    package static let maxDepth = 32
}
