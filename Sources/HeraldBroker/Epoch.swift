/// The first half of every ``EventID``: names one lifetime of a broker's history.
///
/// A new broker (a restart) draws a new epoch, so a client's `since` from before the
/// restart is recognised as another epoch's (its history is lost) instead of being
/// mistaken for an id of the new run.
package struct Epoch: Hashable, Sendable, CustomStringConvertible {
    /// Length of a drawn epoch: 36^6 ≈ 2.2 billion values, so two runs of one node
    /// practically never draw the same epoch (which would make an old `since` look current).
    package static let drawnLength = 6
    /// Longest epoch the parser accepts (room for epochs made elsewhere, e.g. a cluster).
    package static let maxLength = 16

    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    /// Lowercase base-36 characters.
    package let text: String

    /// Accepts 1 to ``maxLength`` characters of `0-9a-z`; nil otherwise.
    package init?(_ text: some StringProtocol) {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= Self.maxLength,
            utf8.allSatisfy({ Self.isBase36Digit($0) })
        else { return nil }
        self.text = String(text)
    }

    /// A fresh epoch of ``drawnLength`` characters from `generator`.
    package static func random(using generator: inout some RandomNumberGenerator) -> Epoch {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(drawnLength)
        for _ in 0..<drawnLength {
            bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
        }
        return Epoch(validatedText: String(decoding: bytes, as: UTF8.self))
    }

    /// A fresh epoch from the system's random source.
    package static func random() -> Epoch {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// The epoch's text.
    package var description: String { text }

    private init(validatedText: String) {
        self.text = validatedText
    }

    static func isBase36Digit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
