/// A parsed JSON value together with the exact bytes it was parsed from.
///
/// `kind` is the value (an enum to switch over); `raw` is the slice of the input it occupied, from
/// its first byte to its last, whitespace inside included and around it excluded, so that Herald can
/// embed a publisher's `data` verbatim. `raw` shares the parsed array's storage: holding any value
/// keeps the whole input alive, which is what small control messages and batches want.
package struct JSONValue: Sendable, CustomStringConvertible {
    /// What a JSON value is.
    package enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONValue])
        /// Members in document order. Duplicate names are all kept, in order; `subscript(key:)`
        /// finds the first.
        case object([(key: String, value: JSONValue)])
    }

    /// The value.
    package let kind: Kind
    /// The value's exact bytes in the input, with the input's indices.
    package let raw: ArraySlice<UInt8>

    /// A value and the bytes it came from.
    package init(_ kind: Kind, raw: ArraySlice<UInt8>) {
        self.kind = kind
        self.raw = raw
    }

    /// The raw bytes as text (they are valid UTF-8, as the parser checked).
    package var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// The raw text: what the value looked like in the input.
    package var description: String { rawText }

    // MARK: Lookups

    /// The value of the first member named `key` when this is an object; nil otherwise.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// The element at `index` when this is an array and `index` is in range; nil otherwise.
    package subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = kind, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    // MARK: Typed access (nil when the value is of another kind)

    /// Whether this is `null`.
    package var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// The value of `true` or `false`.
    package var boolValue: Bool? {
        if case .bool(let value) = kind { return value }
        return nil
    }

    /// The number, with its exact text.
    package var numberValue: JSONNumber? {
        if case .number(let number) = kind { return number }
        return nil
    }

    /// A number that is a whole `Int` (see `JSONNumber.intValue`).
    package var intValue: Int? { numberValue?.intValue }

    /// A number as the nearest `Double`.
    package var doubleValue: Double? { numberValue?.doubleValue }

    /// A string's text, escapes decoded.
    package var stringValue: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    /// An array's elements.
    package var arrayValue: [JSONValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    /// An object's members, in document order, duplicates included.
    package var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = kind { return members }
        return nil
    }
}
