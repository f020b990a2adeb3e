import HeraldProtocol
import Testing

@Suite struct UTF8ValidatorTests {
    /// Markus Kuhn's UTF-8 decoder stress test cases, as used by Autobahn 6.*.
    static let kuhnCases: [(valid: Bool, bytes: [UInt8])] = [
        // 1: some correct UTF-8 text ("κόσμε" and friends)
        (true, [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5]),
        (true, Array("hello$world".utf8)),
        (true, [0x68, 0xC2, 0xA2, 0x77]),
        (true, [0x68, 0xE2, 0x82, 0xAC, 0x77]),
        (true, [0x68, 0xF0, 0xA4, 0xAD, 0xA2, 0x77]),
        // 2.1 / 2.2: first and last sequences of each length
        (true, [0x00]), (true, [0xC2, 0x80]), (true, [0xE0, 0xA0, 0x80]), (true, [0xF0, 0x90, 0x80, 0x80]),
        (true, [0x7F]), (true, [0xDF, 0xBF]), (true, [0xEF, 0xBF, 0xBF]), (true, [0xF4, 0x8F, 0xBF, 0xBF]),
        (false, [0xF8, 0x88, 0x80, 0x80, 0x80]), (false, [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80]),
        (false, [0xF7, 0xBF, 0xBF, 0xBF]), (false, [0xFB, 0xBF, 0xBF, 0xBF, 0xBF]),
        // 2.3: other boundary conditions
        (true, [0xED, 0x9F, 0xBF]), (true, [0xEE, 0x80, 0x80]), (true, [0xEF, 0xBF, 0xBD]),
        (false, [0xF4, 0x90, 0x80, 0x80]),
        // 3.1: unexpected continuation bytes
        (false, [0x80]), (false, [0xBF]), (false, [0x80, 0xBF]), (false, [0x80, 0xBF, 0x80, 0xBF, 0x80, 0xBF]),
        (false, Array(0x80...0xBF)),
        // 3.2: lonely start characters followed by a space
        (false, (0xC0...0xDF).flatMap { [UInt8($0), 0x20] }),
        (false, (0xE0...0xEF).flatMap { [UInt8($0), 0x20] }),
        (false, (0xF0...0xF7).flatMap { [UInt8($0), 0x20] }),
        // 3.3 / 3.4: sequences with the last continuation byte missing
        (false, [0xC0]), (false, [0xE0, 0x80]), (false, [0xF0, 0x80, 0x80]),
        (false, [0xDF]), (false, [0xEF, 0xBF]), (false, [0xF4, 0x8F, 0xBF]),
        (false, [0xDF, 0xEF, 0xBF]),
        // 3.5: impossible bytes
        (false, [0xFE]), (false, [0xFF]), (false, [0xFE, 0xFE, 0xFF, 0xFF]),
        // 4.1–4.3: overlong forms
        (false, [0xC0, 0xAF]), (false, [0xE0, 0x80, 0xAF]), (false, [0xF0, 0x80, 0x80, 0xAF]),
        (false, [0xC1, 0xBF]), (false, [0xE0, 0x9F, 0xBF]), (false, [0xF0, 0x8F, 0xBF, 0xBF]),
        (false, [0xC0, 0x80]), (false, [0xE0, 0x80, 0x80]), (false, [0xF0, 0x80, 0x80, 0x80]),
        // 5.1 / 5.2: UTF-16 surrogates, single and paired
        (false, [0xED, 0xA0, 0x80]), (false, [0xED, 0xAD, 0xBF]), (false, [0xED, 0xAF, 0xBF]),
        (false, [0xED, 0xB0, 0x80]), (false, [0xED, 0xBF, 0xBF]),
        (false, [0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80]), (false, [0xED, 0xAF, 0xBF, 0xED, 0xBF, 0xBF]),
        // 5.3: non-characters are valid UTF-8
        (true, [0xEF, 0xBF, 0xBE]), (true, [0xF0, 0x9F, 0xBF, 0xBF]), (true, [0xF4, 0x8F, 0xBF, 0xBE]),
        // Autobahn 6.3: valid text followed by a surrogate
        (false, [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65, 0x64]),
    ]

    private static func validateWhole(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(bytes) && validator.isComplete
    }

    @Test(arguments: kuhnCases)
    func classifiesKuhnStressCases(valid: Bool, bytes: [UInt8]) {
        #expect(Self.validateWhole(bytes) == valid)
    }

    @Test(arguments: kuhnCases)
    func givesTheSameAnswerFedOneByteAtATime(valid: Bool, bytes: [UInt8]) {
        var validator = UTF8Validator()
        var allAccepted = true
        for byte in bytes { allAccepted = validator.validate([byte]) && allAccepted }
        #expect((allAccepted && validator.isComplete) == valid)
    }

    @Test func acceptsEveryUnicodeScalarAsEncodedByTheStandardLibrary() {
        var text: [UInt8] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            text.append(contentsOf: String(Character(scalar)).utf8)
        }
        #expect(Self.validateWhole(text))
    }

    @Test func agreesWithTheStandardLibraryOnRandomByteStrings() {
        var generator = WebSocketTestSupport.SeededGenerator(seed: 0x6455)
        let interestingBytes: [UInt8] = [
            0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let bytes = (0..<length).map { _ in interestingBytes.randomElement(using: &generator) ?? 0 }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(Self.validateWhole(bytes) == expected, "\(bytes)")
        }
    }

    @Test func rejectsEveryEncodedSurrogate() {
        for value in 0xD800...0xDFFF {
            let encoded: [UInt8] = [0xED, UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F)]
            #expect(!Self.validateWhole(encoded))
        }
    }

    @Test func reportsATruncatedSequenceAsIncompleteButNotInvalid() {
        var validator = UTF8Validator()
        let prefixAccepted = validator.validate([0x61, 0xE2, 0x82])
        #expect(prefixAccepted)
        #expect(!validator.isComplete)
        let restAccepted = validator.validate([0xAC])
        #expect(restAccepted)
        #expect(validator.isComplete)
    }

    @Test func failsOnTheFirstByteThatCannotContinueASplitSequence() {
        var validator = UTF8Validator()
        let prefixAccepted = validator.validate(Array("edited".utf8) + [0xED])
        let surrogateAccepted = validator.validate([0xA0, 0x80])
        #expect(prefixAccepted)
        #expect(!surrogateAccepted)
    }

    @Test func staysFailedAfterAnInvalidSequenceUntilReset() {
        var validator = UTF8Validator()
        let invalidAccepted = validator.validate([0xFF])
        let laterASCIIAccepted = validator.validate([0x61])
        #expect(!invalidAccepted)
        #expect(!laterASCIIAccepted)
        #expect(!validator.isComplete)
        validator.reset()
        let afterResetAccepted = validator.validate([0x61])
        #expect(afterResetAccepted && validator.isComplete)
    }

    @Test func findsAnInvalidByteAtEveryPositionAroundTheASCIIFastPath() {
        let ascii = [UInt8](repeating: 0x61, count: 40)
        for position in 0..<ascii.count {
            var bytes = ascii
            bytes[position] = 0xC0
            #expect(!Self.validateWhole(bytes), "invalid byte at \(position)")
            bytes[position] = 0xC3
            if position + 1 < bytes.count { bytes[position + 1] = 0xA9 }
            #expect(Self.validateWhole(bytes) == (position + 1 < bytes.count), "é at \(position)")
        }
    }
}
