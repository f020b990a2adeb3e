/// The encoding and hash of a path below `data`, shared by compiled filters (which precompute
/// them) and events (which index every value of their payload by them).
///
/// A key is the concatenation of its steps, each unambiguous: a member is `m`, its byte count as a
/// LEB128 varint and its UTF-8 bytes; an index is `i` and 8 little-endian bytes. The hash
/// is FNV-1a over those bytes from a per-process random basis, so that a publisher cannot choose
/// payload keys that collide, then a final avalanche.
struct PathHasher {
    /// The per-process random part of the basis.
    private static let seed = UInt64.random(in: .min ... .max)

    /// The running FNV-1a state (before the final mix).
    private(set) var state: UInt64

    /// The state of the empty path (`data` itself).
    init() { state = 0xCBF2_9CE4_8422_2325 ^ Self.seed }

    /// Continues from a state saved earlier.
    init(state: UInt64) { self.state = state }

    /// Hashes one more key byte.
    @inline(__always)
    mutating func combine(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The hash of the path so far.
    var hash: UInt64 {
        var x = state
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// Appends a member step's encoding to `key` and hashes it.
    mutating func appendMember(_ name: some Sequence<UInt8>, count: Int, to key: inout [UInt8]) {
        let start = key.count
        key.append(UInt8(ascii: "m"))
        var length = UInt(truncatingIfNeeded: count)
        while length >= 0x80 {
            key.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        key.append(UInt8(truncatingIfNeeded: length))
        key.append(contentsOf: name)
        for byte in key[start...] { combine(byte) }
    }

    /// Appends an index step's encoding to `key` and hashes it.
    mutating func appendIndex(_ index: Int, to key: inout [UInt8]) {
        let start = key.count
        key.append(UInt8(ascii: "i"))
        var value = UInt64(bitPattern: Int64(index))
        for _ in 0..<8 {
            key.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
        for byte in key[start...] { combine(byte) }
    }

    /// The first 16 bytes of a key as two little-endian words, zero-padded: most keys fit, so
    /// comparing them takes two word comparisons and no pointer chase.
    static func words(_ key: some Collection<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        for (offset, byte) in key.prefix(16).enumerated() {
            if offset < 8 {
                words.0 |= UInt64(byte) << (8 &* offset)
            } else {
                words.1 |= UInt64(byte) << (8 &* (offset &- 8))
            }
        }
        return words
    }
}

/// A compiled path below `data`: its hash, its length and first 16 bytes inline, and (for keys
/// longer than that) the whole encoded key. Computed once at compile time.
struct PathKey: @unchecked Sendable {
    let hash: UInt64
    let count: Int
    let word0: UInt64
    let word1: UInt64
    /// The whole key when it is longer than 16 bytes.
    let long: LongKey?

    /// The key of a path's steps.
    init(_ steps: [FieldPath.Step]) {
        var hasher = PathHasher()
        var key: [UInt8] = []
        for step in steps {
            switch step {
            case .member(let name): hasher.appendMember(name, count: name.count, to: &key)
            case .index(let index): hasher.appendIndex(index, to: &key)
            }
        }
        hash = hasher.hash
        count = key.count
        (word0, word1) = PathHasher.words(key)
        long = key.count > 16 ? LongKey(key) : nil
    }
}

/// An encoded key's bytes, owned.
final class LongKey: Sendable {
    nonisolated(unsafe) let bytes: UnsafeMutableBufferPointer<UInt8>

    init(_ key: [UInt8]) {
        bytes = .allocate(capacity: key.count)
        _ = bytes.initialize(from: key)
    }

    deinit { bytes.deallocate() }
}
