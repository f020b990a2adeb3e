/// Percent-decoding of URL components (RFC 3986 §2.1), and `+` as space for query strings and
/// `application/x-www-form-urlencoded` bodies.
package enum PercentDecoding {
    /// The decoded bytes, or nil when a `%` is not followed by two hex digits.
    package static func decode(_ encoded: some Collection<UInt8>, plusAsSpace: Bool) -> [UInt8]? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index != encoded.endIndex {
            let byte = encoded[index]
            index = encoded.index(after: index)
            if byte == HTTPBytes.percent {
                guard index != encoded.endIndex, let high = HTTPBytes.hexValue(encoded[index]) else { return nil }
                index = encoded.index(after: index)
                guard index != encoded.endIndex, let low = HTTPBytes.hexValue(encoded[index]) else { return nil }
                index = encoded.index(after: index)
                decoded.append(high &<< 4 | low)
            } else if plusAsSpace && byte == HTTPBytes.plus {
                decoded.append(HTTPBytes.space)
            } else {
                decoded.append(byte)
            }
        }
        return decoded
    }

    /// The decoded text, or nil when an escape is bad or the decoded bytes are not UTF-8.
    package static func decodeString(_ encoded: some Collection<UInt8>, plusAsSpace: Bool) -> String? {
        let needsDecoding = encoded.contains { $0 == HTTPBytes.percent || (plusAsSpace && $0 == HTTPBytes.plus) }
        guard needsDecoding else { return String(validating: encoded, as: UTF8.self) }
        guard let decoded = decode(encoded, plusAsSpace: plusAsSpace) else { return nil }
        return String(validating: decoded, as: UTF8.self)
    }
}
