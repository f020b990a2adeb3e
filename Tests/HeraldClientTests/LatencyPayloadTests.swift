import HeraldClient
import HeraldCompression
import HeraldProtocol
import Testing

@Suite struct LatencyPayloadTests {
    @Test(arguments: [33, 34, 64, 200, 4096])
    func encodesExactSizeAndScansBack(size: Int) {
        let timestamp: UInt64 = 81_234_567_890_123
        let body = LatencyPayload.make(timestamp: timestamp, size: size)
        #expect(body.count == size)
        #expect(body.starts(with: Array("{\"t\":81234567890123,\"p\":\"".utf8)))
        #expect(body.suffix(2).elementsEqual("\"}".utf8))
        #expect(body.withUnsafeBytes { LatencyPayload.scanTimestamp(in: $0) } == timestamp)
    }

    @Test func effectiveSizeFitsTheLargestTimestamp() {
        let size = LatencyPayload.effectiveSize(requested: 0)
        let body = LatencyPayload.make(timestamp: UInt64.max, size: size)
        #expect(body.count == size)
        #expect(body.withUnsafeBytes { LatencyPayload.scanTimestamp(in: $0) } == UInt64.max)
    }

    @Test func tooSmallRequestsGrowToTheMinimum() {
        let body = LatencyPayload.make(timestamp: 7, size: 1)
        #expect(String(decoding: body, as: UTF8.self) == "{\"t\":7,\"p\":\"\"}")
    }

    @Test func findsTheTimestampInsideHeraldsEnvelope() {
        let envelope =
            #"{"type":"event","topic":"bench0","id":"k3f9-1","time":"2026-11-27T04:12:19.123Z","data":{"t": 42,"p":"xx"}}"#
        #expect(Array(envelope.utf8).withUnsafeBytes { LatencyPayload.scanTimestamp(in: $0) } == 42)
    }

    @Test(arguments: [
        #"{"type":"welcome","session":"s","node":"n","epoch":"e"}"#,
        #"{"t":"not a number"}"#,
        #"{"t":}"#,
        "",
        #""t":"#,
        #"{"t":99999999999999999999999}"#,
    ])
    func framesWithoutATimestampGiveNil(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { LatencyPayload.scanTimestamp(in: $0) } == nil)
    }
}

@Suite struct LatencyPayloadPaddingTests {
    @Test(arguments: [64, 1024, 4096, 10_000])
    func paddingIsJSONSafeTextThatCompressesLikeRealEvents(size: Int) throws {
        let body = LatencyPayload.make(timestamp: 81_234_567_890_123, size: size)
        #expect(body.count == size)
        try body.withUnsafeBytes { try JSONValidator.validate($0) }
        let padding = body.dropFirst("{\"t\":81234567890123,\"p\":\"".count).dropLast(2)
        #expect(padding.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        guard (1024...4096).contains(size) else { return }  // longer bodies repeat the 4 KiB of filler
        // Not a run of one letter: deflate keeps a real share of it (a run would shrink ~50×).
        let deflater = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: true)
        let compressed = deflater.compress(body)
        #expect(compressed.count > body.count / 5 && compressed.count < body.count * 3 / 4)
    }
}
