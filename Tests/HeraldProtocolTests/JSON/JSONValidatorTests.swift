import HeraldProtocol
import Testing

@Suite struct JSONValidatorTests {
    /// The validator's verdict on a buffer: nil when valid.
    static func verdict(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) -> JSONError? {
        do {
            try JSONValidator.validate(bytes, maxDepth: maxDepth)
            return nil
        } catch {
            return error
        }
    }

    static func verdict(_ bytes: [UInt8], maxDepth: Int = 64) -> JSONError? {
        bytes.withUnsafeBytes { verdict($0, maxDepth: maxDepth) }
    }

    static func valueRange(_ bytes: [UInt8], from start: Int) -> Result<Range<Int>, JSONError> {
        bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try JSONValidator.validateValue(in: buffer, from: start) }
        }
    }

    /// The offsets of `bytes` without JSON whitespace at either end.
    static func trimmed(_ bytes: [UInt8]) -> Range<Int> {
        let isWhitespace: (UInt8) -> Bool = { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let start = bytes.firstIndex { !isWhitespace($0) } ?? bytes.count
        let end = (bytes.lastIndex { !isWhitespace($0) }).map { $0 + 1 } ?? start
        return start..<end
    }

    @Test(arguments: JSONCases.all)
    func classifiesDocumentsWithReasonAndOffset(_ testCase: JSONCase) {
        #expect(Self.verdict(testCase.bytes) == testCase.error)
        #expect(testCase.bytes.withUnsafeBytes { JSONValidator.isValid($0) } == (testCase.error == nil))
    }

    @Test(arguments: JSONCases.all)
    func givesTheSameVerdictOnASliceOfALargerBuffer(_ testCase: JSONCase) {
        // Bytes on both sides that would change the verdict if the validator looked past the slice:
        // a closing quote, bracket and digits after, an opening quote before.
        let prefix = Array(#"["x", ""#.utf8)
        let buffer = prefix + testCase.bytes + Array(#"1"]] 0123456789"#.utf8)
        let verdict = buffer.withUnsafeBytes { whole in
            Self.verdict(UnsafeRawBufferPointer(rebasing: whole[prefix.count..<prefix.count + testCase.bytes.count]))
        }
        #expect(verdict == testCase.error)
    }

    @Test(arguments: JSONCases.all)
    func reportsWhereTheValueEndsWhenStartingInsideABuffer(_ testCase: JSONCase) {
        let prefix = Array(#"{"data":"#.utf8)
        let buffer = prefix + testCase.bytes
        let result = Self.valueRange(buffer, from: prefix.count)
        switch testCase.error {
        case nil:
            let expected = Self.trimmed(testCase.bytes)
            #expect(result == .success(expected.lowerBound + prefix.count..<expected.upperBound + prefix.count))
        case let error? where error.reason == .trailingContent:
            // The value itself is fine; the document's trouble starts after it.
            guard case .success(let range) = result else {
                Issue.record("expected the value to be accepted, got \(result)")
                return
            }
            let rest = Self.trimmed(Array(buffer[range.upperBound...]))
            #expect(range.upperBound + rest.lowerBound == error.offset + prefix.count)
        case let error?:
            #expect(result == .failure(JSONError(error.reason, at: error.offset + prefix.count)))
        }
    }

    @Test(arguments: JSONCases.valid)
    func stopsAtTheValueEndWhateverFollows(_ testCase: JSONCase) {
        let buffer = testCase.bytes + Array(#",]}"x"#.utf8)
        let expected = Self.trimmed(testCase.bytes)
        #expect(Self.valueRange(buffer, from: 0) == .success(expected))
    }

    @Test func walksTheValuesOfAnNDJSONBody() {
        let body = Array("{\"topic\":\"a\",\"data\":1}\n  [2, 3]\n\"four\"\r\n".utf8)
        var values: [String] = []
        var position = 0
        while case .success(let range) = Self.valueRange(body, from: position) {
            values.append(String(decoding: body[range], as: UTF8.self))
            position = range.upperBound
        }
        #expect(values == [#"{"topic":"a","data":1}"#, "[2, 3]", #""four""#])
        #expect(Self.valueRange(body, from: position) == .failure(JSONError(.unexpectedEnd, at: body.count)))
    }

    @Test func findsAValueInsideADocument() {
        let document = Array(#"{"topic":"t","data": {"x" : [1, 2]} ,"id":3}"#.utf8)
        let start = 20
        let range = Self.valueRange(document, from: start)
        #expect(range.map { String(decoding: document[$0], as: UTF8.self) } == .success(#"{"x" : [1, 2]}"#))
    }

    @Test(arguments: [-1, 11, Int.max])
    func refusesAStartOutsideTheBuffer(start: Int) {
        #expect(Self.valueRange(Array("[1, 2, 3]\n".utf8), from: start) == .failure(JSONError(.unexpectedEnd, at: 10)))
    }

    @Test(arguments: [
        (0, "1", true), (0, "[]", false), (0, "{}", false), (-5, "\"x\"", true), (-5, "[1]", false),
        (1, "[1]", true), (1, "[[1]]", false), (2, #"{"a":[1]}"#, true), (2, #"{"a":[{}]}"#, false),
        (Int.max, "[[[[]]]]", true), (Int.max, "[[[[]]]", false),
    ])
    func appliesTheDepthLimitGiven(maxDepth: Int, text: String, valid: Bool) {
        #expect((Self.verdict(Array(text.utf8), maxDepth: maxDepth) == nil) == valid)
    }

    @Test func tracksArraysAndObjectsAlternatingFarBeyondOneWordOfDepth() {
        // The container kinds are kept one bit per level; 300 levels span five words.
        let depth = 300
        var text = ""
        for level in 0..<depth { text += level % 3 == 0 ? #"{"k":"# : "[" }
        text += "0"
        for level in (0..<depth).reversed() { text += level % 3 == 0 ? "}" : "]" }
        #expect(Self.verdict(Array(text.utf8), maxDepth: depth) == nil)
        #expect(Self.verdict(Array(text.utf8), maxDepth: depth - 1)?.reason == .tooDeep)
        // Swap the innermost closers: the brace must be refused where a bracket is expected.
        var swapped = Array(text.utf8)
        let innermost = swapped.firstIndex(of: UInt8(ascii: "0")).map { $0 + 1 } ?? 0
        swapped.swapAt(innermost, innermost + 2)
        #expect(Self.verdict(swapped, maxDepth: depth)?.reason == .expectedCommaOrEndOfArray)
    }

    @Test(arguments: ["\"", "\\", "\n", "\u{1}", "é", "😀", "\u{7F}"])
    func findsSpecialBytesAtEveryPositionOfALongString(special: String) {
        // Each position relative to the eight-byte words the ASCII fast path reads.
        for position in 0..<24 {
            let content = String(repeating: "a", count: position) + special + String(repeating: "c", count: 9)
            let document = Array(("\"" + content + "\"").utf8)
            let expected: JSONError? =
                switch special {
                case "\"": JSONError(.trailingContent, at: position + 2)
                case "\\": JSONError(.invalidEscape, at: position + 1)
                case "\n", "\u{1}": JSONError(.controlCharacterInString, at: position + 1)
                default: nil
                }
            #expect(Self.verdict(document) == expected, "special byte at \(position)")
        }
    }

    @Test func describesErrorsWithMessageAndOffset() {
        let error = Self.verdict(Array("[1, 2,]".utf8))
        #expect(error?.message == "expected a JSON value")
        #expect(error?.description == "expected a JSON value at byte 6")
    }

    @Test func acceptsALargeDocumentOfEveryKindOfValue() {
        var text = "["
        for index in 0..<2_000 {
            text += #"{"id":\#(index),"name":"item \#(index) é 😀","tags":["a","b\n"],"ok":true,"n":null,"x":-1.5e-3},"#
        }
        text += "0]"
        #expect(Self.verdict(Array(text.utf8)) == nil)
    }
}
