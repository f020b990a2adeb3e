/// Strict RFC 8259 validation, for every published JSON body: one pass, no allocation, no
/// recursion, ASCII runs inside strings skipped eight bytes at a time.
///
/// Refused: trailing commas, leading zeros, `NaN`/`Infinity`, comments, single quotes, a byte
/// order mark, whitespace other than space/tab/LF/CR, raw control characters and invalid UTF-8 in
/// strings, unknown escapes, unpaired `\u` surrogates (see `JSONScanner+Strings`), nesting deeper
/// than `maxDepth`, and anything but whitespace after the value. Any value may be the top level.
package enum JSONValidator {
    /// Arrays and objects may nest this deep unless the caller says otherwise: far beyond what
    /// real payloads use, and a bound on the parser's memory.
    package static let defaultMaxDepth = 64

    /// Validates a whole document: optional whitespace, one value, optional whitespace.
    /// - Parameter maxDepth: how many arrays and objects may be open at once (0: scalars only).
    /// - Throws: the first problem found, with its byte offset.
    package static func validate(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONError) {
        let value = try validateValue(in: bytes, maxDepth: maxDepth)
        var scanner = JSONScanner(bytes, position: value.upperBound)
        scanner.skipWhitespace()
        if scanner.position < bytes.count { throw JSONError(.trailingContent, at: scanner.position) }
    }

    /// Validates a whole document held in an array.
    package static func validate(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) {
        // `withUnsafeBytes` rethrows untyped errors: carry the typed one out in a `Result`.
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try validate(buffer, maxDepth: maxDepth) }
        }
        try result.get()
    }

    /// Whether `bytes` is one valid JSON document.
    package static func isValid(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) -> Bool {
        do {
            try validate(bytes, maxDepth: maxDepth)
            return true
        } catch {
            return false
        }
    }

    /// Validates the one value that starts at `start` after optional whitespace, and says where it
    /// ends; what follows it is not looked at. For NDJSON lines, and for values inside a larger
    /// text.
    /// - Returns: the offsets of the value's first byte and of the byte just past its last, without
    ///   the whitespace around it: exactly the bytes to embed verbatim.
    /// - Throws: the first problem found, with its offset from the start of `bytes` (not `start`).
    package static func validateValue(
        in bytes: UnsafeRawBufferPointer,
        from start: Int = 0,
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONError) -> Range<Int> {
        guard start >= 0, start <= bytes.count else { throw JSONError(.unexpectedEnd, at: bytes.count) }
        var scanner = JSONScanner(bytes, position: start)
        scanner.skipWhitespace()
        let valueStart = scanner.position
        // No more containers can open than there are bytes, so a huge limit costs nothing extra.
        let depthLimit = min(max(maxDepth, 0), bytes.count)
        // One bit per open container, set for an object: what a `,` continues and what closes it.
        // A few words, on the stack for any sensible limit.
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: depthLimit / 64 &+ 1) {
            (containerKinds) throws(JSONError) in
            try skipValue(&scanner, depthLimit: depthLimit, containerKinds: containerKinds)
        }
        return valueStart..<scanner.position
    }

    /// Moves `scanner` past one value starting at its position.
    private static func skipValue(
        _ scanner: inout JSONScanner,
        depthLimit: Int,
        containerKinds: UnsafeMutableBufferPointer<UInt64>
    ) throws(JSONError) {
        var depth = 0
        while true {
            // A value starts here.
            guard let byte = scanner.currentByte else { throw JSONError(.unexpectedEnd, at: scanner.position) }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth < depthLimit else { throw JSONError(.tooDeep, at: scanner.position) }
                let isObject = byte == UInt8(ascii: "{")
                let word = depth &>> 6
                let bit = UInt64(1) &<< UInt64(depth & 63)
                // The first level of a word overwrites it whole: its other bits are for deeper levels,
                // none open, so the stack needs no clearing up front.
                let kept = depth & 63 == 0 ? 0 : containerKinds[word] & ~bit
                containerKinds[word] = isObject ? kept | bit : kept
                depth &+= 1
                scanner.advance()
                scanner.skipWhitespace()
                if scanner.currentByte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    scanner.advance()
                    depth &-= 1
                } else {
                    if isObject { try scanner.scanMemberName() }
                    continue
                }
            case UInt8(ascii: "\""): try scanner.scanString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanner.scanNumber()
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): try scanner.scanLiteral()
            default: throw JSONError(.expectedValue, at: scanner.position)
            }
            // A value ended: continue its container, or close containers until one continues.
            closing: while depth > 0 {
                let index = depth &- 1
                let isObject = containerKinds[index &>> 6] &>> UInt64(index & 63) & 1 == 1
                scanner.skipWhitespace()
                switch scanner.currentByte {
                case UInt8(ascii: ","):
                    scanner.advance()
                    scanner.skipWhitespace()
                    if isObject { try scanner.scanMemberName() }
                    break closing
                case UInt8(ascii: "}") where isObject, UInt8(ascii: "]") where !isObject:
                    scanner.advance()
                    depth &-= 1
                default:
                    throw scanner.failure(isObject ? .expectedCommaOrEndOfObject : .expectedCommaOrEndOfArray)
                }
            }
            if depth == 0 { return }
        }
    }
}
