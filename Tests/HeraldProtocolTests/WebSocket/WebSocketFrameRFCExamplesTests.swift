import HeraldProtocol
import Testing

/// The example frames of RFC 6455 §5.7, decoded and encoded byte for byte.
@Suite struct WebSocketFrameRFCExamplesTests {
    typealias Support = WebSocketTestSupport
    static let hello = Array("Hello".utf8)

    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var masked: Bool
        var frames: [WebSocketFrame]
        var testDescription: String { name }
    }

    static let examples: [Example] = [
        Example(
            name: "single-frame unmasked text", bytes: Support.bytes(hex: "81 05 48 65 6c 6c 6f"),
            masked: false, frames: [WebSocketFrame(opcode: .text, payload: hello)]),
        Example(
            name: "single-frame masked text",
            bytes: Support.bytes(hex: "81 85 37 fa 21 3d 7f 9f 4d 51 58"),
            masked: true, frames: [WebSocketFrame(opcode: .text, payload: hello)]),
        Example(
            name: "fragmented unmasked text",
            bytes: Support.bytes(hex: "01 03 48 65 6c 80 02 6c 6f"), masked: false,
            frames: [
                WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
                WebSocketFrame(opcode: .continuation, payload: Array("lo".utf8)),
            ]),
        Example(
            name: "unmasked ping", bytes: Support.bytes(hex: "89 05 48 65 6c 6c 6f"), masked: false,
            frames: [WebSocketFrame(opcode: .ping, payload: hello)]),
        Example(
            name: "masked pong", bytes: Support.bytes(hex: "8a 85 37 fa 21 3d 7f 9f 4d 51 58"),
            masked: true, frames: [WebSocketFrame(opcode: .pong, payload: hello)]),
        Example(
            name: "256-byte unmasked binary",
            bytes: Support.bytes(hex: "82 7E 01 00") + Support.payload(count: 256),
            masked: false, frames: [WebSocketFrame(opcode: .binary, payload: Support.payload(count: 256))]),
        Example(
            name: "64 KiB unmasked binary",
            bytes: Support.bytes(hex: "82 7F 00 00 00 00 00 01 00 00") + Support.payload(count: 65_536),
            masked: false, frames: [WebSocketFrame(opcode: .binary, payload: Support.payload(count: 65_536))]),
    ]

    @Test(arguments: examples)
    func decodesToExactlyTheExampleFrames(example: Example) throws {
        let frames = try Support.decodeFrames(example.bytes, expectMasked: example.masked)
        #expect(frames == example.frames)
    }

    @Test(arguments: examples)
    func decodesTheSameUnderEverySplit(example: Example) {
        let outcome = Support.decodeUnderEverySplit(example.bytes, expectMasked: example.masked)
        #expect(outcome == .success(example.frames))
    }

    @Test(arguments: examples)
    func encodesToExactlyTheExampleBytes(example: Example) {
        let key = example.masked ? Support.rfcMaskingKey : nil
        let encoded = example.frames.flatMap { frame in
            WebSocketFrameEncoder.encode(
                opcode: frame.opcode, payload: frame.payload, fin: frame.fin, maskingKey: key)
        }
        #expect(encoded == example.bytes)
    }
}
