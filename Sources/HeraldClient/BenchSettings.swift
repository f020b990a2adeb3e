import HeraldPosix
package import HeraldTLS

/// Settings every benchmark mode shares.
package struct BenchSettings: Sendable {
    /// Load-generator threads (event loops); connections are spread over them round-robin.
    package var threads = 1
    /// New connections per second, over all threads: a pace the server's
    /// accept queue absorbs, not a SYN flood.
    package var connectRatePerSecond: Double = 2_000
    /// At most this many connections in progress (connecting or handshaking) at once, over all threads.
    package var maxPendingConnects = 200
    /// Give up if the connections are not all open after this long.
    package var connectTimeoutSeconds: Double = 60
    /// Server processes to sample for CPU and memory (nginx: master and workers).
    package var serverProcessIDs: [Int32] = []
    /// The largest message a WebSocket connection accepts.
    package var maxMessageBytes = 1 << 20
    /// After sending stops, wait up to this long for what is in flight.
    package var drainSeconds: Double = 2
    /// Which servers `wss://` and `https://` connections trust.
    package var tlsTrust: TLSContext.ClientTrust = .systemStore
    /// Offer permessage-deflate on every WebSocket (compressed messages are
    /// inflated before they are checked, as a browser would).
    package var offerDeflate = false

    package init() {}

    /// Checks ranges.
    func validate() throws(ClientError) {
        guard (1...64).contains(threads) else { throw .invalidSetting("--threads must be 1...64") }
        guard connectRatePerSecond > 0 else { throw .invalidSetting("--connect-rate must be positive") }
        guard maxPendingConnects >= 1 else { throw .invalidSetting("--connect-batch must be at least 1") }
        guard connectTimeoutSeconds > 0, drainSeconds >= 0 else { throw .invalidSetting("timeouts must be positive") }
    }

    /// One client TLS context for the run when any of `urls` needs TLS.
    func tlsContext(for urls: [EndpointURL]) throws(ClientError) -> TLSContext? {
        guard urls.contains(where: { $0.scheme.isSecure }) else { return nil }
        do throws(TLSError) {
            return try TLSContext(client: tlsTrust)
        } catch {
            throw .invalidSetting("\(error)")
        }
    }

    /// A loop's plan with the shared settings filled in.
    func workerPlan(
        role: WorkerPlan.Role, webSocketURLs: [EndpointURL], publishing: PublishPlan? = nil, tls: TLSContext?
    ) -> WorkerPlan {
        WorkerPlan(
            role: role, webSocketURLs: webSocketURLs, publishing: publishing, maxMessageBytes: maxMessageBytes,
            connectRatePerSecond: perLoopConnectRate, maxPendingConnects: perLoopPendingConnects, tls: tls,
            offerDeflate: offerDeflate)
    }

    /// One plan per thread, `connections` to `url` spread over them, all in `role`.
    func workerPlans(role: WorkerPlan.Role, url: EndpointURL, connections: Int, tls: TLSContext?) -> [WorkerPlan] {
        (0..<threads).map { worker in
            workerPlan(
                role: role,
                webSocketURLs: Array(
                    repeating: url, count: BenchMeasurement.share(of: connections, worker: worker, of: threads)),
                tls: tls)
        }
    }

    /// Per-loop share of the connect pace and of the pending limit.
    var perLoopConnectRate: Double { connectRatePerSecond / Double(threads) }
    var perLoopPendingConnects: Int { max(1, maxPendingConnects / threads) }

    /// The connect timeout stretched for large counts at the configured pace.
    func connectTimeout(for connections: Int) -> Double {
        connectTimeoutSeconds + Double(connections) / connectRatePerSecond
    }

    /// Checks the open-file limit (raised to the hard limit first) against
    /// what `connections` need, with room for the loops' own fds.
    func checkDescriptorLimit(for connections: Int) throws(ClientError) {
        let limit = Posix.raiseOpenFileLimit()
        let needed = connections + 16 + 3 * threads
        guard needed <= limit else {
            throw .invalidSetting(
                "\(connections) connections need about \(needed) file descriptors, but the limit is \(limit) "
                    + "(ulimit -n); split the load over several client processes")
        }
    }
}
