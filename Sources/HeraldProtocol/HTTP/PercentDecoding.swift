/// Percent-decoding of URL components (RFC 3986 §2.1), and `+` as space for query strings and
/// `application/x-www-form-urlencoded` bodies.
package enum PercentDecoding {
    /// The decoded bytes, or nil when a `%` is not followed by two hex digits.
    package static func decode(_ encoded: some Collection<UInt8>, plusAsSpace: Bool) -> [UInt8]? {
        withBuffer(encoded) { decode($0, plusAsSpace: plusAsSpace) }
    }

    /// The decoded text, or nil when an escape is bad or the decoded bytes are not UTF-8.
    package static func decodeString(_ encoded: some Collection<UInt8>, plusAsSpace: Bool) -> String? {
        withBuffer(encoded) { decodeString($0, plusAsSpace: plusAsSpace) }
    }

    /// `decode` over contiguous bytes: what the parser calls.
    static func decode(_ encoded: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> [UInt8]? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(encoded.count)
        var index = 0
        while index < encoded.count {
            let byte = encoded[index]
            if byte == HTTPBytes.percent {
                guard encoded.count &- index >= 3, let high = HTTPBytes.hexValue(encoded[index &+ 1]),
                    let low = HTTPBytes.hexValue(encoded[index &+ 2])
                else { return nil }
                decoded.append(high &<< 4 | low)
                index &+= 3
            } else {
                decoded.append(plusAsSpace && byte == HTTPBytes.plus ? HTTPBytes.space : byte)
                index &+= 1
            }
        }
        return decoded
    }

    /// `decodeString` over contiguous bytes: what the parser calls.
    static func decodeString(_ encoded: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> String? {
        var needsDecoding = false
        for byte in encoded where byte == HTTPBytes.percent || (plusAsSpace && byte == HTTPBytes.plus) {
            needsDecoding = true
            break
        }
        guard needsDecoding else { return validUTF8String(encoded) }
        return decode(encoded, plusAsSpace: plusAsSpace)?.withUnsafeBufferPointer(validUTF8String)
    }

    /// The text of UTF-8 bytes, or nil when they are not valid UTF-8.
    static func validUTF8String(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let string = String(decoding: bytes, as: UTF8.self)
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        // Decoding replaces invalid sequences with U+FFFD, so the bytes were valid exactly when the
        // result spells them unchanged.
        return isASCII || string.utf8.elementsEqual(bytes) ? string : nil
    }

    /// Runs `body` on the bytes of `collection`, copying them only when they are not contiguous.
    static func withBuffer<Result>(
        _ collection: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = collection.withContiguousStorageIfAvailable(body) { return result }
        return Array(collection).withUnsafeBufferPointer(body)
    }
}
