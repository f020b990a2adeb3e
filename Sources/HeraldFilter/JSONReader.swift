/// A cursor over a JSON document that `JSONValidator` has already accepted: it only reads, so
/// it checks nothing but bounds (every loop stops at the end of the input).
struct JSONReader {
    let input: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    /// The current byte, or 0 at the end.
    var current: UInt8 { position < input.count ? input[position] : 0 }

    mutating func skipByte() { position &+= 1 }

    mutating func skipWhitespace() {
        while position < input.count, input[position] == 0x20 || input[position] == 0x0A
            || input[position] == 0x0D || input[position] == 0x09
        {
            position &+= 1
        }
    }

    /// Consumes `byte` if it is the current one.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        position &+= 1
        return true
    }

    /// Consumes an array's or object's opening bracket and the whitespace after it.
    /// - Returns: whether the container is empty, in which case its closing bracket is consumed too.
    mutating func enterContainer() -> Bool {
        position &+= 1
        skipWhitespace()
        guard current == UInt8(ascii: "]") || current == UInt8(ascii: "}") else { return false }
        position &+= 1
        return true
    }

    /// Skips one value of any kind.
    mutating func skipValue() {
        var depth = 0
        repeat {
            guard position < input.count else { return }
            switch input[position] {
            case UInt8(ascii: "\""): skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth &+= 1
                position &+= 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth &-= 1
                position &+= 1
            default:
                if depth == 0 {
                    while position < input.count, !Self.endsScalar(input[position]) { position &+= 1 }
                    return
                }
                position &+= 1
            }
        } while depth > 0
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return true
        default: return false
        }
    }

    private mutating func skipString() {
        position &+= 1
        while position < input.count {
            switch input[position] {
            case UInt8(ascii: "\""):
                position &+= 1
                return
            case UInt8(ascii: "\\"): position &+= 2
            default: position &+= 1
            }
        }
    }

    /// Reads a number.
    mutating func readNumber() -> Double {
        let start = position
        var isSmallInteger = true
        var integer = 0
        var digits = 0
        while position < input.count, !Self.endsScalar(input[position]) {
            let byte = input[position]
            if byte &- UInt8(ascii: "0") < 10 {
                integer = integer &* 10 &+ Int(byte &- UInt8(ascii: "0"))
                digits &+= 1
            } else if byte != UInt8(ascii: "-") {
                isSmallInteger = false
            }
            position &+= 1
        }
        if isSmallInteger, digits <= 15 {
            return Double(input[start] == UInt8(ascii: "-") ? -integer : integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
        return Double(text) ?? 0
    }
}
