/// Why a JSON text was refused, and where: the validator and the parser report the same error for
/// the same input, so a publish is refused with the same message whichever of them looked at it.
package struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The condition that made the text invalid.
    package enum Reason: Equatable, Sendable {
        /// The input ended inside a value, or before any value.
        case unexpectedEnd
        /// A value was expected (after `[`, `:` or `,`, or at the start) but this byte cannot begin
        /// one: also how `]` after a trailing comma, `NaN`, `Infinity`, `'` and comments are refused.
        case expectedValue
        /// An object member must begin with a string (a trailing comma in an object lands here).
        case expectedMemberName
        /// A member name must be followed by `:`.
        case expectedColon
        /// After an array element: only `,` or `]`.
        case expectedCommaOrEndOfArray
        /// After an object member: only `,` or `}`.
        case expectedCommaOrEndOfObject
        /// `t`, `f` or `n` not starting exactly `true`, `false` or `null`.
        case invalidLiteral
        /// A number without digits where they are required (`-`, `1.`, `1e`, `-x`).
        case invalidNumber
        /// A number with a superfluous leading zero (`01`, `-00`).
        case leadingZero
        /// A raw byte below 0x20 inside a string: it must be escaped.
        case controlCharacterInString
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape
        /// `\u` not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape of a UTF-16 surrogate that is not part of a high-low pair.
        case unpairedSurrogate
        /// Bytes inside a string that are not well-formed UTF-8. The offset is that of the first
        /// non-ASCII byte in the stretch of text (up to the next quote or escape) holding the bad
        /// sequence, so at or before it.
        case invalidUTF8
        /// Arrays and objects nested deeper than the limit.
        case tooDeep
        /// Something other than whitespace after the one value of a document.
        case trailingContent
    }

    /// The condition.
    package var reason: Reason
    /// The offset, from the start of the input given to the validator or parser, of the byte where
    /// the problem was found (the input's length when it ended too soon).
    package var offset: Int

    /// An error for `reason` at byte `offset`.
    package init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A short lowercase phrase for error bodies, without the offset.
    package var message: String {
        switch reason {
        case .unexpectedEnd: "unexpected end of JSON input"
        case .expectedValue: "expected a JSON value"
        case .expectedMemberName: "expected a string as object member name"
        case .expectedColon: "expected ':' after object member name"
        case .expectedCommaOrEndOfArray: "expected ',' or ']' after array element"
        case .expectedCommaOrEndOfObject: "expected ',' or '}' after object member"
        case .invalidLiteral: "invalid literal (expected true, false or null)"
        case .invalidNumber: "invalid number"
        case .leadingZero: "number has a leading zero"
        case .controlCharacterInString: "unescaped control character in string"
        case .invalidEscape: "invalid escape sequence in string"
        case .invalidUnicodeEscape: "\\u must be followed by four hex digits"
        case .unpairedSurrogate: "unpaired UTF-16 surrogate in \\u escape"
        case .invalidUTF8: "string is not valid UTF-8"
        case .tooDeep: "JSON nested too deeply"
        case .trailingContent: "unexpected content after JSON value"
        }
    }

    /// `message` followed by the offset, e.g. `invalid number at byte 12`.
    package var description: String {
        var text = message
        text += " at byte "
        text += String(offset)
        return text
    }
}
