import HeraldPosix
import HeraldProtocol

/// One load-generator loop: opens its connections at a paced rate, then
/// sends and measures as the controlling thread's jobs say. All of it runs on
/// the loop's thread; only `counters` is read from elsewhere while it runs,
/// and `latencies` once the loop has stopped.
final class BenchWorker: EventLoopDelegate {
    unowned let loop: EventLoop
    let plan: WorkerPlan
    /// Running totals, read by the controlling thread.
    let counters = BenchCounters()
    /// Latencies of echoes or deliveries.
    var latencies = LatencyHistogram()

    // MARK: Connection pacing
    private var connectBucket: TokenBucket
    private var nextWebSocket = 0
    private var nextPublisher = 0
    /// Connections started and neither open nor failed yet.
    var pendingConnects = 0

    // MARK: Connections
    var webSockets: [WebSocketClientConnection] = []
    /// Per WebSocket connection (by tag): true once its handshake succeeded.
    var webSocketOpened: [Bool] = []
    var publishers: [HTTPClientConnection] = []
    /// Per publisher connection (by tag): true once connected.
    var publisherOpened: [Bool] = []
    var publisherStates: [PublisherState] = []
    /// True between the start and stop jobs: echo clients resend, publishers publish.
    var sending = false
    /// True once the close-all job ran: closes are expected, not losses.
    var closingAll = false
    /// `reconnect` role: slots whose attempt failed, retried on the next tick.
    var slotsToRestart: [Int] = []

    init(loop: EventLoop, plan: WorkerPlan) {
        self.loop = loop
        self.plan = plan
        connectBucket = TokenBucket(
            ratePerSecond: plan.connectRatePerSecond, burst: max(1, plan.connectRatePerSecond / 20))
    }

    /// Connections this loop will open.
    var plannedConnections: Int { plan.webSocketURLs.count + (plan.publishing?.connections ?? 0) }

    func loopDidTick(nowMilliseconds: UInt64) {
        openMoreConnections()
        if sending { pumpPublishers() }
        if !slotsToRestart.isEmpty {
            let slots = slotsToRestart
            slotsToRestart.removeAll()
            if sending { for slot in slots { restartWebSocket(slot: slot) } }
        }
    }

    func loopWillSleep() {}

    /// Starts as many connections as the pace and the pending limit allow.
    func openMoreConnections() {
        let remaining = plannedConnections - nextWebSocket - nextPublisher
        guard remaining > 0, !closingAll else { return }
        let room = min(remaining, plan.maxPendingConnects - pendingConnects)
        let granted = connectBucket.take(upTo: room, nowNanoseconds: MonotonicClock.nowNanoseconds())
        for _ in 0..<granted {
            // Publishers first: there are few, and the subscribers need them only later.
            if let publishing = plan.publishing, nextPublisher < publishing.connections {
                startPublisher(index: nextPublisher, plan: publishing)
                nextPublisher += 1
            } else if nextWebSocket < plan.webSocketURLs.count {
                startWebSocket(index: nextWebSocket)
                nextWebSocket += 1
            }
        }
    }

    /// A connection that never opened.
    func connectionFailed(_ reason: ClientError) {
        pendingConnects -= 1
        counters.failed.add(1, ordering: .relaxed)
        counters.closed.add(1, ordering: .relaxed)
        counters.noteError("\(reason)")
    }

    /// An open connection went away.
    func connectionClosed(_ reason: ClientError) {
        counters.closed.add(1, ordering: .relaxed)
        if case .closedByClient = reason { return }
        guard !closingAll else { return }
        counters.lost.add(1, ordering: .relaxed)
        counters.noteError("\(reason)")
    }

    // MARK: Jobs from the controlling thread

    /// Starts sending: echo clients put their messages in flight, publishers begin.
    func startSending() {
        sending = true
        switch plan.role {
        case .echo(let inFlight, let messageBytes):
            for connection in webSockets where connection.state == .open {
                for _ in 0..<inFlight { sendEcho(on: connection, messageBytes: messageBytes) }
            }
        case .reconnect:
            // Every slot starts over, so each measured handshake begins inside the window.
            for (slot, connection) in webSockets.enumerated() where connection.state == .open {
                connection.abort()
                restartWebSocket(slot: slot)
            }
        case .subscribe:
            break
        }
        pumpPublishers()
    }

    /// Stops starting new messages; what is in flight still completes.
    func stopSending() {
        sending = false
    }

    /// Closes everything: WebSockets with a closing handshake, publishers at once.
    func closeAll() {
        closingAll = true
        sending = false
        for connection in webSockets { connection.close() }
        for connection in publishers { connection.abort() }
    }

    /// Closes every socket at once (the closing handshakes ran out of time).
    func abortAll() {
        closingAll = true
        for connection in webSockets { connection.abort() }
        for connection in publishers { connection.abort() }
    }
}
