import HeraldProtocol
import Testing

@Suite struct WebSocketFrameEncoderTests {
    typealias Support = WebSocketTestSupport

    /// Payload length → the length bytes after the opcode byte (mask bit clear).
    static let lengthEncodings: [(length: Int, header: [UInt8])] = [
        (0, [0x00]),
        (125, [0x7D]),
        (126, [0x7E, 0x00, 0x7E]),
        (65_535, [0x7E, 0xFF, 0xFF]),
        (65_536, [0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00]),
        (5_000_000, [0x7F, 0, 0, 0, 0, 0, 0x4C, 0x4B, 0x40]),
    ]

    @Test(arguments: lengthEncodings)
    func usesTheMinimalLengthEncoding(length: Int, header: [UInt8]) {
        var output: [UInt8] = []
        WebSocketFrameEncoder.encodeHeader(opcode: .binary, payloadLength: length, into: &output)
        #expect(output == [0x82] + header)
        #expect(WebSocketFrameEncoder.headerLength(payloadLength: length, masked: false) == output.count)
    }

    @Test(arguments: lengthEncodings)
    func setsTheMaskBitAndAppendsTheKeyInWireOrder(length: Int, header: [UInt8]) {
        var output: [UInt8] = []
        WebSocketFrameEncoder.encodeHeader(
            opcode: .text, payloadLength: length, maskingKey: 0x0A0B_0C0D, into: &output)
        #expect(output == [0x81, header[0] | 0x80] + header.dropFirst() + [0x0A, 0x0B, 0x0C, 0x0D])
        #expect(WebSocketFrameEncoder.headerLength(payloadLength: length, masked: true) == output.count)
    }

    @Test func encodesFinRSV1AndOpcodeInTheFirstByte() {
        var output: [UInt8] = []
        WebSocketFrameEncoder.encodeHeader(opcode: .text, payloadLength: 0, fin: false, rsv1: true, into: &output)
        WebSocketFrameEncoder.encodeHeader(opcode: .continuation, payloadLength: 0, into: &output)
        WebSocketFrameEncoder.encodeHeader(opcode: .pong, payloadLength: 0, into: &output)
        #expect(output == [0x41, 0x00, 0x80, 0x00, 0x8A, 0x00])
    }

    @Test func headerPlusSharedPayloadEqualsTheCompleteFrame() {
        let payload = Support.payload(count: 70_000)
        var header: [UInt8] = []
        WebSocketFrameEncoder.encodeHeader(opcode: .binary, payloadLength: payload.count, into: &header)
        #expect(header + payload == WebSocketFrameEncoder.encode(opcode: .binary, payload: payload))
    }

    @Test func masksAtEveryPayloadLengthAndUnmasksBackToTheOriginal() {
        let key: UInt32 = 0x37FA_213D
        let keyBytes: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        for length in 0...40 {
            let payload = Support.payload(count: length, seed: UInt64(length))
            let frame = WebSocketFrameEncoder.encode(opcode: .binary, payload: payload, maskingKey: key)
            let masked = Array(frame.suffix(length))
            #expect(masked == payload.enumerated().map { $0.element ^ keyBytes[$0.offset % 4] })
            #expect(WebSocketMasking.applied(key: key, to: masked) == payload)
        }
    }

    @Test func masksAPayloadInPiecesWithTheRotatingKeyOffset() {
        let key: UInt32 = 0x0102_0304
        let payload = Support.payload(count: 100)
        let whole = WebSocketMasking.applied(key: key, to: payload)
        for cut in 0...payload.count {
            var pieces = payload
            pieces.withUnsafeMutableBytes { bytes in
                WebSocketMasking.apply(key: key, offset: 0, to: UnsafeMutableRawBufferPointer(rebasing: bytes[..<cut]))
                WebSocketMasking.apply(
                    key: key, offset: cut, to: UnsafeMutableRawBufferPointer(rebasing: bytes[cut...]))
            }
            #expect(pieces == whole, "cut at \(cut)")
        }
    }

    @Test func encodesAnyCollectionLikeAnArray() {
        let payload = Support.payload(count: 300)
        #expect(
            WebSocketFrameEncoder.encode(opcode: .binary, payload: payload.lazy.map { $0 }, maskingKey: 7)
                == WebSocketFrameEncoder.encode(opcode: .binary, payload: payload, maskingKey: 7))
    }
}

@Suite struct WebSocketCloseFrameEncodingTests {
    @Test func encodesTheCodeInNetworkOrderThenTheReason() {
        #expect(
            WebSocketFrameEncoder.closeFrame(code: .normalClosure, reason: "bye")
                == [0x88, 0x05, 0x03, 0xE8, 0x62, 0x79, 0x65])
        #expect(WebSocketFrameEncoder.closeFrame(code: .tryAgainLater) == [0x88, 0x02, 0x03, 0xF5])
    }

    @Test func encodesAnEmptyCloseWhenThereIsNoCode() {
        #expect(WebSocketFrameEncoder.closeFrame(rawCode: nil, reason: "ignored") == [0x88, 0x00])
    }

    @Test func masksClientCloseFrames() {
        let frame = WebSocketFrameEncoder.closeFrame(rawCode: 4000, maskingKey: 0xFFFF_0000)
        #expect(frame == [0x88, 0x82, 0xFF, 0xFF, 0x00, 0x00, 0x0F ^ 0xFF, 0xA0 ^ 0xFF])
    }

    @Test(arguments: [
        // (reason, expected reason byte count): ASCII is cut at 123 bytes exactly.
        (String(repeating: "a", count: 200), 123),
        (String(repeating: "a", count: 123), 123),
        // "é" is 2 bytes: 122 ASCII + "é" would end at byte 124, so it is dropped.
        (String(repeating: "a", count: 122) + "é", 122),
        (String(repeating: "a", count: 121) + "é", 123),
        // A 4-byte emoji starting at byte 121 would end at 125.
        (String(repeating: "a", count: 120) + "😀", 120),
        (String(repeating: "€", count: 50), 123),
        (String(repeating: "😀", count: 40), 120),
    ])
    func cutsTheReasonOnACharacterBoundaryToFit123Bytes(reason: String, expectedBytes: Int) {
        let truncated = WebSocketClosePayload.truncatedReason(reason)
        #expect(truncated.count == expectedBytes)
        #expect(String(validating: truncated, as: UTF8.self) != nil)
        #expect(Array(reason.utf8).starts(with: truncated))
        let frame = WebSocketFrameEncoder.closeFrame(code: .policyViolation, reason: reason)
        #expect(frame.count == 2 + 2 + expectedBytes)
    }

    @Test(arguments: WebSocketProtocolError.allExamples)
    func everyProtocolErrorReasonFitsACloseFrame(error: WebSocketProtocolError) {
        #expect(error.reason.utf8.count <= WebSocketClosePayload.maxReasonBytes)
        #expect(WebSocketClosePayload.truncatedReason(error.reason) == Array(error.reason.utf8))
    }
}

extension WebSocketProtocolError {
    /// One value of every case, for table tests.
    static let allExamples: [WebSocketProtocolError] = [
        .unmaskedClientFrame, .maskedServerFrame, .reservedBitsSet, .reservedOpcode(3),
        .fragmentedControlFrame, .controlFrameTooLong, .invalidPayloadLength, .messageTooBig,
        .unexpectedContinuation, .unfinishedFragmentedMessage, .invalidUTF8, .closePayloadTooShort,
        .invalidCloseCode(1005), .invalidCloseReason,
    ]
}
