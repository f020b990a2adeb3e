/// The filter language: compiling a subscription's filter text.
///
/// A subset of CEL over the event: fields `topic`, `event_type`, `id`, `data.a.b`,
/// `data.items[0]`, `data['odd key']`; literals (numbers, `'text'`/`"text"`, `true`, `false`,
/// `null`, lists after `in`); `==` `!=` `<` `<=` `>` `>=` `in`, `&&` `||` `!`, parentheses;
/// `has(field)` and the string methods `startsWith`, `endsWith`, `contains`. A missing field or a
/// type mismatch makes every comparison, `in` and string method false, except `!=`, which is true.
package enum Filter {
    /// Compiles filter text.
    ///
    /// - Parameter maxTextBytes: the longest text accepted. Clients' filters get the default
    ///   (SPEC: 1,024 bytes). A normalized text may be longer than the text it came from
    ///   (spaces around operators, `\u00XX` for a control byte, `100000` for `1e5`), so code that
    ///   recompiles one passes a larger bound; the nesting limit bounds the work either way.
    /// - Throws: `FilterError` with the 1-based byte column of the problem: text longer than
    ///   `maxTextBytes`, nesting deeper than `FilterLimits.maxDepth`, a bad token,
    ///   an unterminated string, an unknown field or function, trailing text, or an expression
    ///   that is not a condition (such as `data.x + 1` or `'text'` alone).
    package static func compile(
        _ text: String, maxTextBytes: Int = FilterLimits.maxTextBytes
    ) throws(FilterError) -> CompiledFilter {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxTextBytes else {
            throw FilterError(at: maxTextBytes, "filter longer than \(maxTextBytes) bytes")
        }
        let syntax = try Parser.parse(bytes)
        let root = ProgramCondition(try ProgramBuilder.build(syntax))
        root.source = Printer.text(syntax)
        return CompiledFilter(root: root)
    }
}

/// A compiled filter: immutable, shareable between threads, and cheap to evaluate.
///
/// Equal (and hashing equal) exactly when the normalized texts are equal, so a gateway can key
/// a dictionary by it and evaluate each distinct filter once per event.
package struct CompiledFilter: Hashable, Sendable, CustomStringConvertible {
    /// The root of the compiled tree, which also holds the normalized text.
    private let root: Condition

    init(root: Condition) {
        self.root = root
    }

    /// The normalized source: `data.amount>100&&topic=="a"` reads `data.amount > 100 && topic == 'a'`.
    package var text: String { root.source }

    /// Whether the event passes the filter. Never fails and never allocates.
    package func matches(_ event: FilterEvent) -> Bool {
        root.evaluate(event)
    }

    /// The normalized source.
    package var description: String { text }

    /// Whether two filters have the same normalized text (and so the same meaning).
    package static func == (left: CompiledFilter, right: CompiledFilter) -> Bool {
        left.text == right.text
    }

    /// Hashes the normalized text.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}

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
