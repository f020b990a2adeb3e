import HeraldFilter
import HeraldPosix
import HeraldTLS
import Synchronization

/// Everything one event loop owns: its connections, the ones to flush before
/// sleeping and the ones to close at the end of the iteration.
/// Confined to the loop's thread (not Sendable on purpose).
final class LoopState: EventLoopDelegate {
    unowned let loop: EventLoop
    let services: GatewayServices
    private(set) var connections: [UInt64: Connection] = [:]
    private var flushQueue: [Connection] = []
    /// Connections whose events wait for `outbound.write_delay`.
    private var delayedFlushes: DelayedFlushes
    private var closeQueue: [Connection] = []
    private var nextConnectionSerial: UInt64 = 0
    /// One-shot actions for the next tick (e.g. resuming a paused acceptor).
    var afterNextTick: [() -> Void] = []
    private var lastSweepAt: UInt64 = 0
    /// Socket bytes read and written on this loop (published to the loop's counters each tick).
    var bytesIn = 0
    var bytesOut = 0
    private var tickCount = 0
    /// Filter results for the event being delivered, so identical filters run once per event.
    private var filterResults: [CompiledFilter: Bool] = [:]
    private var filterResultsEvent: ObjectIdentifier?

    /// Where TLS connections gather small plaintext frames into record-sized writes.
    let tlsScratch = UnsafeMutableRawBufferPointer.allocate(byteCount: TLSTransport.recordPayloadBytes, alignment: 16)

    init(loop: EventLoop, services: GatewayServices) {
        self.loop = loop
        self.services = services
        delayedFlushes = DelayedFlushes(
            delayMilliseconds: UInt64((services.configuration.outbound.writeDelaySeconds * 1000).rounded()))
    }

    deinit {
        tlsScratch.deallocate()
    }

    /// Takes ownership of an accepted fd: registers it and starts reading HTTP
    /// (through a TLS session when `tls` is given).
    func adopt(descriptor: Int32, tls: TLSContext? = nil) {
        nextConnectionSerial += 1
        // Ids say which loop owns the connection: the top 16 bits are the loop index.
        let id = UInt64(loop.index) << 48 | nextConnectionSerial
        var transport: TLSTransport?
        if let tls {
            guard let session = try? TLSSession(context: tls) else {
                Posix.close(descriptor: descriptor)
                services.connectionCount.subtract(1, ordering: .relaxed)
                return
            }
            let timeout = UInt64(services.configuration.http.headerTimeoutSeconds * 1000)
            transport = TLSTransport(session: session, handshakeDeadlineMilliseconds: loop.nowMilliseconds + timeout)
        }
        let connection = Connection(
            id: id, descriptor: descriptor, loopState: self,
            handler: HTTPConnectionHandler(services: services, nowMilliseconds: loop.nowMilliseconds), tls: transport)
        let sendBuffer = services.configuration.outbound.socketSendBufferBytes
        if sendBuffer > 0 { Posix.setSendBufferSize(descriptor: descriptor, bytes: sendBuffer) }
        // Accepted sockets come with TCP_NODELAY on (ListeningSocket.accept).
        if !services.configuration.outbound.tcpNoDelay { Posix.setNoDelay(descriptor: descriptor, false) }
        do {
            try connection.register(on: loop)
            connections[id] = connection
            services.loopConnectionCounts[loop.index].value.add(1, ordering: .relaxed)
            services.logger.debug(
                "connection opened", metadata: ["connection.id": "\(String(id, radix: 16))", "loop": "\(loop.index)"])
        } catch {
            Posix.close(descriptor: descriptor)
            services.connectionCount.subtract(1, ordering: .relaxed)
        }
    }

    /// Hands a published event to each of `connectionIDs` on this loop (one job per event per loop).
    func deliver(_ event: PreparedEvent, to connectionIDs: [UInt64]) {
        services.loopConnectionCounts[loop.index].delivered.add(connectionIDs.count, ordering: .relaxed)
        for id in connectionIDs {
            guard let connection = connections[id], let sink = connection.eventSink else { continue }
            sink.deliver(event, on: connection)
        }
    }

    /// Index into `GatewayMetrics.transports`.
    private static func transportIndex(of handler: any ConnectionHandler) -> Int {
        switch handler {
        case is WebSocketConnectionHandler: 0
        case is SSEConnectionHandler: 1
        default: 2
        }
    }

    /// How many of its most backlogged connections each loop reports to `/api/stats`.
    static let slowestReported = 10

    private static func keepSlowest(_ load: ConnectionLoad, in slowest: inout [ConnectionLoad]) {
        if slowest.count == slowestReported {
            guard let last = slowest.last, load.queuedBytes > last.queuedBytes else { return }
            slowest.removeLast()
        }
        let index = slowest.firstIndex { $0.queuedBytes < load.queuedBytes } ?? slowest.count
        slowest.insert(load, at: index)
    }

