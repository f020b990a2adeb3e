import HeraldPosix

/// One accepted TCP connection, confined to its loop's thread (not Sendable on purpose).
///
/// It owns the fd and the outbound queue; its `handler` gives the bytes meaning.
/// Output is queued with `send` and written in one `writev` when the loop is about
/// to sleep; EPOLLOUT is armed only while bytes are left over.
/// With TLS, bytes pass through `tls` both ways (see `Connection+TLS.swift`); plain
/// connections take the same path as ever, without a copy or a branch per byte.
final class Connection: EventHandler {
    /// Reads per readiness event before yielding to other connections (fairness).
    static let readsPerEvent = 4
    /// Stop reading while this much output is queued: a peer that sends without reading
    /// (pipelined requests, echo) must not grow our memory without bound.
    static let pauseInputAboveBytes = 1024 * 1024

    enum Lifecycle: Equatable {
        case open
        /// Write what is queued (until the deadline), then half-close and drain input.
        case closingAfterFlush(deadlineMilliseconds: UInt64)
        /// Half-closed: read and discard until EOF or the deadline.
        case draining(deadlineMilliseconds: UInt64)
        case closed
    }

    let id: UInt64
    let descriptor: Int32
    unowned let loopState: LoopState
    var handler: any ConnectionHandler
    private(set) var lifecycle = Lifecycle.open
    private var registration: Registration?
    /// Plaintext (frames, responses) not yet written, or with TLS not yet encrypted.
    var outbound = OutboundBuffer()
    /// The TLS layer, on connections accepted by a TLS listener.
    let tls: TLSTransport?
    private var interest = Epoll.Events.reading
    /// In the loop's dirty list already.
    var isQueuedForFlush = false
    /// True while in the loop's `DelayedFlushes` (`outbound.write_delay`).
    var isWaitingForDelayedFlush = false
    /// Receives published events when the connection subscribes (WebSocket or SSE).
    var eventSink: (any EventSink)?
    /// The most output this connection may hold in user space (`outbound.max_bytes`).
    let maxOutboundBytes: Int
    /// When the socket last took bytes (or the queue last became non-empty): the write deadline's clock.
    var lastOutputProgressAt: UInt64 = 0

    init(
        id: UInt64, descriptor: Int32, loopState: LoopState, handler: any ConnectionHandler, tls: TLSTransport? = nil
    ) {
        self.tls = tls
        maxOutboundBytes = loopState.services.configuration.outbound.maxBytes
        self.id = id
        self.descriptor = descriptor
        self.loopState = loopState
        self.handler = handler
    }

    func register(on loop: EventLoop) throws(SystemError) {
        registration = try loop.register(descriptor: descriptor, interest: interest, handler: self)
    }

    /// Bytes queued for the socket and not yet written.
    var pendingOutputBytes: Int { outbound.pendingBytes + (tls?.ciphertext.pendingBytes ?? 0) }

    var isOpen: Bool { lifecycle == .open }

    // MARK: Output

    /// Queues `chunk`; it is written before the loop sleeps.
    func send(_ chunk: ByteChunk) {
        guard lifecycle == .open else { return }
        if pendingOutputBytes == 0 { lastOutputProgressAt = loopState.loop.nowMilliseconds }
        outbound.append(chunk)
        loopState.scheduleFlush(self)
    }

    /// Whether `bytes` more fit under `maxOutboundBytes`.
    func hasRoom(for bytes: Int) -> Bool {
        pendingOutputBytes + bytes <= maxOutboundBytes
    }

    /// Queues an event's frame, marked with `tag` (its sequence) so a drop policy may remove it.
    func sendEvent(_ chunk: ByteChunk, tag: UInt64) {
        guard lifecycle == .open else { return }
        if pendingOutputBytes == 0 { lastOutputProgressAt = loopState.loop.nowMilliseconds }
        outbound.append(chunk, tag: tag)
        loopState.scheduleEventFlush(self)
    }

    /// Removes the oldest queued event frames not yet started until `bytes` are freed, with
    /// `notice(count, firstTag)` in their place; nil when there was nothing to drop.
    func dropOldestEvents(freeing bytes: Int, notice: (Int, UInt64) -> ByteChunk) -> (count: Int, firstTag: UInt64)? {
        outbound.dropOldestTagged(freeing: bytes, replacement: notice)
    }

    /// Drops queued output that has not started going out (a slow consumer is being closed).
    func discardUnsentOutput() {
        outbound.discardUnsent()
    }

    /// Queues `bytes` (copied once into a chunk).
    func send(_ bytes: [UInt8]) {
        send(ByteChunk(bytes))
    }

    /// Writes what the socket takes now; called by the loop before sleeping and on EPOLLOUT.
    func flush() {
        guard lifecycle != .closed else { return }
        if let tls {
            flushTLS(tls)
            return
        }
        do {
            let before = outbound.pendingBytes
            let done = try outbound.flush(to: descriptor, scratch: loopState.loop.vectorScratch)
            if outbound.pendingBytes < before {
                loopState.bytesOut &+= before - outbound.pendingBytes
                outputProgressed()
            }
            finishFlush(done: done)
        } catch {
            closeNow()
        }
    }

