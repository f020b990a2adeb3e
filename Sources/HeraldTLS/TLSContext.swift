import CHeraldOpenSSL

/// One OpenSSL `SSL_CTX`: configured once, then only read, shared by every loop.
///
/// Server contexts load a PEM certificate chain and key, speak TLS 1.2 and up with
/// forward-secret AEAD ciphers only, refuse renegotiation and select ALPN `http/1.1`.
/// Client contexts (for tools and tests) verify the server against a CA file.
// @unchecked Sendable: the SSL_CTX is fully configured in init and never mutated afterwards;
// OpenSSL allows creating SSL objects from one SSL_CTX on many threads at once.
package final class TLSContext: @unchecked Sendable {
    /// TLS 1.2 suites: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 (Mozilla
    /// "intermediate"); TLS 1.3 suites are OpenSSL's defaults, all of which are AEAD.
    package static let tls12CipherList =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
        + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

    /// Whether sessions made from this context accept (server) or connect (client).
    package let isServer: Bool
    let context: OpaquePointer

    /// A server context from PEM files; the errors name the file and OpenSSL's reason.
    package init(certificateChainFile: String, privateKeyFile: String) throws(TLSError) {
        let context = try Self.makeContext(method: TLS_server_method())
        self.context = context
        isServer = true
        ERR_clear_error()
        guard SSL_CTX_use_certificate_chain_file(context, certificateChainFile) == 1 else {
            throw .certificateUnreadable(path: certificateChainFile, reason: TLSError.drainErrorQueue())
        }
        guard SSL_CTX_use_PrivateKey_file(context, privateKeyFile, SSL_FILETYPE_PEM) == 1 else {
            throw .privateKeyUnreadable(path: privateKeyFile, reason: TLSError.drainErrorQueue())
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw .keyDoesNotMatchCertificate(
                certificatePath: certificateChainFile, keyPath: privateKeyFile, reason: TLSError.drainErrorQueue())
        }
        _ = SSL_CTX_set_options(context, herald_SSL_OP_CIPHER_SERVER_PREFERENCE)
        herald_SSL_CTX_select_http11_alpn(context)
    }

    /// A client context that verifies servers against the PEM CA certificates in `trustedCertificatesFile`.
    package init(clientTrusting trustedCertificatesFile: String) throws(TLSError) {
        let context = try Self.makeContext(method: TLS_client_method())
        self.context = context
        isServer = false
        guard SSL_CTX_load_verify_locations(context, trustedCertificatesFile, nil) == 1 else {
            throw .certificateUnreadable(path: trustedCertificatesFile, reason: TLSError.drainErrorQueue())
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    }

    /// How a client context decides whether to trust a server.
    package enum ClientTrust: Sendable, Equatable {
        /// The system's CA store (Debian: /etc/ssl/certs), as curl does by default.
        case systemStore
        /// Only the PEM CA certificates in this file (`--cacert`).
        case certificatesIn(String)
        /// No verification at all (`--insecure`): encryption without authentication.
        case nobody
    }

    /// A client context for tools (`herald bench`), trusting servers as `trust` says.
    package convenience init(client trust: ClientTrust) throws(TLSError) {
        switch trust {
        case .certificatesIn(let path):
            try self.init(clientTrusting: path)
        case .systemStore:
            try self.init(clientWithoutCAFile: ())
            guard SSL_CTX_set_default_verify_paths(context) == 1 else {
                throw .contextSetupFailed(reason: TLSError.drainErrorQueue())
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        case .nobody:
            try self.init(clientWithoutCAFile: ())
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
    }

    private init(clientWithoutCAFile: Void) throws(TLSError) {
        context = try Self.makeContext(method: TLS_client_method())
        isServer = false
    }

    private static func makeContext(method: OpaquePointer?) throws(TLSError) -> OpaquePointer {
        ERR_clear_error()
        guard let context = SSL_CTX_new(method) else {
            throw .contextSetupFailed(reason: TLSError.drainErrorQueue())
        }
        guard herald_SSL_CTX_set_min_proto_version(context, herald_TLS1_2_VERSION) == 1,
            SSL_CTX_set_cipher_list(context, tls12CipherList) == 1
        else {
            let reason = TLSError.drainErrorQueue()
            SSL_CTX_free(context)
            throw .contextSetupFailed(reason: reason)
        }
        _ = SSL_CTX_set_options(context, herald_SSL_OP_NO_RENEGOTIATION | herald_SSL_OP_NO_COMPRESSION)
        // Buffers are released while idle: thousands of quiet subscribers would otherwise
        // hold ~34 KiB of OpenSSL record buffers each.
        _ = herald_SSL_CTX_set_mode(context, herald_SSL_MODE_RELEASE_BUFFERS)
        return context
    }

    deinit {
        SSL_CTX_free(context)
    }
}
