import HeraldTLS
import Testing

@Test func sha1OfABCMatchesFIPSVector() {
    let digest = SHA1.hash(Array("abc".utf8))
    let hex = digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    #expect(hex == "a9993e364706816aba3e25717850c26c9cd0d89d")
}
