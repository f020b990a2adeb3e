import HeraldProtocol
import Testing

/// Encode → decode round trips at every payload-length encoding, masked and
/// not, each fed whole, byte by byte and split at every (or a sample of) boundaries.
@Suite struct WebSocketFrameRoundTripTests {
    typealias Support = WebSocketTestSupport

    static let lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 300_000]

    @Test(arguments: lengths, [true, false])
    func roundTripsEveryLengthEncodingUnderEverySplit(length: Int, masked: Bool) {
        let payload = Support.payload(count: length, seed: UInt64(length))
        let bytes = WebSocketFrameEncoder.encode(
            opcode: .binary, payload: payload, maskingKey: masked ? 0x9C4E_11F0 : nil)
        let outcome = Support.decodeUnderEverySplit(bytes, expectMasked: masked)
        #expect(outcome == .success([WebSocketFrame(opcode: .binary, payload: payload)]))
    }

    @Test(arguments: [true, false])
    func roundTripsAFragmentedMessageWithInterleavedControlFramesUnderEverySplit(masked: Bool) {
        let key: UInt32? = masked ? 0x1234_5678 : nil
        let frames = [
            WebSocketFrame(fin: false, opcode: .text, payload: Array("Hello, ".utf8)),
            WebSocketFrame(opcode: .ping, payload: Array("are you there?".utf8)),
            WebSocketFrame(fin: false, opcode: .continuation, payload: Array(repeating: 0x77, count: 130)),
            WebSocketFrame(opcode: .pong, payload: []),
            WebSocketFrame(opcode: .continuation, payload: Array("world".utf8)),
            WebSocketFrame(opcode: .binary, payload: Support.payload(count: 200)),
            WebSocketFrame(opcode: .close, payload: [0x03, 0xE8]),
        ]
        let bytes = frames.flatMap { frame in
            WebSocketFrameEncoder.encode(
                opcode: frame.opcode, payload: frame.payload, fin: frame.fin, maskingKey: key)
        }
        #expect(Support.decodeUnderEverySplit(bytes, expectMasked: masked) == .success(frames))
    }

    @Test(arguments: [true, false])
    func roundTripsALargeFrameFollowedBySmallOnesUnderSampledSplits(masked: Bool) {
        let frames = [
            WebSocketFrame(opcode: .binary, payload: Support.payload(count: 100_000, seed: 9)),
            WebSocketFrame(opcode: .text, payload: Array("after".utf8)),
            WebSocketFrame(opcode: .ping, payload: []),
        ]
        let bytes = frames.flatMap { frame in
            WebSocketFrameEncoder.encode(
                opcode: frame.opcode, payload: frame.payload, maskingKey: masked ? 0xC0FF_EE00 : nil)
        }
        #expect(Support.decodeUnderEverySplit(bytes, expectMasked: masked) == .success(frames))
    }
}
