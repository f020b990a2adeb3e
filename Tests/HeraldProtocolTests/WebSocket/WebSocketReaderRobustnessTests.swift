import HeraldProtocol
import Testing

/// Untrusted bytes must never crash the reader: random streams and random
/// corruptions of valid ones, in random pieces, only ever yield messages or a
/// protocol error, and an error is final.
@Suite struct WebSocketReaderRobustnessTests {
    typealias Support = WebSocketTestSupport

    /// Feeds `stream` in random pieces; returns the messages and the error, if any.
    static func read(
        _ stream: [UInt8], expectMasked: Bool, using generator: inout Support.SeededGenerator
    ) -> (messages: [WebSocketMessage], error: WebSocketProtocolError?) {
        var reader = WebSocketReader(maxMessageBytes: 4096, expectMasked: expectMasked)
        var messages: [WebSocketMessage] = []
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + Int.random(in: 1...64, using: &generator))
            reader.append(stream[start..<end])
            start = end
            do throws(WebSocketProtocolError) {
                while let message = try reader.nextMessage() { messages.append(message) }
            } catch {
                reader.append([0x81, 0x80, 0, 0, 0, 0])
                let again = Result { () throws(WebSocketProtocolError) in try reader.nextMessage() }
                #expect(again == .failure(error), "an error must be final")
                return (messages, error)
            }
        }
        return (messages, nil)
    }

    @Test(arguments: [true, false])
    func survivesRandomByteStreams(expectMasked: Bool) {
        var generator = Support.SeededGenerator(seed: expectMasked ? 1 : 2)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...300, using: &generator)
            let stream = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = Self.read(stream, expectMasked: expectMasked, using: &generator)
        }
    }

    @Test func survivesCorruptedValidStreams() {
        var generator = Support.SeededGenerator(seed: 3)
        let frames: [[UInt8]] = [
            WebSocketFrameEncoder.encode(
                opcode: .text, payload: Array("κόσμε".utf8), fin: false, maskingKey: 0x0102_0304),
            WebSocketFrameEncoder.encode(opcode: .ping, payload: Array("p".utf8), maskingKey: 0x0506_0708),
            WebSocketFrameEncoder.encode(opcode: .continuation, payload: Array("!".utf8), maskingKey: 0x090A_0B0C),
            WebSocketFrameEncoder.encode(
                opcode: .binary, payload: Support.payload(count: 300), maskingKey: 0x0D0E_0F10),
            WebSocketFrameEncoder.closeFrame(code: .normalClosure, reason: "bye", maskingKey: 0x1112_1314),
        ]
        let valid = Array(frames.joined())
        #expect(Self.read(valid, expectMasked: true, using: &generator).error == nil)
        for _ in 0..<3_000 {
            var stream = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<stream.count, using: &generator)
                stream[index] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = Self.read(stream, expectMasked: true, using: &generator)
        }
    }
}
