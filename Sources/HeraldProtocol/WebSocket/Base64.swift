/// Base64 with the standard alphabet and `=` padding (RFC 4648 §4).
///
/// Used for `Sec-WebSocket-Key`/`Sec-WebSocket-Accept` and, in the gateway,
/// for embedding binary payloads in JSON. Decoding is strict: it accepts only
/// canonical encodings and returns `nil` for anything else, so untrusted input
/// can be handed to it directly.
package enum Base64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let padding = UInt8(ascii: "=")
    /// Marks bytes outside the alphabet in `decodeTable`.
    private static let invalid: UInt8 = 0xFF

    /// Maps an ASCII byte to its 6-bit value, or `invalid`.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, symbol) in alphabet.enumerated() {
            table[Int(symbol)] = UInt8(value)
        }
        return table
    }()

    /// The number of characters `encode` produces for `byteCount` input bytes.
    package static func encodedLength(ofByteCount byteCount: Int) -> Int {
        (byteCount + 2) / 3 * 4
    }

    /// Encodes `bytes` as padded Base64 text.
    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        encode(bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the padded Base64 encoding of `bytes` to `output` as ASCII bytes,
    /// for callers building a larger byte buffer (a JSON envelope, a header block).
    package static func encode(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + encodedLength(ofByteCount: bytes.count))
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(second == nil ? padding : alphabet[Int(group >> 6 & 0x3F)])
            output.append(third == nil ? padding : alphabet[Int(group & 0x3F)])
        }
    }

    /// Decodes canonical padded Base64 text; `nil` for anything else.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        decode(bytes: Array(text.utf8))
    }

    /// Decodes canonical padded Base64 given as ASCII bytes; `nil` for anything else.
    ///
    /// Rejected: a length that is not a multiple of 4, bytes outside the alphabet
    /// (whitespace included), `=` anywhere but the last one or two positions, and
    /// non-zero bits in the final group's unused low bits (RFC 4648 §3.5), so that
    /// every byte string has exactly one accepted encoding.
    package static func decode(bytes input: [UInt8]) -> [UInt8]? {
        guard input.count % 4 == 0 else { return nil }
        guard !input.isEmpty else { return [] }
        var paddingCount = 0
        if input[input.count - 1] == padding { paddingCount += 1 }
        if input[input.count - 2] == padding { paddingCount += 1 }
        if paddingCount == 1 && input[input.count - 2] == padding { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3 - paddingCount)
        let lastGroupStart = input.count - 4
        var index = 0
        while index < input.count {
            let isLastGroup = index == lastGroupStart
            let symbolCount = isLastGroup ? 4 - paddingCount : 4
            var group: UInt32 = 0
            for offset in 0..<4 {
                var value: UInt8 = 0
                if offset < symbolCount {
                    value = decodeTable[Int(input[index + offset])]
                    guard value != invalid else { return nil }
                }
                group = group << 6 | UInt32(value)
            }
            output.append(UInt8(truncatingIfNeeded: group >> 16))
            switch symbolCount {
            case 4:
                output.append(UInt8(truncatingIfNeeded: group >> 8))
                output.append(UInt8(truncatingIfNeeded: group))
            case 3:
                guard group & 0xFF == 0 else { return nil }
                output.append(UInt8(truncatingIfNeeded: group >> 8))
            default:
                guard group & 0xFFFF == 0 else { return nil }
            }
            index += 4
        }
        return output
    }
}
