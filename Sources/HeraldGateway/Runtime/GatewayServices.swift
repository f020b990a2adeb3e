import HeraldPosix
import Logging
import Synchronization

/// What every loop shares: immutable configuration, the logger, the static
/// files, and the few atomics that count across loops.
final class GatewayServices: Sendable {
    let configuration: GatewayConfiguration
    let logger: Logger
    let staticFiles: StaticFiles
    /// Open connections across all loops (the acceptor enforces `maxConnections`).
    let connectionCount = Atomic<Int>(0)
    let maxConnections: Int

    init(configuration: GatewayConfiguration, logger: Logger, staticFiles: StaticFiles, openFileLimit: Int) {
        self.configuration = configuration
        self.logger = logger
        self.staticFiles = staticFiles
        // Keep 64 descriptors for listeners, epoll, eventfds, timers, files and Redis.
        let derived = max(openFileLimit - 64, 16)
        let configured = configuration.listen.maxConnections
        maxConnections = configured > 0 ? min(configured, derived) : derived
    }
}
