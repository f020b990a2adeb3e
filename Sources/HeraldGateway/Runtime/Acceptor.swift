import HeraldPosix
import HeraldTLS
import Logging

/// Accepts connections on loop 0 and hands them out to the loops round-robin,
/// so connections spread evenly whatever the kernel's wake-up order.
/// A TLS listener's acceptor hands each connection the shared `TLSContext`.
final class Acceptor: EventHandler {
    /// Accepts per readiness event, so a connect storm cannot starve loop 0's own connections.
    static let acceptsPerEvent = 128

    private let listener: ListeningSocket
    private let loops: [EventLoop]
    private let services: GatewayServices
    private var reserve = ReserveDescriptor()
    private var nextLoop = 0
    private let tls: TLSContext?

    init(listener: ListeningSocket, loops: [EventLoop], services: GatewayServices, tls: TLSContext? = nil) {
        self.listener = listener
        self.tls = tls
        self.loops = loops
        self.services = services
    }

    func handle(events: Epoll.Events) {
        for _ in 0..<Self.acceptsPerEvent {
            do {
                switch try listener.accept() {
                case .wouldBlock:
                    return
                case .processed(let descriptor):
                    dispatch(descriptor)
                }
            } catch let error where error.isOutOfDescriptors {
                // Out of descriptors: accept-and-close one pending connection with the
                // reserve fd so the listener stops being readable instead of spinning.
                services.logger.warning("out of file descriptors; refusing a connection", metadata: ["errno": "\(error.errno)"])
                if !reserve.shedOneConnection(from: listener) { pauseUntilNextTick() }
                return
            } catch {
                // ECONNABORTED and friends concern one pending connection only.
                continue
            }
        }
    }

    private var registration: Registration?

    func register(on loop: EventLoop) throws(SystemError) {
        registration = try loop.register(descriptor: listener.descriptor, interest: .input, handler: self)
    }

    /// Stops watching the listener until the next tick, when even the reserve fd
    /// could not be had: better a short pause than a busy loop.
    private func pauseUntilNextTick() {
        guard let registration else { return }
        loops[0].modify(registration, interest: [])
        loops[0].state.afterNextTick.append { [weak self] in
            guard let self, let registration = self.registration else { return }
            self.loops[0].modify(registration, interest: .input)
        }
    }

    /// Stops accepting for good (shutdown).
    func deregister() {
        if let registration { loops[0].deregister(registration) }
        registration = nil
    }

    private func dispatch(_ descriptor: Int32) {
        let limit = services.maxConnections
        if services.connectionCount.add(1, ordering: .relaxed).newValue > limit {
            services.connectionCount.subtract(1, ordering: .relaxed)
            Posix.close(descriptor: descriptor)
            return
        }
        let target = loops[nextLoop]
        nextLoop = (nextLoop + 1) % loops.count
        let tls = tls
        if target === loops[0] {
            target.state.adopt(descriptor: descriptor, tls: tls)
        } else {
            target.execute { loop in loop.state.adopt(descriptor: descriptor, tls: tls) }
        }
    }
}
