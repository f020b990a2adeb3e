package import HeraldPosix
import HeraldProtocol

/// `herald watch` without the command line: connects to `/ws`, prints events
/// through a `WatchOutput`, reconnects with `ReconnectBackoff` and resumes from
/// the last printed id (`ResumeState`). Runs on the calling thread, blocking;
/// `stop` (signalled from any thread) ends it promptly.
/// Thread-confined: not Sendable on purpose.
package final class WatchEngine {
    /// How a watch ended without an error.
    package enum Outcome: Sendable, Equatable {
        /// `stop` was signalled (Ctrl-C).
        case stopped
        /// `--count` events were printed.
        case countReached
        /// `--timeout` passed without a connection.
        case timedOut
    }

    /// What was asked for.
    package let settings: WatchSettings
    /// Where a reconnect resumes.
    package private(set) var resume: ResumeState
    /// The reconnect policy and its failure count.
    package private(set) var backoff: ReconnectBackoff
    /// Events printed so far.
    package private(set) var printedCount = 0
    /// Connections opened so far (the handshake succeeded).
    package private(set) var connectionCount = 0
    private let formatter: WatchFormatter
    private let stop: StopSignal
    private var random = SystemRandomNumberGenerator()

    /// An engine for `settings`, printing with `formatter`, ended by `stop`.
    package init(
        settings: WatchSettings, formatter: WatchFormatter, stop: StopSignal, backoff: ReconnectBackoff = .init()
    ) {
        self.settings = settings
        self.formatter = formatter
        self.stop = stop
        self.backoff = backoff
        resume = ResumeState(initialSince: settings.since)
    }

    /// Watches until stopped, `--count` is reached or `--timeout` passes.
    /// - Throws: `ClientError.refused` when the server refuses the
    ///   subscription (a bad pattern, filter or since), or a URL error:
    ///   retrying cannot help.
    package func run(output: any WatchOutput) throws(ClientError) -> Outcome {
        if settings.count == 0 { return .countReached }
        var lastUp = MonotonicClock.nowMilliseconds()
        while true {
            let url = settings.webSocketURL(since: resume.since)
            let reason: ClientError
            var connected = false
            do throws(ClientError) {
                guard
                    let socket = try WatchSocket.open(
                        url, trust: settings.tlsTrust, stop: stop,
                        silenceMilliseconds: settings.silenceLimitMilliseconds)
                else { return .stopped }
                connected = true
                connectionCount += 1
                backoff.reset()
                output.notice(.connected(url: url.description, since: resume.since))
                if let outcome = try pump(socket, output: output) { return outcome }
                reason = .endOfStream
            } catch {
                switch error {
                case .refused(let status, _, _) where Self.isFinal(status: status): throw error
                // Retrying cannot fix these; a certificate the client does not trust included.
                case .hostNotNumeric, .badRequestTarget, .badURL, .tlsNotAvailable, .tls: throw error
                default: reason = error
                }
            }
            // --timeout counts from the end of the last connection (or the start).
            if connected { lastUp = MonotonicClock.nowMilliseconds() }
            var delay = backoff.nextDelayMilliseconds(using: &random)
            if let timeout = settings.timeoutSeconds {
                let deadline = lastUp + UInt64(max(timeout, 0) * 1000)
                let now = MonotonicClock.nowMilliseconds()
                guard now < deadline else {
                    output.notice(.gaveUp(reason: Self.plain(reason, url: url), afterSeconds: timeout))
                    return .timedOut
                }
                delay = min(delay, Int(deadline - now))
            }
            output.notice(.disconnected(reason: Self.plain(reason, url: url), retryMilliseconds: delay))
            if stop.wait(for: nil, timeoutMilliseconds: delay) == .stopped { return .stopped }
        }
    }

    /// Reads messages until the connection ends (nil), or the watch does.
    private func pump(_ socket: WatchSocket, output: any WatchOutput) throws(ClientError) -> Outcome? {
        while true {
            guard
                case .message(let message) = try socket.next(
                    stop: stop, silenceMilliseconds: settings.silenceLimitMilliseconds)
            else {
                socket.send(.close, payload: WebSocketClosePayload.encode(rawCode: 1000, reason: ""))
                return .stopped
            }
            switch message {
            case .text(let text):
                handle(WatchFrame.parse(text), output: output)
                if let count = settings.count, printedCount >= count {
                    socket.send(.close, payload: WebSocketClosePayload.encode(rawCode: 1000, reason: ""))
                    return .countReached
                }
            case .binary:
                break
            case .ping(let payload):
                socket.send(.pong, payload: payload)
            case .pong:
                break
            case .close(let code, _):
                let echoed = code.flatMap { WebSocketCloseCode.isValidToReceive($0) ? $0 : nil }
                socket.send(.close, payload: echoed.map { WebSocketClosePayload.encode(rawCode: $0, reason: "") } ?? [])
                throw .closedByServer(code: code)
            }
        }
    }

    private func handle(_ frame: WatchFrame, output: any WatchOutput) {
        switch frame {
        case .event(let envelope, let text, let id):
            output.event(formatter.line(envelope: envelope, text: text))
            if let id { resume.printed(id: id) }
            printedCount += 1
        case .gap(let pattern, let since, let first):
            output.notice(.gap(pattern: pattern, since: since, firstAvailable: first))
        case .dropped(let count, let first):
            output.notice(.dropped(count: count, firstID: first))
        case .error(let code, let message):
            output.notice(.serverError(code: code, message: message))
        case .welcome(_, let position):
            if let position { resume.welcomed(position: position) }
        case .other:
            break
        }
    }

    /// Whether an HTTP refusal is the request's fault (so retrying cannot
    /// help): client errors, except timeouts and rate limits.
    static func isFinal(status: Int) -> Bool {
        (400..<500).contains(status) && status != 408 && status != 429
    }

    /// The reason for a lost or failed connection as a person reads it.
    static func plain(_ reason: ClientError, url: EndpointURL) -> String {
        switch reason {
        case .connectFailed: "cannot reach the gateway at \(url.host):\(url.port) (\(reason))"
        case .endOfStream: "the gateway closed the connection"
        case .closedByServer(code: 1001): "the gateway is shutting down (close 1001)"
        case .closedByServer(code: 1013): "the gateway closed this client as too slow (close 1013)"
        default: "\(reason)"
        }
    }
}
