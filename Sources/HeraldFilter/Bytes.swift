/// Byte-string operations on borrowed UTF-8, without allocating.
enum Bytes {
    /// Whether two byte strings are equal.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && matches(a, at: 0, b)
    }

    /// Lexicographic order by bytes (which is Unicode scalar order for UTF-8): -1, 0 or 1.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common {
            let x = a[index]
            let y = b[index]
            if x != y { return x < y ? -1 : 1 }
            index &+= 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Whether `part` occurs in `whole` at `offset` (which the caller keeps in range).
    static func matches(_ whole: UnsafeBufferPointer<UInt8>, at offset: Int, _ part: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        var index = 0
        while index < part.count {
            if whole[offset &+ index] != part[index] { return false }
            index &+= 1
        }
        return true
    }

    /// Whether `whole` begins with `prefix`.
    static func hasPrefix(_ whole: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        prefix.count <= whole.count && matches(whole, at: 0, prefix)
    }

    /// Whether `whole` ends with `suffix`.
    static func hasSuffix(_ whole: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        suffix.count <= whole.count && matches(whole, at: whole.count &- suffix.count, suffix)
    }

    /// Whether `part` occurs anywhere in `whole` (the empty string occurs everywhere).
    static func contains(_ whole: UnsafeBufferPointer<UInt8>, _ part: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = part.first else { return true }
        guard part.count <= whole.count else { return false }
        let last = whole.count &- part.count
        var offset = 0
        while offset <= last {
            if whole[offset] == first, matches(whole, at: offset, part) { return true }
            offset &+= 1
        }
        return false
    }
}
