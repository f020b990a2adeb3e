/// CPU and memory of the server and of the load generator over a measured
/// window: the figures that tell whether the client kept up and what each
/// delivered message cost the server.
package struct ProcessUsage: Sendable, Codable, Equatable {
    /// Length of the window, seconds.
    package var windowSeconds: Double
    /// Server CPU (user + system, all threads, all given processes) in the
    /// window, seconds; `nil` without `--server-pid`.
    package var serverCPUSeconds: Double?
    /// Server resident memory at the end of the window, bytes.
    package var serverResidentBytes: UInt64?
    /// This load generator's CPU in the window, seconds.
    package var clientCPUSeconds: Double
    /// The part of `clientCPUSeconds` spent in the kernel: on loopback, the
    /// sender's system calls also run the receiver's TCP processing.
    package var clientSystemCPUSeconds: Double
    /// This load generator's resident memory at the end, bytes.
    package var clientResidentBytes: UInt64

    package init(
        windowSeconds: Double, serverCPUSeconds: Double?, serverResidentBytes: UInt64?, clientCPUSeconds: Double,
        clientSystemCPUSeconds: Double, clientResidentBytes: UInt64
    ) {
        self.windowSeconds = windowSeconds
        self.serverCPUSeconds = serverCPUSeconds
        self.serverResidentBytes = serverResidentBytes
        self.clientCPUSeconds = clientCPUSeconds
        self.clientSystemCPUSeconds = clientSystemCPUSeconds
        self.clientResidentBytes = clientResidentBytes
    }

    /// The usage between two samples taken `windowSeconds` apart.
    init(from start: ProcessMeter.Sample, to end: ProcessMeter.Sample, windowSeconds: Double) {
        var serverCPU: Double?
        if let before = start.serverCPUSeconds, let after = end.serverCPUSeconds { serverCPU = after - before }
        self.init(
            windowSeconds: windowSeconds, serverCPUSeconds: serverCPU, serverResidentBytes: end.serverResidentBytes,
            clientCPUSeconds: end.clientCPUSeconds - start.clientCPUSeconds,
            clientSystemCPUSeconds: end.clientSystemCPUSeconds - start.clientSystemCPUSeconds,
            clientResidentBytes: end.clientResidentBytes)
    }

    /// Server CPU as a share of one core (100 = one core busy).
    package var serverCPUPercent: Double? {
        serverCPUSeconds.map { windowSeconds > 0 ? $0 / windowSeconds * 100 : 0 }
    }

    /// Client CPU as a share of one core.
    package var clientCPUPercent: Double {
        windowSeconds > 0 ? clientCPUSeconds / windowSeconds * 100 : 0
    }

    /// Server CPU seconds per event (`nil` without a server pid or events).
    package func serverCPUSeconds(per events: Int) -> Double? {
        guard events > 0 else { return nil }
        return serverCPUSeconds.map { $0 / Double(events) }
    }
}
