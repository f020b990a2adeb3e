/// HTTP header helpers the handshakes need (RFC 9110 §5.6), kept here so the
/// WebSocket code does not depend on the HTTP codec's types.
///
/// Headers arrive as a list of `(name, value)` pairs in the order received,
/// names in any case, values with surrounding whitespace already removed or not.
enum WebSocketHeaderSyntax {
    /// Whether `text` equals `lowercase` ignoring ASCII case; `lowercase` must be lowercase ASCII.
    static func equalsIgnoringCase(_ text: some StringProtocol, _ lowercase: String) -> Bool {
        text.utf8.elementsEqual(lowercase.utf8) { byte, expected in
            asciiLowercased(byte) == expected
        }
    }

    /// `text` with ASCII letters lowercased (other bytes untouched).
    static func lowercased(_ text: some StringProtocol) -> String {
        String(decoding: text.utf8.map(asciiLowercased), as: UTF8.self)
    }

    /// The values of every header named `name` (lowercase), in order.
    static func values(named name: String, in headers: [(name: String, value: String)]) -> [String] {
        headers.compactMap { header in equalsIgnoringCase(header.name, name) ? header.value : nil }
    }

    /// The non-empty elements of comma-separated list headers (RFC 9110 §5.6.1),
    /// whitespace-trimmed, across all the given header values. For lists of
    /// tokens only: commas inside quoted strings are not recognised.
    static func listElements(_ values: [String]) -> [Substring] {
        values.flatMap { value in
            value.split(separator: ",").map(trimmed).filter { !$0.isEmpty }
        }
    }

    /// Whether any element of the list headers equals `lowercaseToken` ignoring case.
    static func listContains(_ values: [String], token lowercaseToken: String) -> Bool {
        listElements(values).contains { equalsIgnoringCase($0, lowercaseToken) }
    }

    /// `text` without leading and trailing spaces and horizontal tabs.
    static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while let first = result.utf8.first, isWhitespace(first) { result = result.dropFirst() }
        while let last = result.utf8.last, isWhitespace(last) { result = result.dropLast() }
        return result
    }

    /// Whether `text` is a non-empty RFC 9110 token.
    static func isToken(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    /// Whether `byte` may appear in a token: `!#$%&'*+-.^_`|~`, digits, letters.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            tokenSymbols.contains(byte)
        }
    }

    private static let tokenSymbols: [UInt8] = Array("!#$%&'*+-.^_`|~".utf8)

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Whether a header can be written as `name: value` without breaking the
    /// message: the name a token, the value free of CR, LF and NUL.
    static func isSafeToWrite(name: String, value: String) -> Bool {
        isToken(name) && !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// Appends `name: value\r\n`.
    static func appendHeader(name: String, value: String, to output: inout [UInt8]) {
        output.append(contentsOf: name.utf8)
        output.append(contentsOf: ": ".utf8)
        output.append(contentsOf: value.utf8)
        output.append(contentsOf: "\r\n".utf8)
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
