import HeraldProtocol
import Testing

@Suite struct WebSocketFrameDecoderTests {
    typealias Support = WebSocketTestSupport
    /// A masked "Hello" text frame from a client (RFC 6455 §5.7).
    static let maskedHello = Support.bytes(hex: "81 85 37 fa 21 3d 7f 9f 4d 51 58")

    struct Violation: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expectMasked = true
        var maxMessageBytes = 1000
        var error: WebSocketProtocolError
        var testDescription: String { name }
    }

    /// Client frames use the all-zero masking key so payload bytes read plainly.
    static let violations: [Violation] =
        [
            Violation(
                name: "unmasked client frame", bytes: Support.bytes(hex: "81 05 48 65 6c 6c 6f"),
                error: .unmaskedClientFrame),
            Violation(
                name: "masked server frame", bytes: maskedHello, expectMasked: false, error: .maskedServerFrame),
            Violation(
                name: "RSV1 without extension", bytes: Support.bytes(hex: "c1 80 00 00 00 00"), error: .reservedBitsSet),
            Violation(name: "RSV2", bytes: Support.bytes(hex: "a1 80 00 00 00 00"), error: .reservedBitsSet),
            Violation(name: "RSV3", bytes: Support.bytes(hex: "91 80 00 00 00 00"), error: .reservedBitsSet),
            Violation(
                name: "fragmented ping", bytes: Support.bytes(hex: "09 80 00 00 00 00"), error: .fragmentedControlFrame),
            Violation(
                name: "fragmented close", bytes: Support.bytes(hex: "08 80 00 00 00 00"), error: .fragmentedControlFrame
            ),
            Violation(
                name: "ping of 126 bytes",
                bytes: Support.bytes(hex: "89 fe 00 7e 00 00 00 00") + Array(repeating: 0x61, count: 126),
                error: .controlFrameTooLong),
            Violation(
                name: "close of 126 bytes",
                bytes: Support.bytes(hex: "88 fe 00 7e 00 00 00 00") + Array(repeating: 0x61, count: 126),
                error: .controlFrameTooLong),
            Violation(
                name: "64-bit length with top bit set",
                bytes: Support.bytes(hex: "82 ff 80 00 00 00 00 00 00 01 00 00 00 00"),
                error: .invalidPayloadLength),
            Violation(
                name: "64-bit length of all ones",
                bytes: Support.bytes(hex: "82 ff ff ff ff ff ff ff ff ff 00 00 00 00"),
                error: .invalidPayloadLength),
            Violation(
                name: "continuation without a message", bytes: Support.bytes(hex: "80 81 00 00 00 00 61"),
                error: .unexpectedContinuation),
            Violation(
                name: "text inside a fragmented message",
                bytes: Support.bytes(hex: "01 81 00 00 00 00 61 81 81 00 00 00 00 62"),
                error: .unfinishedFragmentedMessage),
            Violation(
                name: "binary inside a fragmented message",
                bytes: Support.bytes(hex: "02 81 00 00 00 00 61 82 81 00 00 00 00 62"),
                error: .unfinishedFragmentedMessage),
            Violation(
                name: "single frame over the limit, header only", bytes: Support.bytes(hex: "82 fe 03 e9 00 00 00 00"),
                error: .messageTooBig),
            Violation(
                name: "huge 64-bit length, header only",
                bytes: Support.bytes(hex: "82 ff 7f ff ff ff ff ff ff ff 00 00 00 00"),
                error: .messageTooBig),
            Violation(
                name: "fragments summing over the limit",
                bytes: Support.bytes(hex: "02 fe 01 f4 00 00 00 00") + Array(repeating: 0, count: 500)
                    + Support.bytes(hex: "80 fe 01 f5 00 00 00 00"),
                error: .messageTooBig),
        ]
        + ([0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF] as [UInt8]).map { opcode in
            Violation(
                name: "reserved opcode \(opcode)", bytes: [0x80 | opcode, 0x80, 0, 0, 0, 0],
                error: .reservedOpcode(opcode))
        }

    @Test(arguments: violations)
    func rejectsProtocolViolationsUnderEverySplit(violation: Violation) {
        let outcome = Support.decodeUnderEverySplit(
            violation.bytes, maxMessageBytes: violation.maxMessageBytes, expectMasked: violation.expectMasked)
        #expect(outcome == .failure(violation.error))
    }

    @Test func decidesMessageTooBigFromTheHeaderBeforeAnyPayload() {
        var decoder = WebSocketFrameDecoder(maxMessageBytes: 16 * 1024 * 1024, expectMasked: true)
        // 16 MiB + 1 announced; only the 14 header bytes ever arrive.
        decoder.append(Support.bytes(hex: "82 ff 00 00 00 00 01 00 00 01 12 34 56 78"))
        #expect(throws: WebSocketProtocolError.messageTooBig) { try decoder.nextFrame() }
        #expect(WebSocketProtocolError.messageTooBig.closeCode == .messageTooBig)
    }

    @Test func failsOnABadFirstByteBeforeTheSecondArrives() {
        var decoder = WebSocketFrameDecoder(maxMessageBytes: 1000, expectMasked: true)
        decoder.append([0x83])
        #expect(throws: WebSocketProtocolError.reservedOpcode(3)) { try decoder.nextFrame() }
    }

    @Test func keepsThrowingTheFirstErrorAfterAFailure() {
        var decoder = WebSocketFrameDecoder(maxMessageBytes: 1000, expectMasked: true)
        decoder.append(Support.bytes(hex: "81 05 48 65 6c 6c 6f"))
        #expect(throws: WebSocketProtocolError.unmaskedClientFrame) { try decoder.nextFrame() }
        decoder.append(Self.maskedHello)
        #expect(throws: WebSocketProtocolError.unmaskedClientFrame) { try decoder.nextFrame() }
    }

    @Test func acceptsAMessageOfExactlyTheLimitAcrossFragments() throws {
        let bytes =
            Support.bytes(hex: "02 fe 01 f4 00 00 00 00") + Array(repeating: 1, count: 500)
            + Support.bytes(hex: "89 80 00 00 00 00")  // a ping between fragments
            + Support.bytes(hex: "80 fe 01 f4 00 00 00 00") + Array(repeating: 2, count: 500)
        let frames = try Support.decodeFrames(bytes, maxMessageBytes: 1000, expectMasked: true)
        #expect(frames.map(\.opcode) == [.binary, .ping, .continuation])
        #expect(frames.map(\.payload.count) == [500, 0, 500])
    }

    @Test func acceptsControlFramesOfExactly125Bytes() throws {
        let payload = [UInt8](repeating: 0x61, count: 125)
        let bytes = WebSocketFrameEncoder.encode(opcode: .ping, payload: payload, maskingKey: 0x0102_0304)
        #expect(
            try Support.decodeFrames(bytes, expectMasked: true) == [WebSocketFrame(opcode: .ping, payload: payload)])
    }

    @Test func acceptsNonMinimalLengthEncodings() throws {
        let sixteenBit = Support.bytes(hex: "81 fe 00 05 00 00 00 00 48 65 6c 6c 6f")
        let sixtyFourBit = Support.bytes(hex: "81 ff 00 00 00 00 00 00 00 05 00 00 00 00 48 65 6c 6c 6f")
        let hello = [WebSocketFrame(opcode: .text, payload: Array("Hello".utf8))]
        #expect(try Support.decodeFrames(sixteenBit, expectMasked: true) == hello)
        #expect(try Support.decodeFrames(sixtyFourBit, expectMasked: true) == hello)
    }

    @Test func acceptsRSV1OnlyOnTheFirstDataFrameWhenDeflateIsNegotiated() throws {
        var decoder = WebSocketFrameDecoder(maxMessageBytes: 1000, expectMasked: true, allowRSV1: true)
        decoder.append(Support.bytes(hex: "41 81 00 00 00 00 61"))
        #expect(try decoder.nextFrame()?.rsv1 == true)
        decoder.append(Support.bytes(hex: "c0 81 00 00 00 00 62"))
        #expect(throws: WebSocketProtocolError.reservedBitsSet) { try decoder.nextFrame() }

        var controlDecoder = WebSocketFrameDecoder(maxMessageBytes: 1000, expectMasked: true, allowRSV1: true)
        controlDecoder.append(Support.bytes(hex: "c9 80 00 00 00 00"))
        #expect(throws: WebSocketProtocolError.reservedBitsSet) { try controlDecoder.nextFrame() }
    }

    @Test func exposesTheUnmaskedPrefixOfAFrameStillArriving() throws {
        var decoder = WebSocketFrameDecoder(maxMessageBytes: 1000, expectMasked: true)
        decoder.append(Self.maskedHello.prefix(2 + 4 + 3))
        #expect(try decoder.nextFrame() == nil)
        let prefix = decoder.withPartialPayload { header, bytes in (header.opcode, Array(bytes)) }
        #expect(prefix?.0 == .text)
        #expect(prefix?.1 == Array("Hel".utf8))
        decoder.append(Self.maskedHello.dropFirst(2 + 4 + 3))
        #expect(try decoder.nextFrame()?.payload == Array("Hello".utf8))
        #expect(decoder.withPartialPayload { _, _ in true } == nil)
    }

    @Test func decodesThousandsOfFramesFromOneAppendAndKeepsNoBytes() throws {
        let frame = WebSocketFrameEncoder.encode(opcode: .text, payload: Array("tick".utf8), maskingKey: 0xA1B2_C3D4)
        let stream = Array([[UInt8]](repeating: frame, count: 10_000).joined())
        var decoder = WebSocketFrameDecoder(maxMessageBytes: 1000, expectMasked: true)
        var count = 0
        // Uneven chunks exercise partial headers and compaction of the consumed prefix.
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + 70_001)
            decoder.append(stream[start..<end])
            start = end
            while let decoded = try decoder.nextFrame() {
                #expect(decoded.payload == Array("tick".utf8))
                count += 1
            }
        }
        #expect(count == 10_000)
        #expect(decoder.bufferedBytes == 0)
    }

    @Test func decodesASixteenMebibyteFrameArrivingInSmallReads() throws {
        let payload = Support.payload(count: 16 * 1024 * 1024, seed: 7)
        let frame = WebSocketFrameEncoder.encode(opcode: .binary, payload: payload, maskingKey: 0xDEAD_BEEF)
        var decoder = WebSocketFrameDecoder(maxMessageBytes: 16 * 1024 * 1024, expectMasked: true)
        var decoded: WebSocketFrame?
        var start = 0
        while start < frame.count {
            let end = min(frame.count, start + 65_536 + 3)
            frame.withUnsafeBytes { decoder.append(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            start = end
            if let next = try decoder.nextFrame() { decoded = next }
        }
        #expect(Support.sameBytes(decoded?.payload ?? [], payload))
    }
}
