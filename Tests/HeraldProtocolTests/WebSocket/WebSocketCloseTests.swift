import HeraldProtocol
import Testing

@Suite struct WebSocketCloseTests {
    /// Autobahn 7.7.* sends these and expects a clean close.
    static let validCodes: [UInt16] = [
        1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999,
    ]
    /// Autobahn 7.9.* sends these (and 7.13.* the last two) and expects a 1002 close.
    static let invalidCodes: [UInt16] = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535]

    @Test(arguments: validCodes)
    func acceptsValidCloseCodes(code: UInt16) throws {
        #expect(WebSocketCloseCode.isValidToReceive(code))
        let payload = WebSocketClosePayload.encode(rawCode: code, reason: "ok")
        let close = try WebSocketClosePayload.parse(payload)
        #expect(close.code == code)
        #expect(close.reason == "ok")
    }

    @Test(arguments: invalidCodes)
    func rejectsInvalidCloseCodesWithProtocolError(code: UInt16) {
        #expect(!WebSocketCloseCode.isValidToReceive(code))
        let payload = WebSocketClosePayload.encode(rawCode: code, reason: "")
        #expect(throws: WebSocketProtocolError.invalidCloseCode(code)) {
            try WebSocketClosePayload.parse(payload)
        }
        #expect(WebSocketProtocolError.invalidCloseCode(code).closeCode == .protocolError)
    }

    @Test func everyCodeHeraldSendsIsValidToReceive() {
        for code in WebSocketCloseCode.allCases {
            #expect(WebSocketCloseCode.isValidToReceive(code.rawValue), "\(code)")
        }
    }

    @Test func acceptsAnEmptyClosePayloadAsNoCode() throws {
        let close = try WebSocketClosePayload.parse([])
        #expect(close.code == nil)
        #expect(close.reason == "")
    }

    @Test func rejectsAOneByteClosePayload() {
        #expect(throws: WebSocketProtocolError.closePayloadTooShort) {
            try WebSocketClosePayload.parse([0x03])
        }
    }

    @Test(
        arguments: [
            // Autobahn 7.5.1: "κόσμε", a surrogate, "ed"
            [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65, 0x64],
            [0x61, 0xE2, 0x82],  // truncated at the end
            [0xFF],
        ] as [[UInt8]])
    func rejectsACloseReasonThatIsNotUTF8WithInvalidPayload(reason: [UInt8]) {
        #expect(throws: WebSocketProtocolError.invalidCloseReason) {
            try WebSocketClosePayload.parse([0x03, 0xE8] + reason)
        }
        #expect(WebSocketProtocolError.invalidCloseReason.closeCode == .invalidPayload)
    }

    @Test func returnsCloseMessagesFromTheAssemblerEvenBetweenFragments() throws {
        var assembler = WebSocketMessageAssembler(maxMessageBytes: 100)
        #expect(try assembler.push(WebSocketFrame(fin: false, opcode: .text, payload: [0x61])) == nil)
        let close = try assembler.push(WebSocketFrame(opcode: .close, payload: [0x0F, 0xA0] + Array("bye".utf8)))
        #expect(close == .close(code: 4000, reason: "bye"))
    }

    @Test func mapsEachProtocolErrorToItsCloseCode() {
        for error in WebSocketProtocolError.allExamples {
            let expected: WebSocketCloseCode =
                switch error {
                case .messageTooBig: .messageTooBig
                case .invalidUTF8, .invalidCloseReason: .invalidPayload
                default: .protocolError
                }
            #expect(error.closeCode == expected, "\(error)")
        }
    }

    @Test func usesTheSPECsCloseCodeNumbers() {
        let numbers = WebSocketCloseCode.allCases.map(\.rawValue)
        #expect(numbers == [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1013])
    }
}
