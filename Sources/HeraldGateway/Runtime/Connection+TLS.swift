import HeraldPosix
import HeraldTLS

/// TLS on a connection: ciphertext read from the socket goes through the session to the
/// handler as plaintext; queued plaintext is encrypted at flush time and written as
/// ciphertext. Epoll interest follows only our own queues, never OpenSSL's WANT_READ or
/// WANT_WRITE: the session works on memory, so it never waits on the socket.
extension Connection {
    /// Decrypts `ciphertext` and hands the plaintext to the handler; queues handshake replies.
    func receiveTLS(_ ciphertext: UnsafeRawBufferPointer, through tls: TLSTransport) {
        let outcome: TLSSession.ReceiveOutcome
        do {
            // The read buffer doubles as plaintext scratch: the session copies the ciphertext first.
            outcome = try tls.session.receive(ciphertext, scratch: loopState.loop.readBuffer) { plaintext in
                handler.connection(self, received: plaintext)
                return lifecycle == .open
            }
        } catch {
            loopState.services.record(.tlsFailure)
            loopState.services.logger.debug(
                "TLS failure", metadata: ["connection.id": "\(String(id, radix: 16))", "tls.error": "\(error)"])
            // The alert OpenSSL queued is not worth waiting for: the peer is broken or hostile.
            closeNow()
            return
        }
        if tls.session.pendingCiphertextBytes > 0, lifecycle != .closed {
            if pendingOutputBytes == 0 { lastOutputProgressAt = loopState.loop.nowMilliseconds }
            tls.collectCiphertext()
            loopState.scheduleFlush(self)
        }
        if outcome == .closedByPeer, lifecycle == .open {
            loopState.services.record(.clientClosed)
            closeNow()
        }
    }

    /// Encrypts pending plaintext in batches and writes the ciphertext until done or the socket is full.
    func flushTLS(_ tls: TLSTransport) {
        var socketBytes = 0
        var done = false
        do {
            while true {
                if tls.session.isHandshakeComplete, !outbound.isEmpty, tls.ciphertext.pendingBytes == 0 {
                    // Bounded by the queue limit too, so a small outbound.max_bytes is not filled by ciphertext.
                    let limit = min(TLSTransport.encryptAheadBytes, maxOutboundBytes / 2)
                    try tls.encrypt(from: &outbound, limit: limit, scratch: loopState.tlsScratch)
                }
                if outbound.isEmpty, case .closingAfterFlush = lifecycle {
                    tls.session.closeNotify()
                    tls.collectCiphertext()
                }
                let queued = tls.ciphertext.pendingBytes
                let written = try tls.ciphertext.flush(to: descriptor, scratch: loopState.loop.vectorScratch)
                socketBytes += queued - tls.ciphertext.pendingBytes
                // Before the handshake nothing can be encrypted: what is queued then is dropped at close.
                let plaintextStuck = !outbound.isEmpty && tls.session.isHandshakeComplete
                if !written || !plaintextStuck {
                    done = written
                    break
                }
            }
        } catch {
            closeNow()
            return
        }
        if socketBytes > 0 {
            loopState.bytesOut &+= socketBytes
            outputProgressed()
        }
        finishFlush(done: done)
    }
}
