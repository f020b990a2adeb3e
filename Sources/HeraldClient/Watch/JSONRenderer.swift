package import HeraldProtocol

/// Renders a parsed JSON value compactly (no insignificant whitespace), with
/// ANSI colors when asked: member names blue, strings green, numbers yellow,
/// `true`/`false`/`null` magenta, punctuation plain. Pure.
package struct JSONRenderer: Sendable {
    /// ANSI SGR sequences used for each kind of token.
    package enum Color: String, Sendable {
        case memberName = "\u{1B}[34m"
        case string = "\u{1B}[32m"
        case number = "\u{1B}[33m"
        case literal = "\u{1B}[35m"
        case dim = "\u{1B}[2m"
        case bold = "\u{1B}[1m"
        case cyan = "\u{1B}[36m"
        case reset = "\u{1B}[0m"
    }

    /// Whether to emit color sequences.
    package var colored: Bool

    /// A renderer, colored or plain.
    package init(colored: Bool) {
        self.colored = colored
    }

    /// `value` as compact JSON text.
    package func render(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` wrapped in `color` when coloring, else as is.
    package func paint(_ text: String, _ color: Color) -> String {
        colored ? color.rawValue + text + Color.reset.rawValue : text
    }

    private func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value.kind {
        case .null:
            appendPainted("null", .literal, to: &out)
        case .bool(let flag):
            appendPainted(flag ? "true" : "false", .literal, to: &out)
        case .number(let number):
            appendPainted(number.text, .number, to: &out)
        case .string(let text):
            startColor(.string, &out)
            JSONEncoding.appendString(text, to: &out)
            endColor(&out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                startColor(.memberName, &out)
                JSONEncoding.appendString(member.key, to: &out)
                endColor(&out)
                out.append(UInt8(ascii: ":"))
                append(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func appendPainted(_ text: String, _ color: Color, to out: inout [UInt8]) {
        startColor(color, &out)
        out += text.utf8
        endColor(&out)
    }

    private func startColor(_ color: Color, _ out: inout [UInt8]) {
        if colored { out += color.rawValue.utf8 }
    }

    private func endColor(_ out: inout [UInt8]) {
        if colored { out += Color.reset.rawValue.utf8 }
    }
}
