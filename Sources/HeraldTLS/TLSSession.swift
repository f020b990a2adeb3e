import CHeraldOpenSSL

/// One connection's TLS state: a pure byte transform, ciphertext in and plaintext out, and back.
///
/// Why memory BIOs rather than `SSL_set_fd`: OpenSSL never touches the socket, so
/// - the event loop keeps doing all I/O itself (one `read`, one `writev` of queued
///   ciphertext chunks before sleeping), and epoll interest never depends on OpenSSL's
///   `WANT_READ`/`WANT_WRITE`: reading a memory BIO cannot block and writing one always succeeds;
/// - a handshake cannot stall a loop: each call does only the work the bytes already
///   received allow, then returns;
/// - handshakes and record handling are testable in memory, without sockets;
/// - the same connection code serves TCP and TLS (redis's one connection interface,
///   swift-nio-ssl's `SSLConnection`).
///
/// Confined to its connection's loop thread (not Sendable on purpose).
package final class TLSSession {
    /// What `receive` found after handing over all the plaintext it could.
    package enum ReceiveOutcome: Equatable {
        /// Everything received so far is consumed; more ciphertext is needed to go on.
        case needsMoreInput
        /// The plaintext callback asked to stop; unread records stay buffered.
        case stopped
        /// The peer sent close_notify: no more plaintext will come.
        case closedByPeer
    }

    private let ssl: OpaquePointer
    /// Ciphertext from the peer, read by OpenSSL.
    private let inbound: OpaquePointer
    /// Ciphertext for the peer, written by OpenSSL.
    private let outbound: OpaquePointer
    /// Keeps the shared context alive as long as the session.
    private let context: TLSContext
    /// True once the handshake has finished; plaintext may flow both ways from then on.
    package private(set) var isHandshakeComplete = false
    private var sentCloseNotify = false

    /// A session accepting (server context) or connecting (client context, then call `startHandshake`).
    /// `serverName` is what a client verifies the certificate against and sends as SNI.
    package init(context: TLSContext, serverName: String? = nil) throws(TLSError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else {
            throw .contextSetupFailed(reason: TLSError.drainErrorQueue())
        }
        guard let inbound = BIO_new(BIO_s_mem()), let outbound = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw .contextSetupFailed(reason: "cannot allocate memory BIOs")
        }
        // An empty inbound BIO means "no bytes yet" (retry), not end of file.
        _ = herald_BIO_set_mem_eof_return(inbound, -1)
        _ = herald_BIO_set_mem_eof_return(outbound, -1)
        SSL_set_bio(ssl, inbound, outbound)  // the SSL object owns both BIOs from here
        self.ssl = ssl
        self.inbound = inbound
        self.outbound = outbound
        self.context = context
        if context.isServer {
            SSL_set_accept_state(ssl)
        } else {
            SSL_set_connect_state(ssl)
            if let serverName {
                // SNI carries host names only (RFC 6066 §3); an address is still verified.
                if !Self.isAddressLiteral(serverName) { _ = herald_SSL_set_tlsext_host_name(ssl, serverName) }
                _ = SSL_set1_host(ssl, serverName)
            }
        }
    }

    deinit {
        SSL_free(ssl)
    }

    /// True for an IPv4 dotted quad or an IPv6 address (anything with a colon).
    static func isAddressLiteral(_ name: String) -> Bool {
        name.contains(":") || (!name.isEmpty && name.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber })
    }

    /// Client side: queues the ClientHello (take it with `takeCiphertext`).
    package func startHandshake() throws(TLSError) {
        _ = try advanceHandshake()
    }

    /// Feeds ciphertext from the peer and passes each run of decrypted plaintext to
    /// `plaintext` (valid only during the call; return false to stop). Handshake replies
    /// and alerts are queued as ciphertext: take them with `takeCiphertext` afterwards.
    /// `scratch` receives plaintext; it may be the very memory `ciphertext` is in,
    /// because the ciphertext is copied into the session before any is decrypted.
    package func receive(
        _ ciphertext: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer,
        plaintext: (UnsafeRawBufferPointer) -> Bool
    ) throws(TLSError) -> ReceiveOutcome {
        try feed(ciphertext)
        while true {
            switch try readPlaintext(into: scratch) {
            case .plaintext(let count):
                let bytes = UnsafeRawBufferPointer(rebasing: scratch[..<count])
                guard plaintext(bytes) else { return .stopped }
            case .needsMoreInput:
                return .needsMoreInput
            case .closedByPeer:
                return .closedByPeer
            }
        }
    }

    /// What one `readPlaintext` call gave.
    package enum ReadOutcome: Equatable {
        /// This many bytes of plaintext at the start of the buffer (never 0).
        case plaintext(Int)
        /// Nothing more can be decrypted until more ciphertext arrives.
        case needsMoreInput
        /// The peer sent close_notify.
        case closedByPeer
    }

    /// Buffers ciphertext from the peer (copied: the memory may be reused at once).
    package func feed(_ ciphertext: UnsafeRawBufferPointer) throws(TLSError) {
        var offset = 0
        while offset < ciphertext.count, let base = ciphertext.baseAddress {
            let length = Int32(clamping: ciphertext.count - offset)
            let written = BIO_write(inbound, base + offset, length)
            guard written > 0 else { throw .protocolFailure(reason: "cannot buffer received bytes") }
            offset += Int(written)
        }
    }

    /// Advances the handshake with what has been fed, then decrypts at most
    /// `buffer.count` bytes of plaintext into `buffer` (one record at most).
    package func readPlaintext(into buffer: UnsafeMutableRawBufferPointer) throws(TLSError) -> ReadOutcome {
        guard try advanceHandshake() else { return .needsMoreInput }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .needsMoreInput }
        ERR_clear_error()
        let count = SSL_read(ssl, base, Int32(clamping: buffer.count))
        if count > 0 { return .plaintext(Int(count)) }
        switch SSL_get_error(ssl, count) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .needsMoreInput
        case SSL_ERROR_ZERO_RETURN:
            return .closedByPeer
        default:
            throw .protocolFailure(reason: TLSError.drainErrorQueue())
        }
    }

    /// True while fed ciphertext or decrypted plaintext is still unread (it may
    /// be only part of a record, so reading can still find nothing).
    package var hasBufferedInput: Bool {
        SSL_pending(ssl) > 0 || herald_BIO_get_mem_pending(inbound) > 0
    }

    /// Drives the handshake as far as the buffered input allows; true once it is complete.
    private func advanceHandshake() throws(TLSError) -> Bool {
        guard !isHandshakeComplete else { return true }
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            isHandshakeComplete = true
            return true
        }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return false
        default:
            throw .protocolFailure(reason: TLSError.drainErrorQueue())
        }
    }

    /// Encrypts `plaintext` into records queued as ciphertext. Only after the handshake.
    package func send(_ plaintext: UnsafeRawBufferPointer) throws(TLSError) {
        guard isHandshakeComplete, !sentCloseNotify else {
            throw .protocolFailure(reason: "plaintext sent before the handshake finished or after close_notify")
        }
        var offset = 0
        while offset < plaintext.count, let base = plaintext.baseAddress {
            ERR_clear_error()
            let written = SSL_write(ssl, base + offset, Int32(clamping: plaintext.count - offset))
            guard written > 0 else { throw .protocolFailure(reason: TLSError.drainErrorQueue()) }
            offset += Int(written)
        }
    }

    /// Queues a close_notify alert (once; nothing before the handshake has finished).
    package func closeNotify() {
        guard isHandshakeComplete, !sentCloseNotify else { return }
        sentCloseNotify = true
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
    }

    /// Bytes of ciphertext waiting to be taken.
    package var pendingCiphertextBytes: Int { Int(herald_BIO_get_mem_pending(outbound)) }

    /// Moves up to `buffer.count` bytes of queued ciphertext into `buffer`; returns how many.
    package func takeCiphertext(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = BIO_read(outbound, base, Int32(clamping: buffer.count))
        return max(Int(count), 0)
    }

    /// The protocol chosen by ALPN (`http/1.1`), or nil when none was negotiated.
    package var negotiatedProtocol: String? {
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// The negotiated protocol version, e.g. `TLSv1.3`.
    package var protocolVersion: String { String(cString: SSL_get_version(ssl)) }
}
