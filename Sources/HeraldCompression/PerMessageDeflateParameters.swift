package import HeraldProtocol

/// One valid `permessage-deflate` offer (RFC 7692 §7.1), parameters parsed.
package struct PerMessageDeflateParameters: Sendable, Equatable {
    /// The extension's registered name.
    package static let extensionName = "permessage-deflate"

    /// `server_no_context_takeover`: the client asks the server to reset its window per message.
    package var serverNoContextTakeover = false
    /// `client_no_context_takeover`: the client will reset its window per message.
    package var clientNoContextTakeover = false
    /// `server_max_window_bits=N` (8–15), or `nil` when not offered.
    package var serverMaxWindowBits: Int?
    /// `client_max_window_bits` with no value (the client can take a limit) or
    /// with one (the client's own limit); `nil` when not offered.
    package var clientMaxWindowBits: ClientWindowBits?

    /// How the client sent `client_max_window_bits`.
    package enum ClientWindowBits: Sendable, Equatable {
        /// No value: the client supports the parameter.
        case supported
        /// A value 8–15: the client's window is at most this.
        case limit(Int)
    }

    /// Parameters with the given values.
    package init(
        serverNoContextTakeover: Bool = false, clientNoContextTakeover: Bool = false,
        serverMaxWindowBits: Int? = nil, clientMaxWindowBits: ClientWindowBits? = nil
    ) {
        self.serverNoContextTakeover = serverNoContextTakeover
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverMaxWindowBits = serverMaxWindowBits
        self.clientMaxWindowBits = clientMaxWindowBits
    }

    /// The offer's parameters, or `nil` when the offer is not permessage-deflate
    /// or must be declined (§7.1): an unknown parameter, a duplicate, a value
    /// where none is allowed, or a window size not in 8–15 (written without
    /// leading zeros, possibly quoted).
    package init?(offer: WebSocketExtensionOffer) {
        guard offer.name == Self.extensionName else { return nil }
        var seen: Set<String> = []
        for parameter in offer.parameters {
            guard seen.insert(parameter.name).inserted else { return nil }
            switch parameter.name {
            case "server_no_context_takeover":
                guard parameter.value == nil else { return nil }
                serverNoContextTakeover = true
            case "client_no_context_takeover":
                guard parameter.value == nil else { return nil }
                clientNoContextTakeover = true
            case "server_max_window_bits":
                guard let bits = parameter.value.flatMap(Self.windowBits) else { return nil }
                serverMaxWindowBits = bits
            case "client_max_window_bits":
                if let value = parameter.value {
                    guard let bits = Self.windowBits(value) else { return nil }
                    clientMaxWindowBits = .limit(bits)
                } else {
                    clientMaxWindowBits = .supported
                }
            default:
                return nil
            }
        }
    }

    /// `8`…`15` exactly as written (RFC 7692 §7.1.2.1: `%x38-39 / "1" %x30-35`).
    private static func windowBits(_ text: String) -> Int? {
        switch text {
        case "8": 8
        case "9": 9
        case "10": 10
        case "11": 11
        case "12": 12
        case "13": 13
        case "14": 14
        case "15": 15
        default: nil
        }
    }
}
