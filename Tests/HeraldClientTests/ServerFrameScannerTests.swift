import HeraldClient
import HeraldProtocol
import Testing

@Suite struct ServerFrameScannerTests {
    private func scan(_ bytes: [UInt8], max: Int = 1 << 20) throws(WebSocketProtocolError) -> (
        fin: Bool, opcode: WebSocketOpcode, payload: [UInt8], length: Int
    )? {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(WebSocketProtocolError) in
                try ServerFrameScanner.nextFrame(in: buffer, maxPayloadBytes: max).map {
                    ($0.fin, $0.opcode, Array($0.payload), $0.length)
                }
            }
        }
        return try result.get()
    }

    @Test(arguments: [0, 5, 125, 126, 65_535, 65_536, 200_000])
    func findsFramesOfEveryLengthEncoding(length: Int) throws {
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
        let frame = WebSocketFrameEncoder.encode(opcode: .binary, payload: payload)
        let found = try #require(try scan(frame + [0x81]))
        #expect(found.fin && found.opcode == .binary)
        #expect(found.payload == payload)
        #expect(found.length == frame.count)
    }

    @Test func incompleteFramesNeedMoreAtEverySplit() throws {
        let frame = WebSocketFrameEncoder.encode(
            opcode: .text, payload: Array(repeating: UInt8(ascii: "a"), count: 300))
        for split in 0..<frame.count {
            #expect(try scan(Array(frame[..<split])) == nil)
        }
    }

    @Test func rejectsMaskedFramesReservedBitsAndOversizedPayloads() {
        let masked = WebSocketFrameEncoder.encode(opcode: .text, payload: [1, 2, 3], maskingKey: 0x0102_0304)
        #expect(throws: WebSocketProtocolError.maskedServerFrame) { try scan(masked) }
        #expect(throws: WebSocketProtocolError.reservedBitsSet) { try scan([0xC1, 0x00]) }
        #expect(throws: WebSocketProtocolError.reservedOpcode(3)) { try scan([0x83, 0x00]) }
        #expect(throws: WebSocketProtocolError.fragmentedControlFrame) { try scan([0x09, 0x00]) }
        let big = WebSocketFrameEncoder.encode(opcode: .binary, payload: [UInt8](repeating: 0, count: 200))
        #expect(throws: WebSocketProtocolError.messageTooBig) { try scan(Array(big.prefix(4)), max: 100) }
    }

    @Test func rsv1IsAcceptedAndReportedOnlyWherePermessageDeflateWasAgreed() throws {
        let compressedText: [UInt8] = [0xC1, 0x02, 0xAA, 0xBB]
        #expect(throws: WebSocketProtocolError.reservedBitsSet) { try scan(compressedText) }
        let found = try compressedText.withUnsafeBytes { buffer in
            try #require(try ServerFrameScanner.nextFrame(in: buffer, maxPayloadBytes: 100, allowRSV1: true))
        }
        #expect(found.rsv1 && found.fin && found.opcode == .text && Array(found.payload) == [0xAA, 0xBB])
        // RSV2 and RSV3 stay reserved: permessage-deflate defines RSV1 only.
        for first: UInt8 in [0xA1, 0x91] {
            #expect(throws: WebSocketProtocolError.reservedBitsSet) {
                _ = try [first, 0x00].withUnsafeBytes { buffer throws(WebSocketProtocolError) in
                    try ServerFrameScanner.nextFrame(in: buffer, maxPayloadBytes: 100, allowRSV1: true)
                }
            }
        }
    }
}
