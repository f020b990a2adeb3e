import HeraldPosix
import HeraldTLS

/// A connection's TLS layer: its session and the ciphertext waiting for the socket.
///
/// Plaintext stays in the connection's outbound queue (where backpressure counts it and
/// drop policies can still remove events) until flush time, when it is encrypted in
/// batches and the ciphertext written with `writev` like any other output.
/// Confined to the connection's loop (not Sendable on purpose).
final class TLSTransport {
    /// Plaintext encrypted per flush round: enough to fill a socket buffer in a few rounds,
    /// little enough that what a slow reader has not taken stays droppable plaintext.
    static let encryptAheadBytes = 256 * 1024
    /// TLS's largest record payload: small frames are gathered up to this per `SSL_write`,
    /// so a burst of events costs a few records, not one record (and MAC) per frame.
    static let recordPayloadBytes = 16 * 1024

    let session: TLSSession
    /// Encrypted bytes not yet written to the socket.
    var ciphertext = OutboundBuffer()
    /// When an unfinished handshake gets the connection dropped (`http.header_timeout`).
    let handshakeDeadlineMilliseconds: UInt64

    init(session: TLSSession, handshakeDeadlineMilliseconds: UInt64) {
        self.session = session
        self.handshakeDeadlineMilliseconds = handshakeDeadlineMilliseconds
    }

    /// Moves what the session has produced (handshake messages, records, alerts) into `ciphertext`.
    func collectCiphertext() {
        let pending = session.pendingCiphertextBytes
        guard pending > 0 else { return }
        let session = session
        ciphertext.append(ByteChunk(count: pending) { buffer in _ = session.takeCiphertext(into: buffer) })
    }

    /// Encrypts about `limit` bytes of whole chunks from the front of `plaintext`, gathering
    /// small ones in `scratch` (at least `recordPayloadBytes`) into record-sized writes.
    func encrypt(
        from plaintext: inout OutboundBuffer, limit: Int, scratch: UnsafeMutableRawBufferPointer
    ) throws(TLSError) {
        let session = session
        var gathered = 0
        try plaintext.removeFirstChunks(upTo: limit) { (bytes) throws(TLSError) in
            if gathered + bytes.count > scratch.count {
                if gathered > 0 { try session.send(UnsafeRawBufferPointer(rebasing: scratch[0..<gathered])) }
                gathered = 0
                if bytes.count >= scratch.count {
                    try session.send(bytes)  // large frames go straight from their chunk
                    return
                }
            }
            UnsafeMutableRawBufferPointer(rebasing: scratch[gathered..<(gathered + bytes.count)]).copyMemory(
                from: bytes)
            gathered += bytes.count
        }
        if gathered > 0 { try session.send(UnsafeRawBufferPointer(rebasing: scratch[0..<gathered])) }
        collectCiphertext()
    }
}
