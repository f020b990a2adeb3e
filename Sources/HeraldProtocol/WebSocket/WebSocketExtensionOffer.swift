/// One extension offered in `Sec-WebSocket-Extensions` (RFC 6455 §9.1), or
/// accepted in the server's answer, e.g. `permessage-deflate; client_max_window_bits`.
package struct WebSocketExtensionOffer: Sendable, Equatable {
    /// The extension's name, lowercased (`permessage-deflate`).
    package var name: String
    /// Its parameters in the order given.
    package var parameters: [WebSocketExtensionParameter]

    /// An offer with the given name and parameters.
    package init(name: String, parameters: [WebSocketExtensionParameter] = []) {
        self.name = name
        self.parameters = parameters
    }

    /// The offer as a header element: `name; param; param=value`. Values
    /// that are not tokens are written as quoted strings.
    package var headerValue: String {
        var text = name
        for parameter in parameters {
            text += "; " + parameter.name
            if let value = parameter.value {
                text += "=" + (WebSocketHeaderSyntax.isToken(value) ? value : Self.quoted(value))
            }
        }
        return text
    }

    /// All `Sec-WebSocket-Extensions` header values, in order, parsed into
    /// offers; `nil` if any of them breaks the grammar:
    ///
    ///     extension-list = 1#extension
    ///     extension = token *( OWS ";" OWS extension-param )
    ///     extension-param = token [ OWS "=" OWS ( token / quoted-string ) ]
    ///
    /// A quoted value must unescape to a token (§9.1). Empty list elements are
    /// skipped (RFC 9110 §5.6.1). Names are lowercased, values kept as sent.
    package static func parse(headerValues: [String]) -> [WebSocketExtensionOffer]? {
        var offers: [WebSocketExtensionOffer] = []
        for value in headerValues {
            var scanner = WebSocketExtensionScanner(Array(value.utf8))
            guard let parsed = scanner.parseList() else { return nil }
            offers += parsed
        }
        return offers
    }

    private static func quoted(_ value: String) -> String {
        var text = "\""
        for character in value {
            if character == "\"" || character == "\\" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }
}

/// One `name[=value]` parameter of an extension offer.
package struct WebSocketExtensionParameter: Sendable, Equatable {
    /// The parameter's name, lowercased (`client_max_window_bits`).
    package var name: String
    /// Its value, unquoted; `nil` when the parameter has none.
    package var value: String?

    /// A parameter with the given name and optional value.
    package init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// A cursor over one header value's bytes for `WebSocketExtensionOffer.parse`.
private struct WebSocketExtensionScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseList() -> [WebSocketExtensionOffer]? {
        var offers: [WebSocketExtensionOffer] = []
        while true {
            skipWhitespace()
            while peek == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
            }
            guard peek != nil else { return offers }
            guard let name = token() else { return nil }
            var offer = WebSocketExtensionOffer(name: WebSocketHeaderSyntax.lowercased(name))
            skipWhitespace()
            while peek == UInt8(ascii: ";") {
                index += 1
                skipWhitespace()
                guard let parameterName = token() else { return nil }
                var parameter = WebSocketExtensionParameter(name: WebSocketHeaderSyntax.lowercased(parameterName))
                skipWhitespace()
                if peek == UInt8(ascii: "=") {
                    index += 1
                    skipWhitespace()
                    guard let value = peek == UInt8(ascii: "\"") ? quotedToken() : token() else { return nil }
                    parameter.value = value
                    skipWhitespace()
                }
                offer.parameters.append(parameter)
            }
            offers.append(offer)
            guard peek == nil || peek == UInt8(ascii: ",") else { return nil }
        }
    }

    private var peek: UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek, WebSocketHeaderSyntax.isWhitespace(byte) { index += 1 }
    }

    private mutating func token() -> String? {
        let start = index
        while let byte = peek, WebSocketHeaderSyntax.isTokenByte(byte) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A quoted-string whose unescaped content is a token.
    private mutating func quotedToken() -> String? {
        index += 1  // opening quote
        var content: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard !content.isEmpty, content.allSatisfy(WebSocketHeaderSyntax.isTokenByte) else { return nil }
                return String(decoding: content, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return nil }
                index += 1
                content.append(escaped)
            default:
                content.append(byte)
            }
        }
        return nil  // unterminated
    }
}
