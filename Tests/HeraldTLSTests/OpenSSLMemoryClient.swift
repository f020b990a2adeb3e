import CHeraldOpenSSL

/// A TLS client written directly against OpenSSL (not through `TLSSession`), over memory
/// BIOs, so the server session is tested against an independent peer.
final class OpenSSLMemoryClient {
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private let inbound: OpaquePointer
    private let outbound: OpaquePointer

    /// Verifies the server against `caFile` for 127.0.0.1 and offers `alpn`.
    /// `maxVersion` caps the protocol (to test refusals of old versions).
    init(trusting caFile: String, alpn: [String] = ["http/1.1"], maxVersion: Int32? = nil) {
        context = SSL_CTX_new(TLS_client_method())!
        _ = SSL_CTX_load_verify_locations(context, caFile, nil)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        if let maxVersion {
            _ = herald_SSL_CTX_set_min_proto_version(context, 0)
            _ = herald_SSL_CTX_set_max_proto_version(context, maxVersion)
            _ = SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0")
        }
        ssl = SSL_new(context)!
        inbound = BIO_new(BIO_s_mem())!
        outbound = BIO_new(BIO_s_mem())!
        _ = herald_BIO_set_mem_eof_return(inbound, -1)
        SSL_set_bio(ssl, inbound, outbound)
        SSL_set_connect_state(ssl)
        _ = SSL_set1_host(ssl, "127.0.0.1")
        let wire = alpn.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
        _ = SSL_set_alpn_protos(ssl, wire, UInt32(wire.count))
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    /// Advances the handshake; true once complete.
    @discardableResult
    func handshake() -> Bool { SSL_do_handshake(ssl) == 1 }

    /// Whether the certificate verified (after the handshake).
    var verified: Bool { SSL_get_verify_result(ssl) == X509_V_OK }

    /// Bytes from the server.
    func feed(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        _ = BIO_write(inbound, bytes, Int32(bytes.count))
    }

    /// Bytes for the server.
    func take() -> [UInt8] {
        let pending = Int(herald_BIO_get_mem_pending(outbound))
        var bytes = [UInt8](repeating: 0, count: pending)
        if pending > 0 { _ = BIO_read(outbound, &bytes, Int32(pending)) }
        return bytes
    }

    func write(_ bytes: [UInt8]) { _ = SSL_write(ssl, bytes, Int32(bytes.count)) }

    /// All plaintext decryptable from what was fed.
    func read() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = SSL_read(ssl, &buffer, Int32(buffer.count))
            guard count > 0 else { return result }
            result += buffer[0..<Int(count)]
        }
    }

    func closeNotify() { _ = SSL_shutdown(ssl) }
}
