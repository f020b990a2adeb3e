package import HeraldPosix
package import Logging
import Synchronization

/// The running gateway: a listener, N event loops and the services they share.
///
/// `start()` binds and starts the loops; `stop()` closes the listener and every
/// connection and joins the loop threads.
package final class Gateway: Sendable {
    package let configuration: GatewayConfiguration
    private let logger: Logger
    private let state = Mutex<Running?>(nil)

    private struct Running: Sendable {
        let group: EventLoopGroup
        let listener: ListeningSocket
        let services: GatewayServices
        let acceptor: AcceptorHandle
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
        let staticFiles = try StaticFiles(root: configuration.staticRoot, maxBytes: configuration.staticMaxBytes)
        let loopCount = configuration.loops > 0 ? configuration.loops : Posix.processorCount()
        let group = try EventLoopGroup(count: loopCount)
        let services = GatewayServices(
            configuration: configuration, logger: logger, staticFiles: staticFiles, openFileLimit: openFileLimit,
            loops: group.loops)
        let listener = try ListeningSocket(address: address, backlog: Int32(configuration.listen.backlog))
        for loop in group.loops {
            let loopState = LoopState(loop: loop, services: services)
            loop.attachment = loopState
            loop.delegate = loopState
        }
        let acceptor = Acceptor(listener: listener, loops: group.loops, services: services)
        try acceptor.register(on: group.loops[0])
        try group.start { _ in }
        state.withLock {
            $0 = Running(group: group, listener: listener, services: services, acceptor: AcceptorHandle(acceptor))
        }
        logger.info(
            "herald listening",
            metadata: [
                "listen.address": "\(listener.localAddress)", "loops": "\(loopCount)",
                "connections.max": "\(services.maxConnections)", "node": "\(services.nodeName)",
                "epoch": "\(services.hub.broker.epoch)",
            ])
        return listener.localAddress
    }

    /// Stops gracefully: no new connections, WebSockets closed with 1001, SSE streams
    /// ended, then waits up to `graceSeconds` for connections to finish before
    /// dropping the rest, stopping the loops and releasing the listener.
    package func stop(graceSeconds: Double = 0) {
        guard let running = state.withLock({ state in defer { state = nil }; return state }) else { return }
        let acceptor = running.acceptor
        running.group.loops[0].execute { _ in acceptor.acceptor.deregister() }
        for loop in running.group.loops {
            loop.execute { loop in loop.state.beginShutdown() }
        }
        let deadline = MonotonicClock.nowMilliseconds() + UInt64(max(graceSeconds, 0) * 1000)
        while running.services.connectionCount.load(ordering: .relaxed) > 0
            && MonotonicClock.nowMilliseconds() < deadline
        {
            MonotonicClock.sleep(untilNanoseconds: MonotonicClock.nowNanoseconds() + 10_000_000)
        }
        for loop in running.group.loops {
            loop.execute { loop in loop.state.closeAll() }
        }
        running.group.stopAndJoin()
        running.listener.close()
        logger.info("herald stopped")
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