    /// Some output left: restart the write deadline, and let a subscriber refill a half-empty queue.
    func outputProgressed() {
        lastOutputProgressAt = loopState.loop.nowMilliseconds
        if let eventSink, pendingOutputBytes <= maxOutboundBytes / 2 {
            eventSink.outboundDrained(on: self)
        }
    }

    /// After a flush: half-close when closing and all is written, else watch for room as needed.
    func finishFlush(done: Bool) {
        if done, case .closingAfterFlush = lifecycle {
            beginDraining()
            return
        }
        updateInterest(wantOutput: !done)
    }

    // MARK: Closing

    /// Sends what is queued, then closes gracefully (half-close, drain, close).
    func closeAfterFlush() {
        guard lifecycle == .open else { return }
        lifecycle = .closingAfterFlush(deadlineMilliseconds: loopState.loop.nowMilliseconds + closeTimeoutMilliseconds)
        loopState.scheduleFlush(self)
    }

    private var writeTimeoutMilliseconds: UInt64 {
        UInt64(loopState.services.configuration.outbound.writeTimeoutSeconds * 1000)
    }

    private var closeTimeoutMilliseconds: UInt64 {
        UInt64(loopState.services.configuration.webSocket.closeTimeoutSeconds * 1000)
    }

    /// Closes at the end of this loop iteration, dropping queued output.
    func closeNow() {
        guard lifecycle != .closed else { return }
        lifecycle = .closed
        outbound.removeAll()
        tls?.ciphertext.removeAll()
        loopState.scheduleClose(self)
    }

    func beginDraining() {
        Posix.shutdownWrite(descriptor: descriptor)
        lifecycle = .draining(deadlineMilliseconds: loopState.loop.nowMilliseconds + closeTimeoutMilliseconds)
        updateInterest(wantOutput: false)
    }

    /// Releases the fd; only the loop calls this, after the iteration that asked for it.
    func finishClose(loop: EventLoop) {
        if let registration { loop.deregister(registration) }
        registration = nil
        Posix.close(descriptor: descriptor)
        handler.connectionClosed(self)
    }

    // MARK: Events

    func handle(events: Epoll.Events) {
        if events.contains(.output) { flush() }
        if isInputPaused, !events.isDisjoint(with: .failure) {
            closeNow()  // the peer is gone and we are not reading: nothing left to wait for
        } else if !events.isDisjoint(with: .readable) {
            readAvailable()
        }
    }

    func tick(nowMilliseconds: UInt64) {
        switch lifecycle {
        case .open:
            if let tls, !tls.session.isHandshakeComplete {
                // The HTTP handler's timers start once the handshake is done; until then only this one.
                if nowMilliseconds >= tls.handshakeDeadlineMilliseconds {
                    loopState.services.record(.tlsFailure)
                    closeNow()
                }
                return
            }
            if pendingOutputBytes > 0, nowMilliseconds &- lastOutputProgressAt > writeTimeoutMilliseconds {
                // The socket took nothing for outbound.write_timeout: a slow consumer whatever the policy.
                loopState.services.record(.writeTimeout)
                handler.connectionOverflowed(self)
                return
            }
            handler.connectionTick(self, nowMilliseconds: nowMilliseconds)
        case .draining(let deadline), .closingAfterFlush(let deadline):
            // A peer that will not take our last bytes, or never finishes, is dropped.
            if nowMilliseconds >= deadline { closeNow() }
        case .closed:
            break
        }
    }

    private func readAvailable() {
        let buffer = loopState.loop.readBuffer
        for _ in 0..<Self.readsPerEvent {
            guard lifecycle != .closed, !isInputPaused else { return }
            do {
                switch try Posix.read(descriptor: descriptor, into: buffer) {
                case .wouldBlock:
                    return
                case .processed(0):
                    if lifecycle == .open { loopState.services.record(.clientClosed) }
                    closeNow()
                    return
                case .processed(let count):
                    loopState.bytesIn &+= count
                    guard lifecycle == .open else { continue }  // draining: discard
                    if let tls {
                        receiveTLS(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), through: tls)
                    } else {
                        handler.connection(self, received: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                    }
                    if count < buffer.count { return }
                }
            } catch {
                closeNow()
                return
            }
        }
    }

    private var isInputPaused: Bool { pendingOutputBytes > Self.pauseInputAboveBytes }

    func updateInterest(wantOutput: Bool) {
        guard let registration else { return }
        var wanted = wantOutput ? Epoll.Events.output : Epoll.Events()
        if !isInputPaused { wanted.formUnion(.reading) }
        guard wanted != interest else { return }
        interest = wanted
        loopState.loop.modify(registration, interest: wanted)
    }
}
