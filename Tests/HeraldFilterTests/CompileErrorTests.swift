import HeraldFilter
import Testing

@Suite struct CompileErrorTests {
    /// Filter text, the expected 1-based byte column, and a fragment of the message.
    @Test(arguments: [
        ("", 1, "empty filter"), ("   ", 1, "empty filter"),
        ("data.name == 'abc", 14, "unterminated string"), (#"data.name == "abc"#, 14, "unterminated string"),
        ("data.a == 'x\ny'", 11, "unterminated string"), (#"data.a == 'x\"#, 13, "unterminated string"),
        ("size(data.x) > 1", 1, "unknown function 'size'"), ("data.name.lower()", 11, "unknown method 'lower'"),
        ("data.a == 1 data.b", 13, "unexpected 'data'"), ("data.a == 1)", 12, "unexpected ')'"),
        ("data.a # 1", 8, "unexpected character"), ("data.a = 1", 8, "'=='"), ("data.a & 1", 8, "'&&'"),
        ("data.a | 1", 8, "'||'"), ("foo == 1", 1, "unknown field 'foo'"), ("data.a == ", 11, "expected a value"),
        ("data.a < 1 < 2", 12, "do not chain"), ("data.a == 1 in [1]", 13, "do not chain"),
        ("1", 1, "expected a condition"), ("'x'", 1, "expected a condition"), ("null", 1, "expected a condition"),
        ("[1]", 1, "only allowed after 'in'"), ("data.a == [1]", 11, "only allowed after 'in'"),
        ("topic.x == 1", 7, "only data fields"), ("id[0] == 1", 3, "only data fields"),
        ("data.items[x]", 12, "index must be"), ("data.items[1.5]", 12, "index must be"),
        ("data.a == 1e999", 11, "out of range"), (#"data.a == 'bad \q'"#, 16, "unknown escape"),
        (#"data.a == '\u12'"#, 12, "malformed Unicode escape"), (#"data.a == '\uD800'"#, 12, "not a Unicode scalar"),
        ("has(1)", 5, "has() takes a field"), ("has(data.a", 11, "expected ')'"), ("data.a == 12abc", 11, "malformed number"),
        ("data.a == 1.", 11, "malformed number"), ("data.a == 1e", 11, "malformed number"), ("data.a in", 10, "expected a value"),
        ("(data.a == 1", 13, "expected ')'"), ("data.", 6, "expected a name"), ("data.1", 6, "expected a name"),
        ("data.é == 1", 6, "unexpected character"), ("'é' == data.x &", 16, "'&&'"), ("data.a == -'x'", 11, "'-'"),
        ("&& true", 1, "expected a value"), ("true &&", 8, "expected a value"), ("[1, 2", 6, "expected ',' or ']'"),
        ("in", 1, "expected a value"), ("data.a.startsWith('a'", 22, "expected ')'"), ("data.a == .5", 11, "expected a value"),
        ("data.a == 'tab\there'", 15, "control character"),
    ])
    func errorColumns(_ text: String, _ column: Int, _ fragment: String) {
        do {
            _ = try Filter.compile(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(text): \(error)")
        }
    }

    @Test func lengthLimitIsInBytes() throws {
        let fits = String(repeating: " ", count: 1_020) + "true"
        #expect(fits.utf8.count == 1_024)
        _ = try Filter.compile(fits)
        #expect(throws: FilterError(column: 1_025, message: "filter longer than 1024 bytes")) {
            try Filter.compile(fits + " ")
        }
        // 512 two-byte characters in a string literal: 1,024 bytes of text plus quotes and a comparison.
        let wide = "data.a == '" + String(repeating: "é", count: 510) + "'"
        #expect(throws: FilterError.self) { try Filter.compile(wide) }
    }

    @Test(arguments: ["(", "!", "[", "has(", "data.a.contains("])
    func nestingLimit(_ opener: String) throws {
        func nested(_ depth: Int) -> String {
            switch opener {
            case "(": return String(repeating: "(", count: depth) + "true" + String(repeating: ")", count: depth)
            case "!": return String(repeating: "!", count: depth) + "true"
            case "[": return "1 in " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
            case "has(": return String(repeating: "(", count: depth - 1) + "has(data.a)" + String(repeating: ")", count: depth - 1)
            default:
                return String(repeating: "(", count: depth - 1) + "data.a.contains('x')" + String(repeating: ")", count: depth - 1)
            }
        }
        _ = try? Filter.compile(nested(32))  // may still fail for other reasons (a list of lists), but not for depth
        do {
            _ = try Filter.compile(nested(33))
            Issue.record("depth 33 accepted for \(opener)")
        } catch {
            #expect(error.message.contains("nesting deeper than 32"), "\(error)")
        }
        do {
            _ = try Filter.compile(nested(32))
        } catch {
            #expect(!error.message.contains("nesting"), "\(error)")
        }
    }

    @Test func depthErrorPointsAtTheOpeningToken() {
        #expect(throws: FilterError(column: 33, message: "nesting deeper than 32")) {
            try Filter.compile(String(repeating: "(", count: 40) + "true" + String(repeating: ")", count: 40))
        }
        #expect(throws: FilterError(column: 33, message: "nesting deeper than 32")) {
            try Filter.compile(String(repeating: "!", count: 33) + "true")
        }
    }

    @Test func pathLimit() throws {
        _ = try Filter.compile("has(data" + String(repeating: ".a", count: 32) + ")")
        #expect(throws: FilterError.self) { try Filter.compile("has(data" + String(repeating: ".a", count: 33) + ")") }
    }

    @Test func descriptionCarriesTheColumn() {
        #expect(FilterError(column: 12, message: "unexpected ')'").description == "unexpected ')' at column 12")
    }
}
