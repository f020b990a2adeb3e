/// Header fields in the order they were received (or will be written), with case-insensitive lookup.
///
/// Repeated names are kept as separate fields; lookups compare names ASCII case-insensitively.
package struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header field.
    package typealias Field = (name: String, value: String)

    private var fields: [Field]

    /// No fields.
    package init() {
        fields = []
    }

    /// The given fields, in order; names may repeat.
    package init(_ fields: [Field]) {
        self.fields = fields
    }

    /// `["content-type": "text/plain", "cache-control": "no-cache"]`, in literal order.
    package init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The number of fields, counting repeated names separately.
    package var count: Int { fields.count }

    /// True when there are no fields.
    package var isEmpty: Bool { fields.isEmpty }

    /// The value of the first field with this name, or nil.
    package subscript(name: String) -> String? {
        for field in fields where HTTPBytes.equalsIgnoringCase(field.name, name) {
            return field.value
        }
        return nil
    }

    /// The values of every field with this name, in order.
    package func values(for name: String) -> [String] {
        fields.lazy.filter { HTTPBytes.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    /// Whether any field has this name.
    package func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// Whether the comma-separated lists in the fields named `name` have `token` as an element,
    /// compared case-insensitively: `containsToken("upgrade", in: "connection")` is true for
    /// `Connection: keep-alive, Upgrade`.
    package func containsToken(_ token: String, in name: String) -> Bool {
        fields.contains { field in
            HTTPBytes.equalsIgnoringCase(field.name, name) && HTTPBytes.list(field.value, containsToken: token)
        }
    }

    /// Adds a field after the existing ones, keeping any with the same name.
    package mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field with this name by one field with `value`, where the first one was,
    /// or at the end when there was none.
    package mutating func replaceOrAdd(name: String, value: String) {
        guard let first = fields.firstIndex(where: { HTTPBytes.equalsIgnoringCase($0.name, name) }) else {
            fields.append((name: name, value: value))
            return
        }
        var index = fields.count - 1
        while index > first {
            if HTTPBytes.equalsIgnoringCase(fields[index].name, name) { fields.remove(at: index) }
            index -= 1
        }
        fields[first].value = value
    }

    /// Removes every field with this name.
    package mutating func remove(name: String) {
        fields.removeAll { HTTPBytes.equalsIgnoringCase($0.name, name) }
    }

    /// Iterates the fields in order.
    package func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// Equal when the same fields are in the same order; names compare case-insensitively, values exactly.
    package static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { left, right in
                HTTPBytes.equalsIgnoringCase(left.name, right.name) && left.value == right.value
            }
    }
}
