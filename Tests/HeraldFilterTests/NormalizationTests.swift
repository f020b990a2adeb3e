import HeraldFilter
import Testing

@Suite struct NormalizationTests {
    @Test(arguments: [
        (#"data.amount>100&&topic=="a""#, "data.amount > 100 && topic == 'a'"),
        ("  data.x   ==  1.50 ", "data.x == 1.5"), ("data.x == 1e3", "data.x == 1000"), ("data.x == 2.5e20", "data.x == 2.5e+20"),
        ("data.x == -0.25", "data.x == -0.25"), ("((data.x == 1))", "data.x == 1"), ("(a_b)", ""),
        ("!(data.a == 1)", "!data.a == 1"), ("!(data.a && data.b)", "!(data.a && data.b)"),
        ("(data.a || data.b) && data.c", "(data.a || data.b) && data.c"), ("data.a || (data.b && data.c)", "data.a || data.b && data.c"),
        (#"data["k"]['odd key'][0] == "it's""#, #"data.k['odd key'][0] == 'it\'s'"#),
        ("data.s == '\\u00e9\\n'", "data.s == 'é\\u000a'"), ("x in [1,2 , 3]", ""), ("data.x in [1,2 , 3]", "data.x in [1, 2, 3]"),
        ("has( data.a )", "has(data.a)"), ("data.s.startsWith( 'a' )", "data.s.startsWith('a')"),
        ("(1).startsWith('a')", "(1).startsWith('a')"), ("(data.a > 1) == (data.b > 2)", "(data.a > 1) == (data.b > 2)"),
        ("true||false", "true || false"), ("event_type=='x'", "event_type == 'x'"),
    ])
    func normalizedText(_ source: String, _ expected: String) throws {
        guard !expected.isEmpty else {
            #expect(throws: FilterError.self) { try Filter.compile(source) }
            return
        }
        let filter = try Filter.compile(source)
        #expect(filter.text == expected)
        let again = try Filter.compile(filter.text)
        #expect(again.text == filter.text)
        #expect(again == filter)
    }

    @Test func equalFiltersShareIdentity() throws {
        let a = try Filter.compile("data.a==1&&data.b=='x'")
        let b = try Filter.compile(#"data.a == 1 && data.b == "x""#)
        let c = try Filter.compile("data.a == 1 && data.b == 'y'")
        #expect(a == b)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
        #expect(a.description == a.text)
    }

    @Test(arguments: [
        ("data.in == 1", "data.in == 1"), ("data.true == data.null", "data.true == data.null"),
        ("data['startsWith'] == 1", "data.startsWith == 1"), ("data['1a'] == 1", "data['1a'] == 1"),
        ("data['a\\'b'] == 1", "data['a\\'b'] == 1"), ("data.x in []", "data.x in []"),
    ])
    func memberNamesRoundTrip(_ source: String, _ expected: String) throws {
        let filter = try Filter.compile(source)
        #expect(filter.text == expected)
        #expect(try Filter.compile(filter.text) == filter)
    }

    @Test func aDictionaryKeyedByFilterDeduplicates() throws {
        var groups: [CompiledFilter: Int] = [:]
        for text in ["data.a>1", "data.a > 1", "(data.a > 1)", "data.a > 1.0", "data.a > 2"] {
            groups[try Filter.compile(text), default: 0] += 1
        }
        #expect(groups.count == 2)
    }

    @Test func aNormalizedTextLongerThanTheLimitStillRecompilesToTheSameFilter() throws {
        // 200 two-byte escapes print as six-byte \u00XX ones; spaces go around `==` and `&&`.
        let source = "data.s=='" + String(repeating: "\\f", count: 200) + "'&&data.n==1e5"
        #expect(source.utf8.count <= FilterLimits.maxTextBytes)
        let filter = try Filter.compile(source)
        #expect(filter.text.utf8.count > FilterLimits.maxTextBytes)
        #expect(filter.text.hasSuffix("' && data.n == 100000"))
        // Clients still get the SPEC's limit; recompiling normalized text takes a larger bound.
        #expect(throws: FilterError.self) { try Filter.compile(filter.text) }
        let again = try Filter.compile(filter.text, maxTextBytes: .max)
        #expect(again == filter && again.text == filter.text)
    }
}
