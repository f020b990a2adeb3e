/// The rest of what building an envelope needs, beside `JSONEncoding.appendString`: member names,
/// integers, booleans and null, appended straight into the output without a `String` in between.
///
/// A publisher's already validated JSON is embedded by appending its bytes
/// (`buffer.append(contentsOf: value.raw)`, or the range `JSONValidator.validateValue` returned);
/// commas and brackets are the caller's, as literal bytes.
extension JSONEncoding {
    /// Appends `"name":`, with `name` escaped as a JSON string.
    package static func appendMemberName(_ name: String, to buffer: inout [UInt8]) {
        appendString(name, to: &buffer)
        buffer.append(HTTPBytes.colon)
    }

    /// Appends a signed integer in decimal, `Int.min` included.
    package static func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude), to: &buffer)
    }

    /// Appends an unsigned integer in decimal.
    package static func appendInteger(_ value: UInt64, to buffer: inout [UInt8]) {
        appendDecimal(value, to: &buffer)
    }

    /// Appends `true` or `false`.
    package static func appendBool(_ value: Bool, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Appends `null`.
    package static func appendNull(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "null".utf8)
    }

    /// Appends the digits of `value`, written back to front into a stack buffer and copied once.
    /// A JSON string, or `null` when there is none.
    package static func appendStringOrNull(_ value: String?, to buffer: inout [UInt8]) {
        if let value {
            appendString(value, to: &buffer)
        } else {
            appendNull(to: &buffer)
        }
    }

    private static func appendDecimal(_ value: UInt64, to buffer: inout [UInt8]) {
        // UInt64.max has 20 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = digits.count
            repeat {
                start &-= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            } while remaining != 0 && start > 0
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
