package import HeraldPosix

/// The TCP side of one client connection, shared by the WebSocket and HTTP
/// clients: a non-blocking connect, the epoll registration, queued output and
/// the `EPOLLOUT` interest that is armed only while output is left over.
/// Loop-confined.
package struct ClientTransport {
    /// The socket, or -1 before `connect` and after `close`.
    package private(set) var descriptor: Int32 = -1
    private var registration: Registration?
    /// Bytes waiting for the socket.
    package var output = ByteQueue()
    /// Whether `EPOLLOUT` is armed.
    private var watchingOutput = false

    package init() {}

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
        watchingOutput = true
    }

    /// The connect's outcome once the socket reported readiness: `nil` when
    /// connected. Then the transport waits for input.
    package mutating func finishConnect(on loop: EventLoop) -> SystemError? {
        if let error = ConnectingSocket.outcome(of: descriptor) { return error }
        setWatchingOutput(false, on: loop)
        return nil
    }

    /// Reads once into `buffer`.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try Posix.read(descriptor: descriptor, into: buffer)
    }

    /// Writes what the socket takes and arms `EPOLLOUT` for the rest.
    package mutating func flush(on loop: EventLoop) throws(SystemError) {
        guard isOpen else { return }
        let drained = try output.write(to: descriptor)
        setWatchingOutput(!drained, on: loop)
    }

    /// Deregisters and closes the socket; queued output is dropped.
    package mutating func close(on loop: EventLoop) {
        guard isOpen else { return }
        if let registration { loop.deregister(registration) }
        Posix.close(descriptor: descriptor)
        descriptor = -1
        registration = nil
        output.removeAll()
    }

    private mutating func setWatchingOutput(_ watching: Bool, on loop: EventLoop) {
        guard watching != watchingOutput, let registration else { return }
        watchingOutput = watching
        loop.modify(registration, interest: watching ? [.input, .output] : [.input])
    }
}
