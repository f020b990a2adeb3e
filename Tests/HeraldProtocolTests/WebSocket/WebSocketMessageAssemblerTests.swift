import HeraldProtocol
import Testing

@Suite struct WebSocketMessageAssemblerTests {
    static func frame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) -> WebSocketFrame {
        WebSocketFrame(fin: fin, opcode: opcode, payload: payload)
    }

    static func text(_ string: String, fin: Bool = true) -> WebSocketFrame {
        frame(.text, Array(string.utf8), fin: fin)
    }

    static func continuation(_ string: String, fin: Bool = true) -> WebSocketFrame {
        frame(.continuation, Array(string.utf8), fin: fin)
    }

    /// Pushes all frames, collecting messages; stops at the first error.
    static func assemble(
        _ frames: [WebSocketFrame], maxMessageBytes: Int = 1000
    ) -> (messages: [WebSocketMessage], error: WebSocketProtocolError?) {
        var assembler = WebSocketMessageAssembler(maxMessageBytes: maxMessageBytes)
        var messages: [WebSocketMessage] = []
        for frame in frames {
            do throws(WebSocketProtocolError) {
                if let message = try assembler.push(frame) { messages.append(message) }
            } catch {
                return (messages, error)
            }
        }
        return (messages, nil)
    }

    @Test func returnsSingleFrameMessagesAsTheyCome() {
        let result = Self.assemble([
            Self.text("hi"), Self.frame(.binary, [0, 1, 2]), Self.frame(.ping, [9]), Self.frame(.pong, []),
        ])
        #expect(result.error == nil)
        #expect(result.messages == [.text(Array("hi".utf8)), .binary([0, 1, 2]), .ping([9]), .pong([])])
    }

    @Test func reassemblesFragmentsAndPassesControlFramesInterleavedBetweenThem() {
        let result = Self.assemble([
            Self.text("Hel", fin: false), Self.frame(.ping, [1]), Self.continuation("l", fin: false),
            Self.frame(.pong, [2]), Self.continuation("o"),
            Self.frame(.binary, [1], fin: false), Self.frame(.continuation, [2]),
        ])
        #expect(result.error == nil)
        #expect(result.messages == [.ping([1]), .pong([2]), .text(Array("Hello".utf8)), .binary([1, 2])])
    }

    @Test func acceptsEmptyFragmentsAndAnEmptyTextMessage() {
        let result = Self.assemble([
            Self.text("", fin: false), Self.continuation("", fin: false), Self.continuation(""), Self.text(""),
        ])
        #expect(result.messages == [.text([]), .text([])])
    }

    @Test(arguments: [
        ([continuation("x")], WebSocketProtocolError.unexpectedContinuation),
        ([text("a"), continuation("x")], .unexpectedContinuation),
        ([text("a", fin: false), text("b")], .unfinishedFragmentedMessage),
        ([text("a", fin: false), frame(.binary, [1])], .unfinishedFragmentedMessage),
        ([frame(.ping, [], fin: false)], .fragmentedControlFrame),
        ([frame(.pong, Array(repeating: 0, count: 126))], .controlFrameTooLong),
    ])
    func rejectsOutOfOrderAndMalformedControlFrames(frames: [WebSocketFrame], error: WebSocketProtocolError) {
        #expect(Self.assemble(frames).error == error)
    }

    @Test func enforcesTheSizeLimitAcrossFragments() {
        let half = [UInt8](repeating: 0x61, count: 500)
        let atLimit = Self.assemble([Self.frame(.binary, half, fin: false), Self.frame(.continuation, half)])
        #expect(atLimit.messages == [.binary(half + half)])
        let overLimit = Self.assemble([Self.frame(.binary, half, fin: false), Self.frame(.continuation, half + [0])])
        #expect(overLimit.error == .messageTooBig)
        #expect(Self.assemble([Self.frame(.text, half + half + [0])]).error == .messageTooBig)
    }

    @Test func failsInvalidUTF8InTheFirstFragmentWithoutWaitingForFin() {
        var assembler = WebSocketMessageAssembler(maxMessageBytes: 1000)
        #expect(throws: WebSocketProtocolError.invalidUTF8) {
            try assembler.push(Self.frame(.text, [0x61, 0xC0, 0xAF], fin: false))
        }
    }

    @Test func validatesACharacterSplitAcrossFragments() {
        // "€" = E2 82 AC, split over three frames.
        let valid = Self.assemble([
            Self.frame(.text, [0xE2], fin: false), Self.frame(.continuation, [0x82], fin: false),
            Self.frame(.continuation, [0xAC]),
        ])
        #expect(valid.messages == [.text([0xE2, 0x82, 0xAC])])
        // A surrogate (ED A0 80) split over two frames fails on the second.
        let surrogate = Self.assemble([
            Self.frame(.text, [0x61, 0xED], fin: false), Self.frame(.continuation, [0xA0, 0x80]),
        ])
        #expect(surrogate.error == .invalidUTF8)
    }

    @Test func rejectsATextMessageEndingInATruncatedCharacter() {
        #expect(Self.assemble([Self.frame(.text, [0x61, 0xE2, 0x82])]).error == .invalidUTF8)
        #expect(
            Self.assemble([Self.frame(.text, [0xE2], fin: false), Self.frame(.continuation, [0x82])]).error
                == .invalidUTF8)
    }

    @Test func doesNotValidateBinaryMessages() {
        #expect(
            Self.assemble([Self.frame(.binary, [0xFF, 0xC0], fin: false), Self.frame(.continuation, [0xED])]).error
                == nil)
    }

    @Test func startsEachTextMessageWithAFreshValidator() {
        // The first message ends cleanly; the second's first byte is a continuation byte.
        let result = Self.assemble([Self.text("é"), Self.frame(.text, [0xA9])])
        #expect(result.messages == [.text(Array("é".utf8))])
        #expect(result.error == .invalidUTF8)
    }
}
