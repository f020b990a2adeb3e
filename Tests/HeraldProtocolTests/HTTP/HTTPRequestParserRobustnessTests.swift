import HeraldProtocol
import Testing

/// A small deterministic generator, so failures reproduce.
private struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

@Suite struct HTTPRequestParserRobustnessTests {
    private static let seeds: [[UInt8]] = [
        "GET /a?b=c&d=%41+x HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n",
        "POST /p HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\nA\r\n0123456789\r\n0\r\nT: v\r\n\r\n",
        "GET http://h/x HTTP/1.0\nA: b\n\n",
    ].map { Array($0.utf8) }

    private static let alphabet: [UInt8] =
        Array("\r\n :;,%+=&?/0123456789abcdefABCDEFGHTPchunkedContent-Length\t\u{0}\"\\".utf8) + [0xFF, 0xC3, 0x80]

    /// Mutated requests (bytes replaced, removed, inserted, repeated) never crash the parser, and
    /// give the same outcome fed whole, one byte at a time and in random pieces.
    @Test func parserSurvivesMutatedRequestsAndStaysSplitInvariant() {
        var random = SplitMix64(state: 0x4845_5241_4C44)
        let limits = HTTPParserLimits(maxHeaderBytes: 200, maxHeaderCount: 5, maxBodyBytes: 64, maxChunkSizeLineBytes: 16)
        for iteration in 0..<600 {
            var input = Self.seeds[random.next(below: Self.seeds.count)]
            if iteration % 3 == 0 { input += Self.seeds[random.next(below: Self.seeds.count)] }
            for _ in 0..<random.next(below: 6) where !input.isEmpty {
                let position = random.next(below: input.count)
                let byte = Self.alphabet[random.next(below: Self.alphabet.count)]
                switch random.next(below: 4) {
                case 0: input[position] = byte
                case 1: input.remove(at: position)
                case 2: input.insert(byte, at: position)
                default: input.insert(contentsOf: repeatElement(input[position], count: random.next(below: 40)), at: position)
                }
            }
            let chosenLimits = iteration % 2 == 0 ? limits : .default
            let whole = parse(input, limits: chosenLimits)
            let bytewise = parse(pieces: input.indices.map { input[$0...$0] }, limits: chosenLimits)
            var pieces: [ArraySlice<UInt8>] = []
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + 1 + random.next(below: 17))
                pieces.append(input[offset..<end])
                offset = end
            }
            let randomPieces = parse(pieces: pieces, limits: chosenLimits)
            #expect(bytewise == whole, "iteration \(iteration)")
            #expect(randomPieces == whole, "iteration \(iteration)")
            #expect(!whole.repeatedContinue)
        }
    }
}
