import CHeraldOpenSSL

/// What went wrong with TLS: setting up a context, or one connection's records.
package enum TLSError: Error, Equatable, CustomStringConvertible {
    /// The certificate file could not be read or holds no usable PEM certificate chain.
    case certificateUnreadable(path: String, reason: String)
    /// The key file could not be read or holds no usable PEM private key.
    case privateKeyUnreadable(path: String, reason: String)
    /// The key does not belong to the certificate.
    case keyDoesNotMatchCertificate(certificatePath: String, keyPath: String, reason: String)
    /// OpenSSL refused a context setting (protocol versions, ciphers, trust store).
    case contextSetupFailed(reason: String)
    /// The peer's bytes are not a TLS handshake we accept, or a record failed to decrypt.
    case protocolFailure(reason: String)

    package var description: String {
        switch self {
        case .certificateUnreadable(let path, let reason): "cannot use TLS certificate \(path): \(reason)"
        case .privateKeyUnreadable(let path, let reason): "cannot use TLS private key \(path): \(reason)"
        case .keyDoesNotMatchCertificate(let certificatePath, let keyPath, let reason):
            "TLS private key \(keyPath) does not match certificate \(certificatePath): \(reason)"
        case .contextSetupFailed(let reason): "TLS setup failed: \(reason)"
        case .protocolFailure(let reason): "TLS failure: \(reason)"
        }
    }

    /// Drains OpenSSL's thread-local error queue into one line (the newest error last).
    static func drainErrorQueue() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "unknown OpenSSL error" : messages.joined(separator: "; ")
    }
}
