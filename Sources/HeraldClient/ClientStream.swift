import HeraldPosix
package import HeraldTLS

/// A blocking byte stream to a server for the terminal client (`herald watch`,
/// `herald publish`): TCP, or TLS over it for `https://` and `wss://`.
///
/// TLS is the same byte transform as everywhere else (`TLSSession` over
/// memory BIOs); here the socket blocks (with the timeouts given) instead of
/// an event loop driving it. `receive` decrypts everything that has arrived
/// before it returns, so no plaintext is ever left inside the session while
/// the caller waits on `fileDescriptor` for readiness. Thread-confined.
package final class ClientStream {
    private let socket: BlockingSocket
    private let tls: TLSSession?
    private let address: String
    /// Plaintext decrypted with the handshake's last records, handed out first.
    private var early: [UInt8] = []

    /// Connects to `url`'s host and port; for `https://` and `wss://` also
    /// completes the TLS handshake, verifying the server as `trust` says.
    /// - Throws: `.hostNotNumeric`, `.connectFailed`, or `.tls` naming the address.
    package init(
        connectingTo url: EndpointURL, trust: TLSContext.ClientTrust, timeoutSeconds: Int
    ) throws(ClientError) {
        guard let address = SocketAddress(host: url.host, port: url.port) else { throw .hostNotNumeric(url.host) }
        self.address = address.description
        do throws(SystemError) {
            socket = try BlockingSocket(connectingTo: address, timeoutSeconds: timeoutSeconds)
        } catch {
            throw .connectFailed(address: address.description, error)
        }
        guard url.scheme.isSecure else {
            tls = nil
            return
        }
        do throws(TLSError) {
            tls = try TLSSession(context: TLSContext(client: trust), serverName: url.host)
        } catch {
            throw .tls(address: address.description, error)
        }
        try handshake()
    }

    /// The socket's fd, to wait on its readiness (`StopSignal.wait`).
    package var fileDescriptor: Int32 { socket.fileDescriptor }

    /// Sends every byte (encrypted under TLS).
    package func sendAll(_ bytes: [UInt8]) throws(ClientError) {
        guard let tls else { return try write(bytes) }
        let sent = bytes.withUnsafeBytes { plaintext in Result { () throws(TLSError) in try tls.send(plaintext) } }
        if case .failure(let error) = sent { throw .tls(address: address, error) }
        try write(takeCiphertext(from: tls))
    }

    /// The next bytes (all that can be decrypted of what has arrived); empty at end of stream.
    package func receive() throws(ClientError) -> [UInt8] {
        guard let tls else { return try read() }
        if !early.isEmpty {
            defer { early = [] }
            return early
        }
        while true {
            let ciphertext = try read()
            guard !ciphertext.isEmpty else { return [] }
            let (plaintext, closed) = try decrypt(ciphertext, with: tls)
            if !plaintext.isEmpty || closed { return plaintext }
        }
    }

    /// Drives the TLS handshake to its end, blocking on the socket.
    private func handshake() throws(ClientError) {
        guard let tls else { return }
        do throws(TLSError) {
            try tls.startHandshake()
        } catch {
            throw .tls(address: address, error)
        }
        while !tls.isHandshakeComplete {
            try write(takeCiphertext(from: tls))
            let ciphertext = try read()
            guard !ciphertext.isEmpty else { throw .endOfStream }
            early += try decrypt(ciphertext, with: tls).plaintext
        }
        // The client's Finished (TLS 1.3) goes out with the first request otherwise; send it now.
        try write(takeCiphertext(from: tls))
    }

    /// Feeds `ciphertext` and returns every byte of plaintext it completes, and whether the peer closed.
    private func decrypt(_ ciphertext: [UInt8], with tls: TLSSession) throws(ClientError) -> (
        plaintext: [UInt8], closed: Bool
    ) {
        var plaintext: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        do throws(TLSError) {
            try ciphertext.withUnsafeBytes { bytes in Result { () throws(TLSError) in try tls.feed(bytes) } }.get()
            while true {
                let outcome = try buffer.withUnsafeMutableBytes { scratch in
                    Result { () throws(TLSError) in try tls.readPlaintext(into: scratch) }
                }.get()
                switch outcome {
                case .plaintext(let count): plaintext += buffer[..<count]
                case .needsMoreInput: return (plaintext, false)
                case .closedByPeer: return (plaintext, true)
                }
            }
        } catch {
            throw .tls(address: address, error)
        }
    }

    private func takeCiphertext(from tls: TLSSession) -> [UInt8] {
        let pending = tls.pendingCiphertextBytes
        guard pending > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: pending)
        let taken = bytes.withUnsafeMutableBytes { tls.takeCiphertext(into: $0) }
        return Array(bytes.prefix(taken))
    }

    private func write(_ bytes: [UInt8]) throws(ClientError) {
        guard !bytes.isEmpty else { return }
        do throws(SystemError) {
            try socket.sendAll(bytes)
        } catch {
            throw .io(error)
        }
    }

    private func read() throws(ClientError) -> [UInt8] {
        do throws(SystemError) {
            return try socket.receive()
        } catch {
            throw .io(error)
        }
    }
}
