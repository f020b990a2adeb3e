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
        PercentDecoding.withBuffer(query) { parse($0) }
    }

    /// Parses a query string given as text.
    package static func parse(_ query: String) -> [HTTPQueryItem]? {
        parse(query.utf8)
    }

    /// `parse` over contiguous bytes: what the parser calls.
    static func parse(_ query: UnsafeBufferPointer<UInt8>) -> [HTTPQueryItem]? {
        var items: [HTTPQueryItem] = []
        var pieceStart = 0
        while pieceStart < query.count {
            let pieceEnd = ByteSearch.firstIndex(of: HTTPBytes.ampersand, in: query, from: pieceStart, to: query.count)
                ?? query.count
            if pieceEnd > pieceStart {
                let equals = ByteSearch.firstIndex(of: HTTPBytes.equals, in: query, from: pieceStart, to: pieceEnd)
                let nameEnd = equals ?? pieceEnd
                let valueStart = equals.map { $0 &+ 1 } ?? pieceEnd
                guard
                    let name = PercentDecoding.decodeString(
                        UnsafeBufferPointer(rebasing: query[pieceStart..<nameEnd]), plusAsSpace: true),
                    let value = PercentDecoding.decodeString(
                        UnsafeBufferPointer(rebasing: query[valueStart..<pieceEnd]), plusAsSpace: true)
                else { return nil }
                items.append(HTTPQueryItem(name: name, value: value))
            }
            pieceStart = pieceEnd &+ 1
        }
        return items
    }
}
