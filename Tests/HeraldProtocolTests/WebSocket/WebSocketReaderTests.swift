import HeraldProtocol
import Testing

@Suite struct WebSocketReaderTests {
    typealias Support = WebSocketTestSupport
    static let key: UInt32 = 0x5A17_C0DE
    /// Autobahn 6.4.*'s payload parts: valid "κόσμε", then a surrogate lead (ED A0 80), then "edited".
    static let validPart: [UInt8] = [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5]
    static let invalidPart: [UInt8] = [0xED, 0xA0, 0x80]
    static let restPart: [UInt8] = Array("edited".utf8)

    static func clientFrame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
        WebSocketFrameEncoder.encode(opcode: opcode, payload: payload, fin: fin, maskingKey: key)
    }

    /// Appends `chunk` and drains the reader.
    static func feed(
        _ reader: inout WebSocketReader, _ chunk: [UInt8]
    ) throws(WebSocketProtocolError) -> [WebSocketMessage] {
        reader.append(chunk)
        var messages: [WebSocketMessage] = []
        while let message = try reader.nextMessage() { messages.append(message) }
        return messages
    }

    @Test func failsInvalidUTF8InsideASingleFrameBeforeTheRestArrives() throws {
        // Autobahn 6.4.3: one frame, sent in three chops.
        let frame = Self.clientFrame(.text, Self.validPart + Self.invalidPart + Self.restPart)
        let headerLength = 6
        var reader = WebSocketReader(maxMessageBytes: 1000, expectMasked: true)
        #expect(try Self.feed(&reader, Array(frame[..<(headerLength + Self.validPart.count)])) == [])
        let invalidChop = Array(
            frame[(headerLength + Self.validPart.count)..<(headerLength + Self.validPart.count + 3)])
        #expect(throws: WebSocketProtocolError.invalidUTF8) { try Self.feed(&reader, invalidChop) }
    }

    @Test func failsOnTheSecondByteOfASurrogateArrivingAlone() throws {
        // Autobahn 6.4.4: the chop ends right after the surrogate's lead byte ED, which is still valid.
        let frame = Self.clientFrame(.text, Self.validPart + Self.invalidPart + Self.restPart)
        let edEnd = 6 + Self.validPart.count + 1
        var reader = WebSocketReader(maxMessageBytes: 1000, expectMasked: true)
        #expect(try Self.feed(&reader, Array(frame[..<edEnd])) == [])
        #expect(throws: WebSocketProtocolError.invalidUTF8) { try Self.feed(&reader, [frame[edEnd]]) }
    }

    @Test func failsInvalidUTF8InTheFirstFragmentBeforeFin() throws {
        // Autobahn 6.4.1: three frames; the second holds the invalid sequence.
        var reader = WebSocketReader(maxMessageBytes: 1000, expectMasked: true)
        #expect(try Self.feed(&reader, Self.clientFrame(.text, Self.validPart, fin: false)) == [])
        #expect(throws: WebSocketProtocolError.invalidUTF8) {
            try Self.feed(&reader, Self.clientFrame(.continuation, Self.invalidPart, fin: false))
        }
    }

    @Test func deliversTextSplitIntoManyFramesAndReadsAtEveryBoundary() throws {
        let text = Array("Grüße, κόσμε, 😀! ".utf8)
        var stream: [UInt8] = []
        for (index, byte) in text.enumerated() {
            let opcode: WebSocketOpcode = index == 0 ? .text : .continuation
            stream += Self.clientFrame(opcode, [byte], fin: index == text.count - 1)
            if index == 5 { stream += Self.clientFrame(.ping, Array("p".utf8)) }
        }
        stream += Self.clientFrame(.close, WebSocketClosePayload.encode(rawCode: 1000, reason: "done"))
        let expected: [WebSocketMessage] = [.ping(Array("p".utf8)), .text(text), .close(code: 1000, reason: "done")]
        for cut in 0...stream.count {
            var reader = WebSocketReader(maxMessageBytes: 1000, expectMasked: true)
            let messages = try Self.feed(&reader, Array(stream[..<cut])) + Self.feed(&reader, Array(stream[cut...]))
            #expect(messages == expected, "cut at \(cut)")
        }
        var byteByByte = WebSocketReader(maxMessageBytes: 1000, expectMasked: true)
        var messages: [WebSocketMessage] = []
        for byte in stream { messages += try Self.feed(&byteByByte, [byte]) }
        #expect(messages == expected)
    }

    @Test func rejectsAFragmentThatWouldPassTheLimitFromItsHeader() throws {
        var reader = WebSocketReader(maxMessageBytes: 100, expectMasked: true)
        #expect(try Self.feed(&reader, Self.clientFrame(.binary, Array(repeating: 1, count: 60), fin: false)) == [])
        let header = Array(Self.clientFrame(.continuation, Array(repeating: 2, count: 41)).prefix(6))
        #expect(throws: WebSocketProtocolError.messageTooBig) { try Self.feed(&reader, header) }
    }

    @Test func keepsItsBufferWithinTheMessageLimit() throws {
        var reader = WebSocketReader(maxMessageBytes: 1000, expectMasked: true)
        _ = try Self.feed(&reader, Self.clientFrame(.binary, Array(repeating: 1, count: 990), fin: false))
        let ping = Self.clientFrame(.ping, Array(repeating: 7, count: 125))
        _ = try Self.feed(&reader, Array(ping.dropLast()))
        #expect(reader.bufferedBytes <= 1000 + 125)
    }

    @Test func keepsThrowingAfterAViolation() throws {
        var reader = WebSocketReader(maxMessageBytes: 1000, expectMasked: true)
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try Self.feed(&reader, Self.clientFrame(.continuation, [1]))
        }
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try Self.feed(&reader, Self.clientFrame(.binary, [1]))
        }
    }

    @Test func readsUnmaskedServerFramesAsAClient() throws {
        var reader = WebSocketReader(maxMessageBytes: 1000, expectMasked: false)
        let messages = try Self.feed(
            &reader,
            WebSocketFrameEncoder.encode(opcode: .text, payload: Array("hi".utf8))
                + WebSocketFrameEncoder.closeFrame(code: .tryAgainLater, reason: "slow consumer"))
        #expect(messages == [.text(Array("hi".utf8)), .close(code: 1013, reason: "slow consumer")])
    }

    @Test func deliversASixteenMebibyteMessageInManyFrames() throws {
        let payload = Support.payload(count: 16 * 1024 * 1024, seed: 3)
        let frameSize = 1_000_003
        var reader = WebSocketReader(maxMessageBytes: 16 * 1024 * 1024, expectMasked: true)
        var messages: [WebSocketMessage] = []
        var start = 0
        while start < payload.count {
            let end = min(payload.count, start + frameSize)
            let frame = Self.clientFrame(
                start == 0 ? .binary : .continuation, Array(payload[start..<end]), fin: end == payload.count)
            messages += try Self.feed(&reader, frame)
            start = end
        }
        guard messages.count == 1, case .binary(let received) = messages[0] else {
            Issue.record("expected one binary message, got \(messages.count) messages")
            return
        }
        #expect(Support.sameBytes(received, payload))
    }
}
