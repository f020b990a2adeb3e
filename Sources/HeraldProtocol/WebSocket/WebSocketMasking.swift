/// The RFC 6455 §5.3 masking transform: byte `i` of a payload is XORed with
/// byte `i mod 4` of the 32-bit masking key. The transform is its own inverse,
/// so the same functions mask (client) and unmask (server).
///
/// Works eight bytes per step with the key widened to 64 bits, then byte by
/// byte for the tail; no allocation.
package enum WebSocketMasking {
    /// XORs `bytes` in place with `key`, as if they began at payload position `offset`.
    ///
    /// - Parameters:
    ///   - key: the masking key in wire order (first key byte in the high bits).
    ///   - offset: the payload position of `bytes.first`, so a payload can be
    ///     unmasked in pieces as it arrives; only `offset mod 4` matters.
    package static func apply(key: UInt32, offset: Int, to bytes: UnsafeMutableRawBufferPointer) {
        apply(key: key, offset: offset, from: UnsafeRawBufferPointer(bytes), to: bytes)
    }

    /// Writes `source` XORed with `key` into `destination`, which must hold at
    /// least `source.count` bytes; the two may be the same memory, but must not
    /// otherwise overlap.
    package static func apply(
        key: UInt32,
        offset: Int,
        from source: UnsafeRawBufferPointer,
        to destination: UnsafeMutableRawBufferPointer
    ) {
        let count = min(source.count, destination.count)
        guard count > 0, let sourceBase = source.baseAddress, let destinationBase = destination.baseAddress
        else { return }
        // The key as it applies from `offset` on: key byte (offset mod 4) first.
        let shift = UInt32(offset & 3) * 8
        let rotatedKey = shift == 0 ? key : key << shift | key >> (32 - shift)
        // Loaded from memory, `rotatedKey.bigEndian` is the key bytes in wire order
        // on any platform; two copies side by side cover eight payload bytes.
        let keyWord32 = UInt64(rotatedKey.bigEndian)
        let keyWord = keyWord32 | keyWord32 << 32

        var index = 0
        while count - index >= 8 {
            let word = sourceBase.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            destinationBase.storeBytes(of: word ^ keyWord, toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            // Eight is a multiple of four, so the key position is still index mod 4.
            let keyByte = UInt8(truncatingIfNeeded: rotatedKey >> (24 - UInt32(index & 3) * 8))
            let byte = sourceBase.load(fromByteOffset: index, as: UInt8.self)
            destinationBase.storeBytes(of: byte ^ keyByte, toByteOffset: index, as: UInt8.self)
            index += 1
        }
    }

    /// Returns `bytes` XORed with `key` starting at key position 0.
    package static func applied(key: UInt32, to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        result.withUnsafeMutableBytes { apply(key: key, offset: 0, to: $0) }
        return result
    }
}
