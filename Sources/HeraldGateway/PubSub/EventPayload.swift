import HeraldProtocol

/// A publish's body and how SPEC says it is embedded in the envelope's `data`.
struct EventPayload: Sendable {
    enum Embedding: Sendable {
        /// Valid JSON, embedded verbatim.
        case json
        /// UTF-8 text, embedded as a JSON string.
        case string
        /// Anything else, embedded as base64 with `"encoding":"base64"`.
        case base64
    }

    /// Exactly what the publisher sent: `?format=raw` subscribers get these bytes.
    let body: [UInt8]
    let embedding: Embedding
    /// Raw frames are text frames when the body is UTF-8, binary otherwise.
    let isUTF8: Bool

    /// `data` as JSON for filters: the body itself, or the text as a JSON string; nil for
    /// base64 bodies (filters see no `data` fields then).
    var filterData: [UInt8]? {
        switch embedding {
        case .json: return body
        case .string:
            var json: [UInt8] = []
            appendData(to: &json)
            return json
        case .base64: return nil
        }
    }

    /// The `data` value as it goes into the envelope.
    func appendData(to output: inout [UInt8]) {
        switch embedding {
        case .json:
            output.append(contentsOf: body)
        case .string:
            body.withUnsafeBufferPointer { JSONEncoding.appendString(utf8: $0, to: &output) }
        case .base64:
            output.append(UInt8(ascii: "\""))
            Base64.encode(body, into: &output)
            output.append(UInt8(ascii: "\""))
        }
    }
}

/// Why a body cannot be published.
enum PayloadError: Error, Equatable {
    case invalidJSON(offset: Int, message: String)

    var message: String {
        switch self {
        case .invalidJSON(let offset, let message): "the body is not valid JSON: \(message) at byte \(offset)"
        }
    }
}

extension EventPayload {
    /// Classifies an HTTP body by its `Content-Type`, per SPEC's "Event envelope" rules.
    init(body: [UInt8], contentType: String?) throws(PayloadError) {
        let isUTF8 = Self.isUTF8(body)
        self.body = body
        self.isUTF8 = isUTF8
        switch MediaTypeClass(contentType) {
        case .json:
            try Self.requireJSON(body)
            embedding = .json
        case .unspecified:
            embedding = Self.isJSON(body) ? .json : (isUTF8 ? .string : .base64)
        case .text:
            embedding = isUTF8 ? .string : .base64
        case .other:
            embedding = .base64
        }
    }

    /// A `data` value taken from a JSON document (a control message or a batch item): already valid JSON.
    init(jsonData raw: [UInt8]) {
        body = raw
        embedding = .json
        isUTF8 = true
    }

    /// `application/json; charset=utf-8` → `application/json` (lowercased, parameters dropped).
    static func mediaType(of contentType: String) -> String {
        let essence = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return essence.trimmingSpacesAndTabs().lowercased()
    }

    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(bytes) && validator.isComplete
    }

    static func isJSON(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { JSONValidator.isValid($0) }
    }

    static func requireJSON(_ bytes: [UInt8]) throws(PayloadError) {
        do {
            try JSONValidator.validate(bytes)
        } catch {
            throw .invalidJSON(offset: error.offset, message: error.message)
        }
    }
}

extension Substring {
    fileprivate func trimmingSpacesAndTabs() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

/// What SPEC's embedding rules need to know of a `Content-Type`, read without
/// allocating (it runs for every publish).
enum MediaTypeClass: Equatable {
    /// `application/json` or `…+json`.
    case json
    /// No type, or `application/x-www-form-urlencoded` (what `curl -d` sends).
    case unspecified
    /// `text/*`.
    case text
    case other

    init(_ contentType: String?) {
        guard let contentType else {
            self = .unspecified
            return
        }
        var utf8 = contentType.utf8[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        let end = utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex
        var essence = utf8[..<end]
        while let last = essence.last, last == 0x20 || last == 0x09 { essence = essence.dropLast() }
        if essence.isEmpty || Self.equalsIgnoringCase(essence, "application/x-www-form-urlencoded") {
            self = .unspecified
        } else if Self.equalsIgnoringCase(essence, "application/json") || Self.hasSuffixIgnoringCase(essence, "+json") {
            self = .json
        } else if Self.hasPrefixIgnoringCase(essence, "text/") {
            self = .text
        } else {
            self = .other
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    private static func equalsIgnoringCase(_ bytes: Substring.UTF8View.SubSequence, _ lowercase: StaticString) -> Bool {
        bytes.count == lowercase.utf8CodeUnitCount && hasPrefixIgnoringCase(bytes, lowercase)
    }

    private static func hasPrefixIgnoringCase(_ bytes: Substring.UTF8View.SubSequence, _ lowercase: StaticString) -> Bool {
        guard bytes.count >= lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { lower($0) == $1 }
        }
    }

    private static func hasSuffixIgnoringCase(_ bytes: Substring.UTF8View.SubSequence, _ lowercase: StaticString) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return hasPrefixIgnoringCase(bytes.suffix(count), lowercase)
    }
}
