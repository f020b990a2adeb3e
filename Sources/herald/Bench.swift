import ArgumentParser
import Foundation
import HeraldClient

/// `herald bench`: a cheap load generator (one epoll thread multiplexing
/// every connection) that reports throughput, latency percentiles and, with
/// `--server-pid`, the server's CPU per delivered message.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load-generate against a running gateway (or nchan) and report figures.",
        discussion: """
            Traffic goes to the URLs given (loopback in Benchmarks/). Every run is bounded: \
            connect (paced), the measured window (--duration or --hold), a short drain, close. \
            Give --server-pid (repeatable, or comma-separated) to measure the server's CPU and \
            memory from /proc over the window.
            """,
        subcommands: [BenchEcho.self, BenchFanout.self, BenchIdle.self, BenchConnect.self]
    )
}

/// Flags every bench mode takes.
struct BenchOptions: ParsableArguments {
    @Option(help: "Load-generator threads, each an epoll loop multiplexing its share of the connections.")
    var threads = 1

    @Option(
        name: .customLong("server-pid"),
        help: "Server process to sample from /proc (repeat, or comma-separate, for nginx's master and workers).")
    var serverPIDs: [String] = []

    @Option(help: "New connections per second (paced, not a SYN flood).")
    var connectRate: Double = 2_000

    @Option(help: "At most this many connections in progress at once.")
    var connectBatch = 200

    @Option(help: "Seconds allowed for connecting, on top of count / --connect-rate.")
    var connectTimeout: Double = 60

    @Option(help: "Seconds to wait after the window for messages in flight.")
    var drain: Double = 2

    @Flag(help: "Print the report as JSON on stdout.")
    var json = false

    @Option(help: "Also write the report as JSON to this file.")
    var jsonOutput: String?

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Flag(
        help: "Offer permessage-deflate on every WebSocket; compressed messages are inflated before they are checked.")
    var deflate = false

    @OptionGroup var tls: TLSClientOptions

    /// The settings for HeraldClient.
    func settings() throws -> BenchSettings {
        var settings = BenchSettings()
        settings.threads = threads
        settings.connectRatePerSecond = connectRate
        settings.maxPendingConnects = connectBatch
        settings.connectTimeoutSeconds = connectTimeout
        settings.drainSeconds = drain
        settings.offerDeflate = deflate
        settings.tlsTrust = tls.trust
        settings.serverProcessIDs = try serverPIDs.flatMap { $0.split(separator: ",") }.map { text in
            guard let pid = Int32(text.trimmingCharacters(in: .whitespaces)), pid > 0 else {
                throw ValidationError("--server-pid: not a process id: \(text)")
            }
            return pid
        }
        return settings
    }

    /// The progress printer, or one that prints nothing with `--quiet`.
    func progressPrinter() -> (BenchProgress) -> Void {
        if quiet { return { _ in } }
        return { BenchOutput.printProgress($0) }
    }
}
