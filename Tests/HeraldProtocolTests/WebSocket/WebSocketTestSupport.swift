import Testing

@testable import HeraldProtocol

/// Helpers shared by the WebSocket tests (namespaced to stay clear of other suites in this target).
enum WebSocketTestSupport {
    /// A deterministic random number generator (SplitMix64) so that "random" tests are repeatable.
    struct SeededGenerator: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Bytes from a hex string such as `"81 05 48 65"` (spaces ignored).
    static func bytes(hex: String) -> [UInt8] {
        let digits = hex.unicodeScalars.filter { $0 != " " }.map { Character($0) }
        var bytes: [UInt8] = []
        var index = 0
        while index + 1 < digits.count {
            bytes.append(UInt8(String(digits[index...index + 1]), radix: 16) ?? 0)
            index += 2
        }
        return bytes
    }

    /// Deterministic payload bytes of the given length.
    static func payload(count: Int, seed: UInt64 = 1) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