    /// Whether `filter` matches `event`, evaluated at most once per event on this loop.
    func filter(_ filter: CompiledFilter, matches event: PreparedEvent) -> Bool {
        let identity = ObjectIdentifier(event)
        if filterResultsEvent != identity {
            filterResultsEvent = identity
            filterResults.removeAll(keepingCapacity: true)
        }
        if let known = filterResults[filter] { return known }
        let result = filter.matches(event.filterView)
        filterResults[filter] = result
        return result
    }

    func scheduleFlush(_ connection: Connection) {
        guard !connection.isQueuedForFlush else { return }
        connection.isQueuedForFlush = true
        flushQueue.append(connection)
    }

    /// Queued events are written before the loop sleeps, or, with `outbound.write_delay`, once
    /// the delay has passed (any other output on the connection takes them along earlier).
    func scheduleEventFlush(_ connection: Connection) {
        guard delayedFlushes.delayMilliseconds > 0 else { return scheduleFlush(connection) }
        delayedFlushes.add(connection, now: loop.nowMilliseconds)
    }

    func sleepTimeoutMilliseconds() -> Int32 {
        delayedFlushes.millisecondsUntilNext(now: MonotonicClock.nowMilliseconds())
    }

    func scheduleClose(_ connection: Connection) {
        closeQueue.append(connection)
    }

    // MARK: EventLoopDelegate

    func loopDidTick(nowMilliseconds: UInt64) {
        let actions = afterNextTick
        afterNextTick.removeAll()
        for action in actions { action() }
        // Loop 0 ages history out and closes idempotency windows, about once a second.
        if loop.index == 0 && nowMilliseconds &- lastSweepAt >= 1000 {
            lastSweepAt = nowMilliseconds
            services.hub.broker.sweep(now: WallClock.nowMilliseconds())
        }
        var slowest: [ConnectionLoad] = []
        var byTransport = [0, 0, 0]
        tickCount &+= 1
        let sampleQueues = tickCount % 4 == 0
        for connection in connections.values {
            connection.tick(nowMilliseconds: nowMilliseconds)
            byTransport[Self.transportIndex(of: connection.handler)] += 1
            if sampleQueues, connection.eventSink != nil, connection.pendingOutputBytes > 0 {
                services.metrics.queueDepth.record(connection.pendingOutputBytes)
            }
            if let sink = connection.eventSink, connection.pendingOutputBytes > 0 || sink.droppedEvents > 0 {
                Self.keepSlowest(
                    ConnectionLoad(
                        session: connection.id, queuedBytes: connection.pendingOutputBytes,
                        droppedEvents: sink.droppedEvents),
                    in: &slowest)
            }
        }
        let counter = services.loopConnectionCounts[loop.index]
        counter.slowest.withLock { $0 = slowest }
        counter.bytesIn.store(bytesIn, ordering: .relaxed)
        counter.bytesOut.store(bytesOut, ordering: .relaxed)
        for (index, count) in byTransport.enumerated() {
            counter.transports[index].value.store(count, ordering: .relaxed)
        }
        if loop.index == 0 && sampleQueues { services.metrics.refresh(from: services) }
    }

    func loopWillSleep() {
        if delayedFlushes.delayMilliseconds > 0 {
            delayedFlushes.removeDue(now: MonotonicClock.nowMilliseconds()) { scheduleFlush($0) }
        }
        // Flushing can queue closes (write errors, lingering close), and closing
        // handlers can queue more output, so loop until both are empty.
        while !flushQueue.isEmpty || !closeQueue.isEmpty {
            let flushing = flushQueue
            flushQueue.removeAll(keepingCapacity: true)
            for connection in flushing {
                connection.isQueuedForFlush = false
                connection.flush()
            }
            let closing = closeQueue
            closeQueue.removeAll(keepingCapacity: true)
            for connection in closing where connections.removeValue(forKey: connection.id) != nil {
                connection.finishClose(loop: loop)
                services.logger.debug(
                    "connection closed", metadata: ["connection.id": "\(String(connection.id, radix: 16))"])
                services.connectionCount.subtract(1, ordering: .relaxed)
                services.loopConnectionCounts[loop.index].value.subtract(1, ordering: .relaxed)
            }
        }
    }

    /// Says goodbye on every connection (WebSocket 1001, SSE streams end, idle HTTP closes);
    /// each then closes once its last bytes are written.
    func beginShutdown() {
        for connection in connections.values where connection.isOpen {
            connection.handler.connectionShutdown(connection)
        }
    }

    /// Closes every connection now (the loop is stopping).
    func closeAll() {
        for connection in connections.values { connection.closeNow() }
        loopWillSleep()
    }
}

extension EventLoop {
    /// The gateway's state for this loop; set once by `Gateway.start` before the loop runs.
    var state: LoopState {
        // The attachment is always a LoopState: Gateway.start sets it before any job can run.
        unsafeDowncast(attachment!, to: LoopState.self)
    }
}
