import HeraldCompression
import Testing

@Suite struct DeflaterInflaterTests {
    private static let text = Array(String(repeating: "Herald pushes events to subscribers. ", count: 200).utf8)

    @Test(arguments: [8, 9, 12, 15])
    func roundTripsAtEveryWindowSize(windowBits: Int) throws {
        let deflater = try Deflater(level: 6, windowBits: windowBits, memoryLevel: 8, noContextTakeover: true)
        let inflater = try Inflater(windowBits: windowBits == 8 ? 8 : windowBits, noContextTakeover: true)
        for message in [Self.text, [], [0x41], Array(0...255).map(UInt8.init)] {
            let compressed = deflater.compress(message)
            #expect(!compressed.ends(with: Inflater.syncTail))
            #expect(try inflater.decompress(compressed, maxSize: 1 << 20) == message)
        }
        // Huffman-only (8 bits) has no back-references; the others do.
        #expect(deflater.compress(Self.text).count < Self.text.count / (windowBits == 8 ? 2 : 10))
    }

    @Test func emptyMessageCompressesToOneZeroByte() throws {
        let deflater = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: true)
        #expect(deflater.compress([UInt8]()) == [0x00])
    }

    @Test func withoutContextTakeoverEqualInputGivesEqualOutput() throws {
        let deflater = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: true)
        #expect(deflater.compress(Self.text) == deflater.compress(Self.text))
    }

    @Test func contextTakeoverCarriesTheWindowToTheNextMessage() throws {
        let deflater = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: false)
        let inflater = try Inflater(noContextTakeover: false)
        let message = Array("a sentence long enough to be worth referring back to later".utf8)
        let first = deflater.compress(message)
        let second = deflater.compress(message)
        #expect(second.count < first.count, "the second refers back into the first")
        #expect(try inflater.decompress(first, maxSize: 1000) == message)
        #expect(try inflater.decompress(second, maxSize: 1000) == message)
        // Without the window, the back-reference is invalid.
        let fresh = try Inflater(noContextTakeover: true)
        #expect(throws: CompressionError.corruptData) { try fresh.decompress(second, maxSize: 1000) }
    }

    @Test func frameByFrameInflationEqualsWholeMessage() throws {
        let deflater = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: true)
        let compressed = deflater.compress(Self.text)
        let inflater = try Inflater(noContextTakeover: true)
        var output: [UInt8] = []
        var index = 0
        while index < compressed.count {
            let end = min(index + 7, compressed.count)
            output += try inflater.inflate(Array(compressed[index..<end]), isFinal: end == compressed.count, maxSize: 1 << 20)
            index = end
        }
        #expect(output == Self.text)
    }

    @Test func anInflateBombIsRefusedAtMaxSize() throws {
        let bomb = try Deflater(level: 9, windowBits: 15, memoryLevel: 9, noContextTakeover: true)
            .compress([UInt8](repeating: 0, count: 10 << 20))
        #expect(bomb.count < 20_000)
        let inflater = try Inflater(noContextTakeover: true)
        #expect(throws: CompressionError.tooLarge) { try inflater.decompress(bomb, maxSize: 64 * 1024) }
        // Exactly at the limit is fine.
        let exact = try Deflater(level: 6, windowBits: 15, memoryLevel: 8, noContextTakeover: true)
            .compress([UInt8](repeating: 7, count: 4096))
        #expect(try Inflater(noContextTakeover: true).decompress(exact, maxSize: 4096).count == 4096)
        #expect(throws: CompressionError.tooLarge) { try Inflater(noContextTakeover: true).decompress(exact, maxSize: 4095) }
    }

    @Test func corruptDataIsAnError() throws {
        let inflater = try Inflater(noContextTakeover: true)
        #expect(throws: CompressionError.corruptData) { try inflater.decompress([0xFF, 0xFF, 0xFF, 0xFF], maxSize: 1000) }
    }

    @Test func thePoolCompressesLikeADeflater() throws {
        let pool = DeflaterPool(level: 6, memoryLevel: 8)
        let fromPool = Self.text.withUnsafeBytes { pool.compress($0, windowBits: 10) }
        let direct = try Deflater(level: 6, windowBits: 10, memoryLevel: 8, noContextTakeover: true).compress(Self.text)
        #expect(fromPool == direct)
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
