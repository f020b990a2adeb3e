package import HeraldPosix
package import HeraldTLS

/// The byte stream under one client connection, shared by the WebSocket and
/// HTTP clients: a non-blocking connect, the epoll registration, queued
/// output and the `EPOLLOUT` interest that is armed only while output is
/// left over, and TLS when the URL says `wss://` or `https://`.
///
/// TLS is a byte transform here as on the server (`TLSSession` over memory
/// BIOs): callers queue plaintext in `output` and read plaintext with `read`;
/// the transport encrypts on `flush` and decrypts on `read`. Plaintext queued
/// before the TLS handshake has finished waits for it, so a connection sends
/// its request head as soon as TCP is up, TLS or not. Loop-confined.
package struct ClientTransport {
    /// What one `read` gave.
    package enum ReadOutcome: Equatable {
        /// `count` bytes of plaintext at the start of the buffer; `mayHaveMore`
        /// is false when the socket was drained with this read.
        case data(count: Int, mayHaveMore: Bool)
        /// Nothing to read now.
        case wouldBlock
        /// The server closed the stream (TCP end of file, or TLS close_notify).
        case endOfStream
    }

    /// The socket, or -1 before `connect` and after `close`.
    package private(set) var descriptor: Int32 = -1
    private var registration: Registration?
    /// Plaintext waiting to be sent (encrypted first under TLS).
    package var output = ByteQueue()
    /// Whether `EPOLLOUT` is armed.
    private var watchingOutput = false
    /// The TLS session, for `wss://` and `https://`.
    private let tls: TLSSession?
    /// TLS records waiting for the socket.
    private var ciphertext = ByteQueue()
    /// Bytes read from the socket (ciphertext under TLS): what crossed the wire.
    package private(set) var bytesReceived = 0
    /// Where `connect` went, for error messages.
    private var address: SocketAddress?

    /// A plain TCP transport.
    package init() {
        tls = nil
    }

    /// A transport that speaks TLS with `context` (a client context) and verifies `serverName`.
    package init(tls context: TLSContext, serverName: String) throws(ClientError) {
        do throws(TLSError) {
            tls = try TLSSession(context: context, serverName: serverName)
        } catch {
            throw .tls(address: "?", error)
        }
    }

    /// True between a successful `connect` and `close`.
    package var isOpen: Bool { descriptor >= 0 }

    /// Starts connecting to `address` and registers `handler` with `loop`,
    /// waiting for writability (the connect's outcome).
    /// - Throws: `socket`, `connect` or `epoll_ctl` failures; nothing is left open then.
    package mutating func connect(
        to address: SocketAddress, on loop: EventLoop, handler: any EventHandler
    ) throws(SystemError) {
        let (descriptor, _) = try ConnectingSocket.connect(to: address)
        do {
            // Connected at once or not, the socket is writable when the outcome is known.
            registration = try loop.register(descriptor: descriptor, interest: [.output], handler: handler)
        } catch {
            Posix.close(descriptor: descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.address = address
        watchingOutput = true
    }

    /// The connect's outcome once the socket reported readiness: `nil` when
    /// connected. Then the transport waits for input; under TLS the
    /// ClientHello is queued (the caller's `flush` sends it).
    package mutating func finishConnect(on loop: EventLoop) -> ClientError? {
        if let error = ConnectingSocket.outcome(of: descriptor) {
            return .connectFailed(address: address?.description ?? "?", error)
        }
        setWatchingOutput(false, on: loop)
        if let tls {
            do throws(TLSError) {
                try tls.startHandshake()
            } catch {
                return failure(error)
            }
        }
        return nil
    }

    /// Reads once into `buffer` and returns the plaintext found there. Under
    /// TLS this may be nothing yet (`wouldBlock`) while a record is partial,
    /// and the handshake advances as records arrive.
    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ClientError) -> ReadOutcome {
        guard let tls else {
            switch try Self.readSocket(descriptor, into: buffer) {
            case nil: return .wouldBlock
            case 0?: return .endOfStream
            case let count?:
                bytesReceived += count
                return .data(count: count, mayHaveMore: count == buffer.count)
            }
        }
        while true {
            let decrypted: TLSSession.ReadOutcome
            do throws(TLSError) {
                decrypted = try tls.readPlaintext(into: buffer)
            } catch {
                throw failure(error)
            }
            switch decrypted {
            case .plaintext(let count): return .data(count: count, mayHaveMore: true)
            case .closedByPeer: return .endOfStream
            case .needsMoreInput: break
            }
            // The session is out of records: read more ciphertext into the same buffer.
            guard let count = try Self.readSocket(descriptor, into: buffer) else { return .wouldBlock }
            guard count > 0 else { return .endOfStream }
            bytesReceived += count
            do throws(TLSError) {
                try tls.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            } catch {
                throw failure(error)
            }
        }
    }

    private func failure(_ error: TLSError) -> ClientError {
        .tls(address: address?.description ?? "?", error)
    }

    /// True when decrypted or fed-but-unread input is buffered under TLS:
    /// epoll will not report it, so a reader must go on until `read` says `wouldBlock`.
    package var holdsBufferedInput: Bool { tls?.hasBufferedInput ?? false }

    /// Writes what the socket takes and arms `EPOLLOUT` for the rest. Under
    /// TLS, queued plaintext is encrypted first, once the handshake is done.
    package mutating func flush(on loop: EventLoop) throws(ClientError) {
        guard isOpen else { return }
        if let tls { try encryptOutput(with: tls) }
        let drained: Bool
        do throws(SystemError) {
            drained = try tls == nil ? output.write(to: descriptor) : ciphertext.write(to: descriptor)
        } catch {
            throw .io(error)
        }
        setWatchingOutput(!drained, on: loop)
    }

    /// Moves plaintext through the session (after its handshake) and its records into `ciphertext`.
    private mutating func encryptOutput(with tls: TLSSession) throws(ClientError) {
        if tls.isHandshakeComplete && !output.isEmpty {
            let sent = output.withBytes { bytes in Result { () throws(TLSError) in try tls.send(bytes) } }
            if case .failure(let error) = sent { throw failure(error) }
            output.removeAll()
        }
        let pending = tls.pendingCiphertextBytes
        if pending > 0 {
            ciphertext.append(count: pending) { _ = tls.takeCiphertext(into: $0) }
        }
    }

    /// Deregisters and closes the socket; queued output is dropped.
    package mutating func close(on loop: EventLoop) {
        guard isOpen else { return }
        if let registration { loop.deregister(registration) }
        Posix.close(descriptor: descriptor)
        descriptor = -1
        registration = nil
        output.removeAll()
        ciphertext.removeAll()
    }

    /// One `read(2)`: the count (0 at end of file), or nil when it would block.
    private static func readSocket(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer
    ) throws(ClientError) -> Int? {
        do throws(SystemError) {
            guard case .processed(let count) = try Posix.read(descriptor: descriptor, into: buffer) else { return nil }
            return count
        } catch {
            throw .io(error)
        }
    }

    private mutating func setWatchingOutput(_ watching: Bool, on loop: EventLoop) {
        guard watching != watchingOutput, let registration else { return }
        watchingOutput = watching
        loop.modify(registration, interest: watching ? [.input, .output] : [.input])
    }
}
