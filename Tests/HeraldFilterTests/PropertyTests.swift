import HeraldFilter
import Testing

/// Random small expressions over random small payloads: the compiled filter agrees with
/// `ReferenceEvaluator`.
@Suite struct PropertyTests {
    private static let keys = ["a", "b", "c"]
    private static let strings = ["", "a", "ab", "b", "é", "aé", "orders.x"]
    private static let numbers: [(String, Double)] = [
        ("0", 0), ("-1", -1), ("2", 2), ("2.0", 2), ("1.5", 1.5), ("15e-1", 1.5), ("1e3", 1000), ("-0.5", -0.5),
    ]

    private static func scalar(_ random: inout SeededGenerator) -> JSONModel {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return Bool.random(using: &random) ? .null : .bool(Bool.random(using: &random))
        case 1, 2:
            let number = numbers.randomElement(using: &random)!
            return .number(number.0, number.1)
        default: return .string(strings.randomElement(using: &random)!)
        }
    }

    private static func json(_ random: inout SeededGenerator, depth: Int) -> JSONModel {
        guard depth < 3, Int.random(in: 0..<3, using: &random) > 0 || depth == 0 else { return scalar(&random) }
        let count = Int.random(in: 0...3, using: &random)
        if depth > 0, Bool.random(using: &random) {
            return .array((0..<count).map { _ in json(&random, depth: depth + 1) })
        }
        return .object((0..<count).map { _ in (keys.randomElement(using: &random)!, json(&random, depth: depth + 1)) })
    }

    private static func path(_ random: inout SeededGenerator) -> [StepModel] {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in
            Int.random(in: 0..<4, using: &random) == 0
                ? .index(Int.random(in: -1...3, using: &random)) : .member(keys.randomElement(using: &random)!)
        }
    }

    private static func operand(_ random: inout SeededGenerator) -> ExprModel {
        switch Int.random(in: 0..<6, using: &random) {
        case 0, 1, 2: return .field(path(&random))
        case 3: return .topic
        default: return .literal(scalar(&random))
        }
    }

    private static func condition(_ random: inout SeededGenerator, depth: Int) -> ExprModel {
        let choice = depth >= 4 ? Int.random(in: 0..<5, using: &random) : Int.random(in: 0..<10, using: &random)
        switch choice {
        case 0, 1:
            let op = ["==", "!=", "<", "<=", ">", ">="].randomElement(using: &random)!
            return .compare(op, operand(&random), operand(&random))
        case 2: return .isIn(operand(&random), (0..<Int.random(in: 0...3, using: &random)).map { _ in scalar(&random) })
        case 3: return .has(path(&random))
        case 4:
            let name = ["startsWith", "endsWith", "contains"].randomElement(using: &random)!
            return .method(name, operand(&random), strings.randomElement(using: &random)!)
        case 5: return .and(condition(&random, depth: depth + 1), condition(&random, depth: depth + 1))
        case 6: return .or(condition(&random, depth: depth + 1), condition(&random, depth: depth + 1))
        case 7: return .not(condition(&random, depth: depth + 1))
        case 8: return .literal(.bool(Bool.random(using: &random)))
        default: return .field(path(&random))
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func compiledFiltersAgreeWithTheReference(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        for _ in 0..<500 {
            let data = Self.json(&random, depth: 0)
            let event = FilterEvent(topic: "orders.x", eventType: nil, id: "1", data: Array(data.json.utf8))
            let reference = ReferenceEvaluator(data: data, topic: "orders.x")
            for _ in 0..<10 {
                let expression = Self.condition(&random, depth: 0)
                let filter = try Filter.compile(expression.text)
                #expect(
                    filter.matches(event) == reference.test(expression), "\(expression.text) on \(data.json)")
                let normalized = try Filter.compile(filter.text)
                #expect(normalized.matches(event) == filter.matches(event), "normalized: \(filter.text)")
            }
        }
    }
}
