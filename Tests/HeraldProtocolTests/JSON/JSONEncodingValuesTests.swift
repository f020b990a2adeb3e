import HeraldProtocol
import Testing

@Suite struct JSONEncodingValuesTests {
    private func written(_ write: (inout [UInt8]) -> Void) -> String {
        var buffer: [UInt8] = []
        write(&buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test(arguments: [0, 1, -1, 9, 10, -10, 99, 100, 1_234_567_890, -987_654_321, Int.max, Int.min])
    func writesSignedIntegersAsTheStandardLibraryDoes(value: Int) {
        #expect(written { JSONEncoding.appendInteger(value, to: &$0) } == String(value))
    }

    @Test(arguments: [0, 7, 10, 18_446_744_073_709_551_615] as [UInt64])
    func writesUnsignedIntegersAsTheStandardLibraryDoes(value: UInt64) {
        #expect(written { JSONEncoding.appendInteger(value, to: &$0) } == String(value))
    }

    @Test func writesLiteralsAndEscapedMemberNames() {
        #expect(written { JSONEncoding.appendBool(true, to: &$0) } == "true")
        #expect(written { JSONEncoding.appendBool(false, to: &$0) } == "false")
        #expect(written { JSONEncoding.appendNull(to: &$0) } == "null")
        #expect(written { JSONEncoding.appendMemberName("say \"hi\"", to: &$0) } == #""say \"hi\"":"#)
    }

    @Test func buildsAnEnvelopeThatEmbedsThePublishedDataVerbatim() throws {
        let body = Array(" {\"orderId\" : \"123\", \"items\": [1, 2.50]}\n".utf8)
        let range = try body.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try JSONValidator.validateValue(in: buffer) }
        }.get()
        var envelope = Array(#"{"type":"event","#.utf8)
        JSONEncoding.appendMemberName("topic", to: &envelope)
        JSONEncoding.appendString("orders.created", to: &envelope)
        envelope.append(UInt8(ascii: ","))
        JSONEncoding.appendMemberName("recipients", to: &envelope)
        JSONEncoding.appendInteger(-3, to: &envelope)
        envelope.append(UInt8(ascii: ","))
        JSONEncoding.appendMemberName("data", to: &envelope)
        envelope.append(contentsOf: body[range])
        envelope.append(UInt8(ascii: "}"))

        let parsed = try JSONDocument.parse(envelope)
        #expect(parsed["topic"]?.stringValue == "orders.created")
        #expect(parsed["recipients"]?.intValue == -3)
        #expect(parsed["data"]?.rawText == #"{"orderId" : "123", "items": [1, 2.50]}"#)
    }
}
