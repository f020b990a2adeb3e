package import HeraldPosix
import HeraldTLS
package import Logging
import Synchronization

/// The running gateway: a listener (TLS, or plain with a TLS one beside it), N event
/// loops and the services they share.
///
/// `start()` binds and starts the loops; `stop()` closes the listener and every
/// connection and joins the loop threads.
package final class Gateway: Sendable {
    package let configuration: GatewayConfiguration
    private let logger: Logger
    private let state = Mutex<Running?>(nil)

    private struct Running: Sendable {
        let group: EventLoopGroup
        let listeners: [ListeningSocket]
        let services: GatewayServices
        let acceptors: [AcceptorHandle]
        /// Where the TLS listener is bound, when TLS is on.
        let tlsAddress: SocketAddress?
    }

    package init(configuration: GatewayConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Binds the listener and starts the loops. Returns the bound address (the real port when 0 was asked).
    @discardableResult
    package func start() throws -> SocketAddress {
        Posix.ignoreSIGPIPE()
        let openFileLimit = Posix.raiseOpenFileLimit()
        guard let address = SocketAddress(host: configuration.listen.host, port: configuration.listen.port) else {
            throw ConfigurationError(key: "listen.host", expected: "a numeric IPv4 or IPv6 address")
        }
        let tlsContext = try makeTLSContext()
        let staticFiles = try StaticFiles(root: configuration.staticRoot, maxBytes: configuration.staticMaxBytes)
        let loopCount = configuration.loops > 0 ? configuration.loops : Posix.processorCount()
        let group = try EventLoopGroup(count: loopCount)
        let services = GatewayServices(
            configuration: configuration, logger: logger, staticFiles: staticFiles, openFileLimit: openFileLimit,
            loops: group.loops)
        let backlog = Int32(configuration.listen.backlog)
        let listener = try ListeningSocket(address: address, backlog: backlog)
        // tls.port 0: the one listener speaks TLS; another port: a TLS listener beside the plain one.
        var listeners = [(listener, configuration.tls.port == 0 ? tlsContext : nil)]
        if let tlsContext, configuration.tls.port != 0 {
            guard let tlsAddress = SocketAddress(host: configuration.listen.host, port: configuration.tls.port) else {
                throw ConfigurationError(key: "tls.port", expected: "a port on listen.host")
            }
            listeners.append((try ListeningSocket(address: tlsAddress, backlog: backlog), tlsContext))
        }
        for loop in group.loops {
            let loopState = LoopState(loop: loop, services: services)
            loop.attachment = loopState
            loop.delegate = loopState
        }
        var acceptors: [AcceptorHandle] = []
        for (socket, tls) in listeners {
            let acceptor = Acceptor(listener: socket, loops: group.loops, services: services, tls: tls)
            try acceptor.register(on: group.loops[0])
            acceptors.append(AcceptorHandle(acceptor))
        }
        try group.start { _ in }
        let tlsAddress = listeners.first { $0.1 != nil }?.0.localAddress
        state.withLock {
            $0 = Running(
                group: group, listeners: listeners.map(\.0), services: services, acceptors: acceptors,
                tlsAddress: tlsAddress)
        }
        logger.info(
            "herald listening",
            metadata: [
                "listen.address": "\(listener.localAddress)", "loops": "\(loopCount)",
                "tls.address": "\(tlsAddress.map { "\($0)" } ?? "off")",
                "connections.max": "\(services.maxConnections)", "node": "\(services.nodeName)",
                "epoch": "\(services.hub.broker.epoch)",
            ])
        return listener.localAddress
    }

    /// The server TLS context from `tls.cert` and `tls.key`, or nil when TLS is off.
    private func makeTLSContext() throws -> TLSContext? {
        guard configuration.tls.isEnabled else { return nil }
        return try TLSContext(
            certificateChainFile: configuration.tls.certificateFile, privateKeyFile: configuration.tls.privateKeyFile)
    }

    /// Where the TLS listener is bound (the real port when 0 was asked), or nil when TLS is off.
    package var tlsAddress: SocketAddress? {
        state.withLock { $0?.tlsAddress }
    }

    /// Stops gracefully, losing no accepted publish:
    /// 1. readiness goes false, new publishes get 503 `draining`, accepting stops;
    /// 2. a barrier job runs on every loop, so every publish answered 200 has queued its
    ///    deliveries (each loop runs jobs in order, so those come before step 3's);
    /// 3. WebSockets get 1001 "server shutting down" after what is queued, SSE streams end;
    /// 4. up to `graceSeconds` for connections to finish, then the rest are dropped,
    ///    the loops stopped and the listener released.
    package func stop(graceSeconds: Double = 0) {
        guard let running = state.withLock({ state in defer { state = nil }; return state }) else { return }
        let deadline = MonotonicClock.nowMilliseconds() + UInt64(max(graceSeconds, 0) * 1000)
        running.services.draining.store(true, ordering: .releasing)
        let acceptors = running.acceptors
        running.group.loops[0].execute { _ in
            for handle in acceptors { handle.acceptor.deregister() }
        }
        let barrier = BarrierCount(running.group.loops.count)
        for loop in running.group.loops { loop.execute { _ in barrier.arrive() } }
        waitUntil(deadline) { barrier.isComplete }
        for loop in running.group.loops {
            loop.execute { loop in loop.state.beginShutdown() }
        }
        waitUntil(deadline) { running.services.connectionCount.load(ordering: .relaxed) == 0 }
        for loop in running.group.loops {
            loop.execute { loop in loop.state.closeAll() }
        }
        running.group.stopAndJoin()
        for listener in running.listeners { listener.close() }
        logger.info("herald stopped")
    }

    /// Polls `condition` every 10 ms until it holds or `deadline` passes (the stopping thread only).
    private func waitUntil(_ deadline: UInt64, _ condition: () -> Bool) {
        while !condition() && MonotonicClock.nowMilliseconds() < deadline {
            MonotonicClock.sleep(untilNanoseconds: MonotonicClock.nowNanoseconds() + 10_000_000)
        }
    }

    /// Whether the gateway is serving and not stopping (`/readyz`).
    package var isReady: Bool {
        state.withLock { $0.map { !$0.services.draining.load(ordering: .acquiring) } ?? false }
    }

    /// Open connections right now on each loop.
    package var connectionCountsPerLoop: [Int] {
        state.withLock { $0?.services.loopConnectionCounts.map { $0.value.load(ordering: .relaxed) } ?? [] }
    }

    /// Open connections right now, across all loops.
    package var connectionCount: Int {
        state.withLock { $0?.services.connectionCount.load(ordering: .relaxed) ?? 0 }
    }
}

/// Carries the acceptor (loop 0's) to the job that stops it.
// @unchecked Sendable: the acceptor is only touched on loop 0, by the job this box travels in.
private final class AcceptorHandle: @unchecked Sendable {
    let acceptor: Acceptor
    init(_ acceptor: Acceptor) { self.acceptor = acceptor }
}

/// Counts loops that have run the stop barrier job.
private final class BarrierCount: Sendable {
    private let remaining: Atomic<Int>
    init(_ count: Int) { remaining = Atomic(count) }
    func arrive() { remaining.subtract(1, ordering: .releasing) }
    var isComplete: Bool { remaining.load(ordering: .acquiring) <= 0 }
}
