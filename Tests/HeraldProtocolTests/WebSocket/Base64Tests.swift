import HeraldProtocol
import Testing

@Suite struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    static let rfc4648Vectors: [(plain: String, encoded: String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: rfc4648Vectors)
    func encodesRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
    }

    @Test(arguments: rfc4648Vectors)
    func decodesRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func roundTripsEveryByteValueAndEveryLengthRemainder() {
        let bytes = (0..<256).map { UInt8($0) }
        for length in 0...bytes.count {
            let slice = Array(bytes[0..<length])
            #expect(Base64.decode(Base64.encode(slice)) == slice)
        }
    }

    @Test func encodeIntoAppendsToExistingBytes() {
        var output = Array("data:".utf8)
        Base64.encode([0xFF, 0xFE], into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "data://4=")
    }

    @Test(arguments: [
        "Zg", "Zg=", "Zm9", "Z===", "====", "Zg==Zg==", "Zm=v", "Z=9v",
        "Zm9v\n", " Zm9v", "Zm 9", "Zm9-", "Zm9_", "Zh==", "Zm9=", "Zm8\u{0}",
    ])
    func decodeRejectsNonCanonicalInput(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func decodesAWebSocketKeyToSixteenBytes() {
        #expect(Base64.decode("dGhlIHNhbXBsZSBub25jZQ==")?.count == 16)
    }
}
