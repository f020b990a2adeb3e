import ArgumentParser
import Foundation
import HeraldClient

/// How `herald bench` prints: a progress line on stderr once a second, the
/// report as text or JSON on stdout.
enum BenchOutput {
    /// Runs a benchmark, turning its error into a plain message and exit code 1.
    static func run<Report>(_ body: () throws(ClientError) -> Report) throws -> Report {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("herald bench: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// A run whose connections dropped measured something else than asked:
    /// the report is printed, and the exit status says so (2).
    static func failIfConnectionsWereLost(_ lost: Int) throws {
        guard lost > 0 else { return }
        FileHandle.standardError.write(Data("herald bench: \(lost) connection(s) lost during the run\n".utf8))
        throw ExitCode(2)
    }

    /// Parses a URL flag, requiring `ws://` or `wss://`.
    static func parseWebSocketURL(_ text: String) throws -> EndpointURL {
        let url: EndpointURL
        do {
            url = try EndpointURL(text)
        } catch {
            throw ValidationError("\(text): \(error)")
        }
        guard url.scheme.webSocket == url.scheme else {
            throw ValidationError("\(text): expected a ws:// or wss:// URL")
        }
        return url
    }

    /// One progress line on stderr.
    static func printProgress(_ progress: BenchProgress) {
        let totals = progress.totals
        let phase = progress.phase.padding(toLength: 7, withPad: " ", startingAt: 0)
        var line = String(
            format: "[%6.1fs] %@ conns %d/%d", progress.elapsedSeconds, phase as NSString,
            totals.opened - totals.closed + totals.failed, progress.plannedConnections)
        if totals.sent > 0 || totals.received > 0 {
            line += String(
                format: "  sent %@/s  recv %@/s", count(progress.rate { $0.sent }), count(progress.rate { $0.received })
            )
        }
        if totals.published > 0 || totals.publishFailed > 0 {
            line += "  published \(totals.published)  delivered \(totals.received)/\(totals.expected)"
        }
        if totals.failed + totals.lost > 0 { line += "  failed \(totals.failed)  lost \(totals.lost)" }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The report as pretty JSON on stdout.
    static func printJSON(_ report: some Encodable) {
        guard let data = try? encodeJSON(report) else { return }
        FileHandle.standardOutput.write(data)
    }

    /// Writes the report as JSON to `path`, if one is given.
    static func writeJSON(_ report: some Encodable, to path: String?) throws {
        guard let path else { return }
        do {
            try encodeJSON(report).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    private static func encodeJSON(_ report: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(report) + Data("\n".utf8)
    }

    static func printText(_ report: EchoReport) {
        print(
            "echo \(report.url): \(report.connections) connections × \(report.inFlight) in flight, "
                + "\(report.messageBytes) B, \(seconds(report.durationSeconds)), \(report.threads) thread(s)")
        print(
            "round trips   \(report.roundTrips) (\(count(report.roundTripsPerSecond))/s in the window), "
                + "unanswered \(report.unanswered)")
        printCommon(
            latency: report.latency, usage: report.usage,
            perEvent: [("round trip", report.serverCPUSecondsPerRoundTrip)],
            lost: report.lostConnections, error: report.firstError)
    }

    static func printText(_ report: FanoutReport) {
        let rate = report.targetRatePerSecond.map { "\(count($0))/s" } ?? "flat out"
        print(
            "fanout: \(report.subscribers) subscribers over \(report.topics) topic(s), \(report.publishers) "
                + "publisher(s) (pipeline \(report.pipeline)), \(rate), \(report.messageBytes) B, "
                + "\(seconds(report.durationSeconds)), \(report.threads) thread(s)")
        print("  sub \(report.subscribeURL)\n  pub \(report.publishURL)")
        print(
            "published     \(report.published) (\(count(report.publishedPerSecond))/s), "
                + "failed \(report.publishFailed)")
        print(
            "delivered     \(report.delivered) of \(report.expected) expected "
                + "(\(count(report.deliveredPerSecond))/s), lost \(report.lost) "
                + String(format: "(%.3f%%)", report.lossRatio * 100) + ", excess \(report.excess), "
                + "other frames \(report.otherFrames)")
        var wire = "wire          \(bytes(Double(report.wireBytesReceived))) read by subscribers"
        if let perDelivery = report.wireBytesPerDelivery {
            wire += String(format: ", %.1f B per delivery", perDelivery)
        }
        if report.deflateSubscribers > 0 {
            wire += "; permessage-deflate on \(report.deflateSubscribers) of \(report.subscribers) subscribers"
        }
        print(wire)
        printCommon(
            latency: report.latency, usage: report.usage,
            perEvent: [
                ("delivery", report.serverCPUSecondsPerDelivery), ("publish", report.serverCPUSecondsPerPublish),
            ],
            lost: report.lostConnections, error: report.firstError)
    }

    static func printText(_ report: ConnectReport) {
        print(
            "connect \(report.url): \(report.concurrency) at once, \(seconds(report.durationSeconds)), "
                + "\(report.threads) thread(s)")
        print(
            "handshakes    \(report.handshakes) (\(count(report.handshakesPerSecond))/s: connect, TLS if wss, upgrade), "
                + "failed \(report.failed)")
        printCommon(
            latency: report.latency, usage: report.usage,
            perEvent: [("handshake", report.serverCPUSecondsPerHandshake)], lost: 0, error: report.firstError)
    }

    static func printText(_ report: IdleReport) {
        print(
            "idle \(report.subscribeURL): \(report.connections) connections over \(report.topics) topic(s), "
                + "open in \(seconds(report.connectSeconds)), held \(seconds(report.holdSeconds))")
        print(
            "server RSS    baseline \(bytes(Double(report.serverBaselineBytes))), established "
                + "\(bytes(Double(report.serverEstablishedBytes))), end \(bytes(Double(report.serverEndBytes))): "
                + "\(bytes(report.serverBytesPerConnection)) per connection")
        printUsage(report.usage, perEvent: [])
        if report.lostConnections > 0 || report.firstError != nil {
            print("lost          \(report.lostConnections) connection(s); first error: \(report.firstError ?? "-")")
        }
    }

    private static func printCommon(
        latency: LatencySummary, usage: ProcessUsage, perEvent: [(String, Double?)], lost: Int, error: String?
    ) {
        let percentiles = latency.labelledValues.map { "\($0.label) \(duration($0.nanoseconds))" }
        print("latency       " + percentiles.joined(separator: "  ") + "  (mean \(duration(UInt64(latency.mean))))")
        printUsage(usage, perEvent: perEvent)
        if lost > 0 || error != nil {
            print("lost          \(lost) connection(s); first error: \(error ?? "-")")
        }
    }

    private static func printUsage(_ usage: ProcessUsage, perEvent: [(String, Double?)]) {
        if let cpu = usage.serverCPUSeconds, let percent = usage.serverCPUPercent {
            var line = String(format: "server CPU    %.2f s (%.1f%% of a core)", cpu, percent)
            for (name, value) in perEvent {
                if let value { line += String(format: ", %.2f µs per %@", value * 1e6, name as NSString) }
            }
            if let rss = usage.serverResidentBytes { line += "; RSS \(bytes(Double(rss)))" }
            print(line)
        } else {
            print("server CPU    (give --server-pid to measure)")
        }
        print(
            String(
                format: "client CPU    %.2f s (%.1f%% of a core, %.0f%% of it in the kernel)", usage.clientCPUSeconds,
                usage.clientCPUPercent,
                usage.clientCPUSeconds > 0 ? usage.clientSystemCPUSeconds / usage.clientCPUSeconds * 100 : 0)
                + "; RSS \(bytes(Double(usage.clientResidentBytes)))")
    }

    private static func duration(_ nanoseconds: UInt64) -> String {
        switch nanoseconds {
        case ..<1_000_000: String(format: "%.0f µs", Double(nanoseconds) / 1e3)
        case ..<1_000_000_000: String(format: "%.2f ms", Double(nanoseconds) / 1e6)
        default: String(format: "%.2f s", Double(nanoseconds) / 1e9)
        }
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }

    private static func count(_ value: Double) -> String {
        value >= 10_000 ? String(format: "%.1fk", value / 1e3) : String(format: "%.0f", value)
    }

    private static func bytes(_ value: Double) -> String {
        switch value {
        case ..<10_240: String(format: "%.0f B", value)
        case ..<(10 * 1_048_576): String(format: "%.1f KiB", value / 1024)
        default: String(format: "%.1f MiB", value / 1_048_576)
        }
    }
}
