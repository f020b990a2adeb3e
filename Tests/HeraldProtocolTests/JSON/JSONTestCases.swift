import HeraldProtocol
import Testing

/// One document and what the validator must say about it, in the style of JSONTestSuite: `y_`
/// cases must be accepted, `n_` cases refused for the given reason at the given byte.
struct JSONCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    /// nil when the document is valid.
    let error: JSONError?

    var testDescription: String { name }

    static func y(_ name: String, _ text: String) -> JSONCase {
        JSONCase(name: "y_" + name, bytes: Array(text.utf8), error: nil)
    }

    static func n(_ name: String, _ text: String, _ reason: JSONError.Reason, at offset: Int) -> JSONCase {
        JSONCase(name: "n_" + name, bytes: Array(text.utf8), error: JSONError(reason, at: offset))
    }

    static func n(_ name: String, bytes: [UInt8], _ reason: JSONError.Reason, at offset: Int) -> JSONCase {
        JSONCase(name: "n_" + name, bytes: bytes, error: JSONError(reason, at: offset))
    }
}

enum JSONCases {
    static let valid: [JSONCase] = [
        .y("number_zero", "0"),
        .y("number_negative_zero", "-0"),
        .y("number_int", "123"),
        .y("number_negative_int", "-123"),
        .y("number_fraction", "1.5"),
        .y("number_negative_fraction", "-0.25"),
        .y("number_exponent", "1e5"),
        .y("number_capital_exponent_plus", "1E+5"),
        .y("number_exponent_minus", "1e-5"),
        .y("number_fraction_exponent", "-1.25e+10"),
        .y("number_zero_exponent", "0e0"),
        .y("number_zero_fraction", "0.0"),
        .y("number_huge_exponent", "1e99999"),
        .y("number_tiny_exponent", "1E-99999"),
        .y("number_many_digits", "123456789012345678901234567890"),
        .y("number_exponent_leading_zeros", "1e007"),
        .y("number_in_array", "[-0,0.0,1e1,-1E-1]"),
        .y("string_empty", #""""#),
        .y("string_plain", #""hello""#),
        .y("string_every_escape", #""\" \\ \/ \b \f \n \r \t""#),
        .y("string_unicode_escapes", #""\u0041\u00e9\u20AC\uFFFF""#),
        .y("string_escaped_nul", #""\u0000""#),
        .y("string_surrogate_pair", #""\ud83d\ude00""#),
        .y("string_surrogate_pair_uppercase", #""\uD834\uDD1E""#),
        .y("string_utf8_two_bytes", "\"é\""),
        .y("string_utf8_three_bytes", "\"€\""),
        .y("string_utf8_four_bytes", "\"😀\""),
        .y("string_utf8_mixed", "\"café — 日本語 text with 😀 and some more ascii padding\""),
        .y("string_raw_del", "\"\u{7F}\""),
        .y("string_noncharacter", "\"\u{FFFF}\""),
        .y("string_raw_line_separator", "\"\u{2028}\""),
        .y("string_long_ascii", "\"" + String(repeating: "a", count: 100) + "\""),
        .y("string_escapes_in_long_ascii", "\"" + String(repeating: "abc\\n", count: 20) + "\""),
        .y("literal_true", "true"),
        .y("literal_false", "false"),
        .y("literal_null", "null"),
        .y("array_empty", "[]"),
        .y("array_empty_with_whitespace", "[ \n ]"),
        .y("object_empty", "{}"),
        .y("object_empty_with_whitespace", "{\t}"),
        .y("array_nested", "[[[]]]"),
        .y("object_simple", #"{"a":1}"#),
        .y("object_duplicate_keys", #"{"a":1,"a":2}"#),
        .y("object_nested", #"{"a":{"b":[true,false,null]}}"#),
        .y("whitespace_everywhere", " \t\n\r[ 1 , { \"k\" : \"v\" } ]\r\n\t "),
        .y("top_level_string_padded", " \"x\" "),
        .y("array_of_every_kind", #"[1,"a",true,null,{},[],-2.5e3]"#),
        .y("object_empty_key", #"{"":0}"#),
        .y("object_escaped_key", #"{"\u0041\n":1}"#),
        .y("depth_arrays_at_limit", String(repeating: "[", count: 64) + String(repeating: "]", count: 64)),
        .y("depth_objects_at_limit", String(repeating: #"{"a":"#, count: 64) + "0" + String(repeating: "}", count: 64)),
        .y("depth_mixed_at_limit", String(repeating: #"[{"a":"#, count: 32) + "1" + String(repeating: "}]", count: 32)),
    ]

    static let invalid: [JSONCase] = [
        .n("empty", "", .unexpectedEnd, at: 0),
        .n("only_whitespace", " \n", .unexpectedEnd, at: 2),
        .n("number_leading_zero", "01", .leadingZero, at: 0),
        .n("number_negative_leading_zero", "-01", .leadingZero, at: 1),
        .n("number_double_zero", "00", .leadingZero, at: 0),
        .n("number_trailing_dot", "1.", .unexpectedEnd, at: 2),
        .n("number_trailing_dot_in_array", "[1.]", .invalidNumber, at: 3),
        .n("number_leading_dot", ".5", .expectedValue, at: 0),
        .n("number_plus", "+1", .expectedValue, at: 0),
        .n("number_minus_alone", "-", .unexpectedEnd, at: 1),
        .n("number_minus_space", "- 1", .invalidNumber, at: 1),
        .n("number_exponent_no_digits", "1e", .unexpectedEnd, at: 2),
        .n("number_exponent_no_digits_in_array", "[1e]", .invalidNumber, at: 3),
        .n("number_exponent_sign_no_digits", "[1e+]", .invalidNumber, at: 4),
        .n("number_dot_exponent", "[1.e5]", .invalidNumber, at: 3),
        .n("number_nan", "NaN", .expectedValue, at: 0),
        .n("number_infinity", "Infinity", .expectedValue, at: 0),
        .n("number_negative_infinity", "-Infinity", .invalidNumber, at: 1),
        .n("number_hex", "0x1F", .trailingContent, at: 1),
        .n("number_two_dots", "1.2.3", .trailingContent, at: 3),
        .n("number_comma_decimal", "1,5", .trailingContent, at: 1),
        .n("number_trailing_letter", "[1a]", .expectedCommaOrEndOfArray, at: 2),
        .n("literal_capitalised", "True", .expectedValue, at: 0),
        .n("literal_truncated", "tru", .unexpectedEnd, at: 3),
        .n("literal_misspelled", "nul1", .invalidLiteral, at: 0),
        .n("literal_truncated_in_array", "[tru]", .invalidLiteral, at: 1),
        .n("literal_fals_in_array", "[fals]", .invalidLiteral, at: 1),
        .n("literal_too_long", "truex", .trailingContent, at: 4),
        .n("string_unterminated", #""abc"#, .unexpectedEnd, at: 4),
        .n("string_single_quotes", "'a'", .expectedValue, at: 0),
        .n("string_raw_newline", "\"a\nb\"", .controlCharacterInString, at: 2),
        .n("string_raw_tab", "\"\t\"", .controlCharacterInString, at: 1),
        .n("string_raw_nul", bytes: [0x22, 0x00, 0x22], .controlCharacterInString, at: 1),
        .n("string_raw_unit_separator", bytes: [0x22, 0x1F, 0x22], .controlCharacterInString, at: 1),
        .n(
            "string_raw_control_after_long_ascii", "\"" + String(repeating: "a", count: 20) + "\u{1}\"",
            .controlCharacterInString, at: 21),
        .n("string_escape_x", #""\x41""#, .invalidEscape, at: 1),
        .n("string_escape_apostrophe", #""\'""#, .invalidEscape, at: 1),
        .n("string_escape_capital_u", #""\U0041""#, .invalidEscape, at: 1),
        .n("string_escape_at_end", "\"\\", .unexpectedEnd, at: 2),
        .n("string_unicode_escape_short", #""\u12""#, .invalidUnicodeEscape, at: 1),
        .n("string_unicode_escape_not_hex", #""\u12G4""#, .invalidUnicodeEscape, at: 1),
        .n("string_lone_high_surrogate", #""\ud800""#, .unpairedSurrogate, at: 1),
        .n("string_lone_high_surrogate_then_text", #""\ud800abc""#, .unpairedSurrogate, at: 1),
        .n("string_lone_high_surrogate_truncated", #""\ud800"#, .unexpectedEnd, at: 7),
        .n("string_lone_low_surrogate", #""\udc00""#, .unpairedSurrogate, at: 1),
        .n("string_reversed_surrogate_pair", #""\udc00\ud800""#, .unpairedSurrogate, at: 1),
        .n("string_two_high_surrogates", #""\ud800\ud800""#, .unpairedSurrogate, at: 1),
        .n("string_high_surrogate_then_other_escape", #""\ud800\n""#, .unpairedSurrogate, at: 1),
        .n("string_high_surrogate_then_bad_escape", #""\ud800\uZZZZ""#, .invalidUnicodeEscape, at: 7),
        .n("utf8_overlong_slash", bytes: [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, at: 1),
        .n("utf8_overlong_three_bytes", bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, at: 1),
        .n("utf8_encoded_surrogate", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 1),
        .n("utf8_truncated_two_bytes", bytes: [0x22, 0xC3, 0x22], .invalidUTF8, at: 1),
        .n("utf8_truncated_four_bytes", bytes: [0x22, 0xF0, 0x9F, 0x98, 0x22], .invalidUTF8, at: 1),
        .n("utf8_lone_continuation", bytes: [0x22, 0x80, 0x22], .invalidUTF8, at: 1),
        .n("utf8_above_U10FFFF", bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),
        .n("utf8_byte_FF", bytes: [0x22, 0xFF, 0x22], .invalidUTF8, at: 1),
        .n("utf8_truncated_after_valid", bytes: [0x22, 0xC3, 0xA9, 0xC3, 0x22], .invalidUTF8, at: 1),
        .n(
            "utf8_invalid_after_long_ascii", bytes: [0x22] + Array(repeating: 0x61, count: 10) + [0xC3, 0x28, 0x22],
            .invalidUTF8, at: 11),
        .n("utf8_truncated_at_end_of_input", bytes: [0x22, 0xE2, 0x82], .invalidUTF8, at: 1),
        .n("utf8_outside_string", bytes: [0xC3, 0xA9], .expectedValue, at: 0),
        .n("array_trailing_comma", "[1,]", .expectedValue, at: 3),
        .n("array_leading_comma", "[,1]", .expectedValue, at: 1),
        .n("array_double_comma", "[1,,2]", .expectedValue, at: 3),
        .n("array_missing_comma", "[1 2]", .expectedCommaOrEndOfArray, at: 3),
        .n("array_unclosed", "[1", .unexpectedEnd, at: 2),
        .n("array_unclosed_after_comma", "[1,", .unexpectedEnd, at: 3),
        .n("array_just_open", "[", .unexpectedEnd, at: 1),
        .n("array_closed_by_brace", "[1}", .expectedCommaOrEndOfArray, at: 2),
        .n("array_colon", "[1:2]", .expectedCommaOrEndOfArray, at: 2),
        .n("object_trailing_comma", #"{"a":1,}"#, .expectedMemberName, at: 7),
        .n("object_unquoted_key", "{a:1}", .expectedMemberName, at: 1),
        .n("object_number_key", "{1:1}", .expectedMemberName, at: 1),
        .n("object_single_quoted_key", "{'a':1}", .expectedMemberName, at: 1),
        .n("object_missing_colon", #"{"a" 1}"#, .expectedColon, at: 5),
        .n("object_missing_value", #"{"a":}"#, .expectedValue, at: 5),
        .n("object_comma_for_colon", #"{"a",1}"#, .expectedColon, at: 4),
        .n("object_missing_comma", #"{"a":1 "b":2}"#, .expectedCommaOrEndOfObject, at: 7),
        .n("object_unclosed", #"{"a":1"#, .unexpectedEnd, at: 6),
        .n("object_closed_by_bracket", #"{"a":1]"#, .expectedCommaOrEndOfObject, at: 6),
        .n("object_unterminated_key", #"{"a"#, .unexpectedEnd, at: 3),
        .n("object_key_without_value_at_end", #"{"a":"#, .unexpectedEnd, at: 5),
        .n("comment_line", "[1] // c", .trailingContent, at: 4),
        .n("comment_block", "/* c */ 1", .expectedValue, at: 0),
        .n("comment_inside_array", "[1, /* c */ 2]", .expectedValue, at: 4),
        .n("trailing_garbage", "[1]x", .trailingContent, at: 3),
        .n("two_values", "1 2", .trailingContent, at: 2),
        .n("two_objects", "{}{}", .trailingContent, at: 2),
        .n("trailing_nul", bytes: [0x31, 0x00], .trailingContent, at: 1),
        .n("extra_close", "[1]]", .trailingContent, at: 3),
        .n("top_level_comma", ",", .expectedValue, at: 0),
        .n("top_level_close", "]", .expectedValue, at: 0),
        .n("byte_order_mark", bytes: [0xEF, 0xBB, 0xBF, 0x31], .expectedValue, at: 0),
        .n("whitespace_form_feed", "\u{C}1", .expectedValue, at: 0),
        .n("whitespace_vertical_tab", "[\u{B}1]", .expectedValue, at: 1),
        .n("whitespace_no_break_space", "\u{A0}1", .expectedValue, at: 0),
        .n("whitespace_line_separator", "[1\u{2028}]", .expectedCommaOrEndOfArray, at: 2),
        .n(
            "depth_arrays_over_limit", String(repeating: "[", count: 65) + String(repeating: "]", count: 65), .tooDeep,
            at: 64),
        .n(
            "depth_objects_over_limit",
            String(repeating: #"{"a":"#, count: 65) + "0" + String(repeating: "}", count: 65), .tooDeep, at: 320),
        .n("depth_unclosed_far_over_limit", String(repeating: "[", count: 100_000), .tooDeep, at: 64),
    ]

    static let all = valid + invalid
}
