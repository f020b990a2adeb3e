import HeraldProtocol
import Testing

@Suite struct JSONDocumentTests {
    private static func parse(_ text: String, maxDepth: Int = 64) throws(JSONError) -> JSONValue {
        try JSONDocument.parse(text, maxDepth: maxDepth)
    }

    @Test(arguments: JSONCases.all)
    func agreesWithTheValidatorOnEveryCase(_ testCase: JSONCase) {
        let result = Result { () throws(JSONError) in try JSONDocument.parse(testCase.bytes) }
        switch (result, testCase.error) {
        case (.success(let value), nil):
            #expect(Array(value.raw) == Array(testCase.bytes[JSONValidatorTests.trimmed(testCase.bytes)]))
        case (.failure(let error), let expected?):
            #expect(error == expected)
        default:
            Issue.record("parser: \(result), validator expects \(String(describing: testCase.error))")
        }
    }

    @Test(arguments: JSONCases.valid)
    func givesEveryNestedValueRawBytesThatParseToTheSameValue(_ testCase: JSONCase) throws {
        var pending = [try JSONDocument.parse(testCase.bytes)]
        while let value = pending.popLast() {
            let reparsed = try JSONDocument.parse(value.raw)
            #expect(Array(reparsed.raw) == Array(value.raw))
            #expect(reparsed.raw.indices == value.raw.indices)
            pending += value.arrayValue ?? []
            pending += (value.objectMembers ?? []).map(\.value)
        }
    }

    @Test func keepsObjectMembersInDocumentOrder() throws {
        let value = try Self.parse(#"{"z":1,"a":2,"m":{"y":true,"b":false}}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m"])
        #expect(value["m"]?.objectMembers?.map(\.key) == ["y", "b"])
    }

    @Test func keepsDuplicateNamesAndLooksUpTheFirst() throws {
        let value = try Self.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectMembers?.map(\.key) == ["a", "b", "a"])
        #expect(value.objectMembers?.compactMap(\.value.intValue) == [1, 2, 3])
        #expect(value["a"]?.intValue == 1)
        #expect(value["missing"] == nil)
    }

