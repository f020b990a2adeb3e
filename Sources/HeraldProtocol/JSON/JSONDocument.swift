/// Parsing a JSON document into `JSONValue`s: for small documents such as WebSocket control
/// messages and publish batches. (To check a body without building values, use `JSONValidator`:
/// it accepts exactly the same texts and reports the same errors.)
package enum JSONDocument {
    /// Parses one document: optional whitespace, one value, optional whitespace.
    ///
    /// Every value's `raw` is a slice of `bytes` (same indices). Error offsets count from
    /// `bytes.startIndex`. Nesting is limited to `maxDepth` open arrays and objects; parsing is
    /// iterative, but releasing a value tree recurses once per level, so keep the limit modest.
    package static func parse(
        _ bytes: ArraySlice<UInt8>,
        maxDepth: Int = JSONValidator.defaultMaxDepth
    ) throws(JSONError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) -> JSONValue in
                var parser = JSONParser(source: bytes, buffer: buffer, depthLimit: max(maxDepth, 0))
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }

    /// Parses one document held in an array.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = JSONValidator.defaultMaxDepth) throws(JSONError)
        -> JSONValue
    {
        try parse(bytes[...], maxDepth: maxDepth)
    }

    /// Parses one document from borrowed memory, which is copied once so that values can keep
    /// their raw bytes.
    package static func parse(
        _ bytes: UnsafeRawBufferPointer,
        maxDepth: Int = JSONValidator.defaultMaxDepth
    ) throws(JSONError) -> JSONValue {
        try parse(Array(bytes)[...], maxDepth: maxDepth)
    }

    /// Parses one document from its text.
    package static func parse(_ text: String, maxDepth: Int = JSONValidator.defaultMaxDepth) throws(JSONError)
        -> JSONValue
    {
        try parse(Array(text.utf8)[...], maxDepth: maxDepth)
    }
}

/// The structure of a document on top of `JSONScanner`'s tokens, with an explicit stack of the
/// containers still open instead of recursion.
private struct JSONParser {
    /// An array or object whose closing bracket has not been reached yet.
    private struct OpenContainer {
        let start: Int
        let isObject: Bool
        var elements: [JSONValue] = []
        var members: [(key: String, value: JSONValue)] = []
        /// The name of the member whose value is being parsed.
        var pendingName = ""
    }

    private let source: ArraySlice<UInt8>
    private var scanner: JSONScanner
    private let depthLimit: Int

    init(source: ArraySlice<UInt8>, buffer: UnsafeRawBufferPointer, depthLimit: Int) {
        self.source = source
        self.scanner = JSONScanner(buffer)
        self.depthLimit = depthLimit
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        scanner.skipWhitespace()
        let value = try parseValue()
        scanner.skipWhitespace()
        if scanner.position < scanner.bytes.count { throw JSONError(.trailingContent, at: scanner.position) }
        return value
    }

    /// Parses the value at the scanner's position; it mirrors `JSONValidator.skipValue`.
    private mutating func parseValue() throws(JSONError) -> JSONValue {
        var open: [OpenContainer] = []
        while true {
            var value: JSONValue
            let start = scanner.position
            guard let byte = scanner.currentByte else { throw JSONError(.unexpectedEnd, at: start) }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard open.count < depthLimit else { throw JSONError(.tooDeep, at: start) }
                let isObject = byte == UInt8(ascii: "{")
                scanner.advance()
                scanner.skipWhitespace()
                if scanner.currentByte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    scanner.advance()
                    value = JSONValue(isObject ? .object([]) : .array([]), raw: raw(from: start))
                } else {
                    var container = OpenContainer(start: start, isObject: isObject)
                    if isObject { container.pendingName = try parseMemberName() }
                    open.append(container)
                    continue
                }
            case UInt8(ascii: "\""):
                let hasEscapes = try scanner.scanString()
                let text = scanner.decodeString(in: start..<scanner.position, hasEscapes: hasEscapes)
                value = JSONValue(.string(text), raw: raw(from: start))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let isInteger = try scanner.scanNumber()
                let text = String(
                    decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[start..<scanner.position]), as: UTF8.self)
                value = JSONValue(.number(JSONNumber(validText: text, isInteger: isInteger)), raw: raw(from: start))
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let literal = try scanner.scanLiteral()
                value = JSONValue(literal.map { .bool($0) } ?? .null, raw: raw(from: start))
            default:
                throw JSONError(.expectedValue, at: start)
            }
            // A value ended: add it to its container, closing containers until one continues.
            closing: while true {
                guard var container = open.popLast() else { return value }
                if container.isObject {
                    container.members.append((container.pendingName, value))
                } else {
                    container.elements.append(value)
                }
                scanner.skipWhitespace()
                switch scanner.currentByte {
                case UInt8(ascii: ","):
                    scanner.advance()
                    scanner.skipWhitespace()
                    if container.isObject { container.pendingName = try parseMemberName() }
                    open.append(container)
                    break closing
                case UInt8(ascii: "}") where container.isObject, UInt8(ascii: "]") where !container.isObject:
                    scanner.advance()
                    let kind: JSONValue.Kind =
                        container.isObject ? .object(container.members) : .array(container.elements)
                    value = JSONValue(kind, raw: raw(from: container.start))
                default:
                    throw scanner.failure(container.isObject ? .expectedCommaOrEndOfObject : .expectedCommaOrEndOfArray)
                }
            }
        }
    }

    /// Parses a member name and the `:` after it, leaving the scanner at the value.
    private mutating func parseMemberName() throws(JSONError) -> String {
        let name = try scanner.scanMemberName()
        return scanner.decodeString(in: name.token, hasEscapes: name.hasEscapes)
    }

    /// The source bytes from offset `start` to the scanner's position.
    private func raw(from start: Int) -> ArraySlice<UInt8> {
        source[source.startIndex &+ start..<source.startIndex &+ scanner.position]
    }
}
