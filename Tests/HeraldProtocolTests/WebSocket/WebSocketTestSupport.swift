import HeraldProtocol
import Testing

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

    /// Deterministic pseudo-random payload bytes of the given length (eight per
    /// generator step, so that multi-megabyte payloads are quick in debug builds).
    static func payload(count: Int, seed: UInt64 = 1) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < count {
                let word = generator.next()
                for shift in 0..<min(8, count - offset) {
                    buffer[offset + shift] = UInt8(truncatingIfNeeded: word >> (UInt64(shift) * 8))
                }
                offset += 8
            }
        }
        return bytes
    }

    /// Whether two byte arrays are equal, compared eight bytes at a time
    /// (`==` on multi-megabyte arrays is slow in debug builds).
    static func sameBytes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        return left.withUnsafeBytes { leftBytes in
            right.withUnsafeBytes { rightBytes in
                var offset = 0
                while leftBytes.count - offset >= 8 {
                    guard
                        leftBytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                            == rightBytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    else { return false }
                    offset += 8
                }
                return leftBytes[offset...].elementsEqual(rightBytes[offset...])
            }
        }
    }

    /// The masking key of the RFC 6455 §5.7 examples.
    static let rfcMaskingKey: UInt32 = 0x37FA_213D

    /// Feeds `input` to a fresh decoder in the pieces cut at `cuts` (sorted
    /// offsets), taking out every complete frame after each piece.
    static func decodeFrames(
        _ input: [UInt8],
        cuts: [Int] = [],
        maxMessageBytes: Int = 1 << 24,
        expectMasked: Bool
    ) throws(WebSocketProtocolError) -> [WebSocketFrame] {
        var decoder = WebSocketFrameDecoder(maxMessageBytes: maxMessageBytes, expectMasked: expectMasked)
        var frames: [WebSocketFrame] = []
        var start = 0
        for end in cuts.filter({ $0 > 0 && $0 < input.count }) + [input.count] where end >= start {
            decoder.append(input[start..<end])
            start = end
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        }
        return frames
    }

    /// The ways `decodeFrames` cuts an input for split tests: whole, byte by
    /// byte, and at every single boundary; for inputs over `exhaustiveLimit`
    /// bytes, every boundary within the first `headerZone` bytes (all headers
    /// of a small frame sequence) plus a spread sample of the rest.
    static func cutPlans(forCount count: Int, exhaustiveLimit: Int = 600, headerZone: Int = 32) -> [[Int]] {
        var plans: [[Int]] = [[]]
        if count <= exhaustiveLimit {
            plans.append(Array(1..<max(1, count)))
            plans.append(contentsOf: (1..<max(1, count)).map { [$0] })
        } else {
            plans.append(Array(stride(from: 1, to: count, by: 997)))
            var single = Set(1..<min(count, headerZone))
            for sample in stride(from: headerZone, to: count, by: max(1, count / 64)) { single.insert(sample) }
            for tail in max(1, count - headerZone)..<count { single.insert(tail) }
            plans.append(contentsOf: single.sorted().map { [$0] })
        }
        return plans
    }

    /// Decodes `input` under every plan from `cutPlans`, requiring the same
    /// outcome (frames or error) each time, and returns it.
    static func decodeUnderEverySplit(
        _ input: [UInt8],
        maxMessageBytes: Int = 1 << 24,
        expectMasked: Bool
    ) -> Result<[WebSocketFrame], WebSocketProtocolError> {
        func decode(_ cuts: [Int]) -> Result<[WebSocketFrame], WebSocketProtocolError> {
            do throws(WebSocketProtocolError) {
                return .success(
                    try decodeFrames(input, cuts: cuts, maxMessageBytes: maxMessageBytes, expectMasked: expectMasked))
            } catch {
                return .failure(error)
            }
        }
        let whole = decode([])
        for plan in cutPlans(forCount: input.count) {
            let outcome = decode(plan)
            #expect(outcome == whole, "cut at \(plan.count == 1 ? "\(plan[0])" : "\(plan.count) points")")
            if outcome != whole { break }
        }
        return whole
    }
}