    @Test func givesNestedValuesTheirExactInputBytes() throws {
        let input = Array(#" {"data": {"a" : [1, 2]}, "s": "x\ty" } "#.utf8)
        let value = try JSONDocument.parse(input)
        #expect(value.rawText == #"{"data": {"a" : [1, 2]}, "s": "x\ty" }"#)
        let data = try #require(value["data"])
        #expect(data.rawText == #"{"a" : [1, 2]}"#)
        #expect(data.raw.startIndex == 10)
        #expect(Array(data.raw) == Array(input[10..<24]))
        #expect(data["a"]?.rawText == "[1, 2]")
        #expect(data["a"]?[1]?.rawText == "2")
        #expect(value["s"]?.rawText == #""x\ty""#)
        #expect(value["s"]?.stringValue == "x\ty")
    }

    @Test func indexesRawBytesLikeTheSliceItWasGiven() throws {
        let whole = Array(#"xx[true, "é"]yy"#.utf8)
        let value = try JSONDocument.parse(whole[2..<14])
        #expect(value.raw.indices == 2..<14)
        #expect(value[1]?.raw.indices == 9..<13)
        #expect(value[1]?.stringValue == "é")
    }

    @Test func reportsErrorOffsetsFromTheStartOfTheSlice() {
        let whole = Array("xx[1,]yy".utf8)
        #expect(throws: JSONError(.expectedValue, at: 3)) { try JSONDocument.parse(whole[2..<6]) }
    }

    @Test(
        arguments: [
            ("42", 42, 42.0, true),
            ("-0", 0, -0.0, true),
            ("1.5", nil, 1.5, false),
            ("1e3", 1000, 1000.0, false),
            ("2.0", 2, 2.0, false),
            ("1E+2", 100, 100.0, false),
            ("9007199254740993", 9_007_199_254_740_993, 9.007199254740992e15, true),
            ("-9223372036854775808", Int.min, -9.223372036854775808e18, true),
            ("9223372036854775808", nil, 9.223372036854775808e18, true),
            ("99999999999999999999", nil, 1e20, true),
            ("1e400", nil, .infinity, false),
            ("-1e400", nil, -.infinity, false),
            ("1e-400", nil, 0.0, false),
            ("0.1", nil, 0.1, false),
            ("-0.0", 0, -0.0, false),
            ("2.50e1", 25, 25.0, false),
            ("0.05e2", 5, 5.0, false),
            ("9007199254740993.0", 9_007_199_254_740_993, 9.007199254740992e15, false),
            ("-92233720368547758.08e2", Int.min, -9.223372036854775808e18, false),
            ("1e19", nil, 1e19, false),
            ("12e-1", nil, 1.2, false),
            ("1E+18", 1_000_000_000_000_000_000, 1e18, false),
        ] as [(String, Int?, Double, Bool)])
    func readsNumbersAsIntAndDoubleKeepingTheirText(text: String, int: Int?, double: Double, isInteger: Bool) throws {
        let number = try #require(try Self.parse(text).numberValue)
        #expect(number.text == text)
        #expect(number.intValue == int)
        #expect(number.doubleValue == double)
        #expect(number.doubleValue.sign == double.sign)
        #expect(number.isInteger == isInteger)
    }

    @Test(arguments: [
        (#""\" \\ \/ \b \f \n \r \t""#, "\" \\ / \u{8} \u{C} \n \r \t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"), (#""\u0000""#, "\u{0}"), (#""\ud83d\ude00""#, "😀"),
        (#""\uD834\uDD1E!""#, "𝄞!"), (#""é\u00e9""#, "éé"), (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        (#""plain""#, "plain"), (#""""#, ""), (#""a\\u0041""#, "a\\u0041"),
    ])
    func decodesStringEscapes(json: String, text: String) throws {
        #expect(try Self.parse(json).stringValue == text)
    }

    @Test func decodesEscapesInMemberNames() throws {
        let value = try Self.parse(#"{"\u0041\n":1,"\ud83d\ude00":2}"#)
        #expect(value["A\n"]?.intValue == 1)
        #expect(value["😀"]?.intValue == 2)
    }

    @Test func answersTypedAccessorsOnlyForTheirKind() throws {
        let value = try Self.parse(#"[null, true, false, "s", 7, [], {}]"#)
        #expect(value[0]?.isNull == true)
        #expect(value[1]?.boolValue == true)
        #expect(value[2]?.boolValue == false)
        #expect(value[3]?.stringValue == "s")
        #expect(value[4]?.intValue == 7)
        #expect(value[4]?.doubleValue == 7)
        #expect(value[5]?.arrayValue?.isEmpty == true)
        #expect(value[6]?.objectMembers?.isEmpty == true)
        #expect(value[7] == nil)
        #expect(value[-1] == nil)
        #expect(value["key"] == nil)
        #expect(value[3]?.intValue == nil)
        #expect(value[4]?.stringValue == nil)
        #expect(value[0]?.boolValue == nil)
        #expect(value.isNull == false)
    }

    @Test func parsesAControlMessage() throws {
        let message = try Self.parse(
            #"{"op":"publish","id":"r3","topic":"chat.room-1","data":{"text":"hi","n":[1,2]}}"#)
        #expect(message["op"]?.stringValue == "publish")
        #expect(message["id"]?.stringValue == "r3")
        #expect(message["data"]?.rawText == #"{"text":"hi","n":[1,2]}"#)
    }

    @Test func parsesFromBorrowedMemory() throws {
        let bytes = Array(#"{"k": [1]}"#.utf8)
        let value = try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try JSONDocument.parse(buffer) }
        }.get()
        #expect(value["k"]?.rawText == "[1]")
    }

    @Test func refusesNestingDeeperThanTheLimitWithoutRecursing() throws {
        #expect(throws: JSONError(.tooDeep, at: 2)) { try Self.parse("[[[1]]]", maxDepth: 2) }
        #expect(try Self.parse("[[1]]", maxDepth: 2).rawText == "[[1]]")
        #expect(throws: JSONError(.tooDeep, at: 0)) { try Self.parse("[]", maxDepth: 0) }
        #expect(try Self.parse("1", maxDepth: 0).intValue == 1)
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(throws: JSONError(.tooDeep, at: 64)) { try Self.parse(deep) }
        let thousand = String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)
        #expect(try Self.parse(thousand, maxDepth: 1_000).rawText == thousand)
    }

    @Test func neverCrashesAndAgreesWithTheValidatorOnMutatedDocuments() {
        var generator = WebSocketTestSupport.SeededGenerator(seed: 0x150A)
        let seeds = JSONCases.valid.map(\.bytes).filter { $0.count > 2 && $0.count < 200 }
        let interesting =
            Array(#"{}[],:"\\/ubfnrt0123456789-+.eE "#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        for _ in 0..<5_000 {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
            for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                let byte = interesting[Int.random(in: 0..<interesting.count, using: &generator)]
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[position] = byte
                case 1: bytes.insert(byte, at: position)
                case 2: if bytes.count > 1 { bytes.remove(at: position) }
                default: bytes = Array(bytes[..<position])
                }
            }
            let parsed = Result { () throws(JSONError) in try JSONDocument.parse(bytes) }
            let verdict = JSONValidatorTests.verdict(bytes)
            switch parsed {
            case .success: #expect(verdict == nil, "\(bytes)")
            case .failure(let error): #expect(verdict == error, "\(bytes)")
            }
        }
    }
}
