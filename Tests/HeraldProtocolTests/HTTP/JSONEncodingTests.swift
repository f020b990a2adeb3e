import HeraldProtocol
import Testing

@Suite struct JSONEncodingTests {
    private func encoded(_ string: String) -> String {
        var buffer: [UInt8] = []
        JSONEncoding.appendString(string, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test(arguments: [
        ("", #""""#),
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{8}\u{c}", #""\b\f""#),
        ("\u{0}\u{1}\u{1f}", #""\u0000\u0001\u001f""#),
        ("del\u{7f}", "\"del\u{7f}\""),
        ("slash/", #""slash/""#),
        ("café €  𝄞 🎉", "\"café €  𝄞 🎉\""),
        ("\u{2028}", "\"\u{2028}\""),
    ])
    func jsonEscapesQuotesBackslashAndControlsAndPassesUnicodeThrough(input: String, output: String) {
        #expect(encoded(input) == output)
    }

    @Test func jsonFindsEscapesAtEveryPositionOfALongString() {
        // Exercises the eight-bytes-at-a-time scan: each escapable byte at each offset.
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1f}"] {
            for position in 0..<20 {
                let prefix = String(repeating: "a", count: position)
                let suffix = String(repeating: "é", count: 7)
                let result = encoded(prefix + special + suffix)
                let escaped: String
                switch special {
                case "\"": escaped = "\\\""
                case "\\": escaped = "\\\\"
                case "\n": escaped = "\\n"
                case "\u{0}": escaped = "\\u0000"
                default: escaped = "\\u001f"
                }
                #expect(result == "\"" + prefix + escaped + suffix + "\"")
            }
        }
    }

    @Test func jsonLeavesBytesAbovePrintableASCIIAlone() {
        // 0x20 and 0x7F..0xFF sit just outside the escape classes.
        let bytes: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x7F, 0xC3, 0xA9, 0x20, 0x20, 0x20]
        var buffer: [UInt8] = []
        bytes.withUnsafeBufferPointer { JSONEncoding.appendString(utf8: $0, to: &buffer) }
        #expect(buffer == [0x22] + bytes + [0x22])
    }

    @Test func jsonAppendsAfterExistingBytes() {
        var buffer = Array("{\"k\":".utf8)
        JSONEncoding.appendString("v\u{1}", to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"{"k":"v\u0001""#)
    }
}
