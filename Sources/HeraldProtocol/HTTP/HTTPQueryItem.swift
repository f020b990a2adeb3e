/// One `name=value` pair of a query string, percent-decoded with `+` as space.
package struct HTTPQueryItem: Sendable, Hashable {
    /// The decoded name.
    package var name: String
    /// The decoded value; empty for a bare `name` without `=`.
    package var value: String

    /// A pair.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `a=1&b=x+y&a=2` into pairs in order (names may repeat). Empty pieces (`a=1&&b=2`)
    /// are skipped; a piece without `=` has an empty value. Nil when an escape is bad or a decoded
    /// name or value is not UTF-8. Also suits `application/x-www-form-urlencoded` bodies.
    package static func parse(_ query: some Collection<UInt8>) -> [HTTPQueryItem]? {
        var items: [HTTPQueryItem] = []
        for piece in query.split(separator: HTTPBytes.ampersand, omittingEmptySubsequences: true) {
            let equalsIndex = piece.firstIndex(of: HTTPBytes.equals)
            let encodedName = piece[..<(equalsIndex ?? piece.endIndex)]
            let encodedValue = equalsIndex.map { piece[piece.index(after: $0)...] } ?? piece[piece.endIndex...]
            guard let name = PercentDecoding.decodeString(encodedName, plusAsSpace: true),
                let value = PercentDecoding.decodeString(encodedValue, plusAsSpace: true)
            else { return nil }
            items.append(HTTPQueryItem(name: name, value: value))
        }
        return items
    }

    /// Parses a query string given as text.
    package static func parse(_ query: String) -> [HTTPQueryItem]? {
        parse(query.utf8)
    }
}
