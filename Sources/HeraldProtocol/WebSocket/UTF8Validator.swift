/// An incremental, strict UTF-8 validator (Unicode Table 3-7, RFC 3629).
///
/// Feed a text message's bytes in any number of pieces; `validate` answers
/// `false` as soon as the input can no longer be valid UTF-8, whatever follows.
/// Rejected: stray continuation bytes, overlong forms, surrogates
/// (U+D800–U+DFFF), code points above U+10FFFF, and the bytes C0, C1, F5–FF.
/// A sequence cut off at the end of a piece is carried over to the next one;
/// `isComplete` tells whether the input so far ends on a character boundary.
///
/// The state is three small integers, so copying the validator is cheap, and
/// runs of ASCII are checked eight bytes at a time.
package struct UTF8Validator: Sendable {
    /// Continuation bytes still expected for the current character (0–3).
    private var pendingContinuationBytes: UInt8 = 0
    /// The range the next continuation byte must fall in. Only the first
    /// continuation byte of E0, ED, F0 and F4 sequences is narrower than 80–BF;
    /// that narrowing is what excludes overlongs, surrogates and > U+10FFFF.
    private var nextLowerBound: UInt8 = 0x80
    private var nextUpperBound: UInt8 = 0xBF
    /// Sticky: once invalid, always invalid until `reset()`.
    private var hasFailed = false

    /// A validator at the start of a message.
    package init() {}

    /// `true` when everything seen so far is valid UTF-8 ending on a character
    /// boundary: check this when the message's last fragment has been validated.
    package var isComplete: Bool {
        !hasFailed && pendingContinuationBytes == 0
    }

    /// Forgets all input, to validate a new message.
    package mutating func reset() {
        self = UTF8Validator()
    }

    /// Validates the next piece of the input.
    ///
    /// - Returns: `false` as soon as an invalid sequence is certain (and from
    ///   then on); `true` if the input so far is valid or a valid prefix.
    package mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !hasFailed else { return false }
        let count = bytes.count
        var index = 0
        while index < count {
            if pendingContinuationBytes == 0 {
                // ASCII fast path: eight bytes with no high bit set are eight characters.
                while count - index >= 8 {
                    let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    guard word & 0x8080_8080_8080_8080 == 0 else { break }
                    index += 8
                }
                guard index < count else { break }
                let byte = bytes[index]
                index += 1
                if byte < 0x80 { continue }
                guard beginSequence(leadByte: byte) else {
                    hasFailed = true
                    return false
                }
            } else {
                let byte = bytes[index]
                index += 1
                guard byte >= nextLowerBound && byte <= nextUpperBound else {
                    hasFailed = true
                    return false
                }
                pendingContinuationBytes -= 1
                nextLowerBound = 0x80
                nextUpperBound = 0xBF
            }
        }
        return true
    }

    /// Validates the next piece of the input held in an array.
    package mutating func validate(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { validate($0) }
    }

    /// Sets up the expectations for the continuation bytes after a non-ASCII lead byte.
    /// - Returns: `false` if `leadByte` can never start a valid sequence.
    private mutating func beginSequence(leadByte: UInt8) -> Bool {
        switch leadByte {
        case 0xC2...0xDF:
            expect(continuationBytes: 1, firstIn: 0x80...0xBF)
        case 0xE0:
            expect(continuationBytes: 2, firstIn: 0xA0...0xBF)  // no overlongs below U+0800
        case 0xE1...0xEC, 0xEE...0xEF:
            expect(continuationBytes: 2, firstIn: 0x80...0xBF)
        case 0xED:
            expect(continuationBytes: 2, firstIn: 0x80...0x9F)  // no surrogates U+D800–U+DFFF
        case 0xF0:
            expect(continuationBytes: 3, firstIn: 0x90...0xBF)  // no overlongs below U+10000
        case 0xF1...0xF3:
            expect(continuationBytes: 3, firstIn: 0x80...0xBF)
        case 0xF4:
            expect(continuationBytes: 3, firstIn: 0x80...0x8F)  // nothing above U+10FFFF
        default:
            return false  // 80–BF stray continuation, C0/C1 overlong, F5–FF out of range
        }
        return true
    }

    private mutating func expect(continuationBytes: UInt8, firstIn range: ClosedRange<UInt8>) {
        pendingContinuationBytes = continuationBytes
        nextLowerBound = range.lowerBound
        nextUpperBound = range.upperBound
    }
}
