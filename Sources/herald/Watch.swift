import ArgumentParser
import Dispatch
import Foundation
import HeraldClient
import HeraldPosix

extension WatchFormatter.Format: ExpressibleByArgument {}

/// `herald watch PATTERN…`: prints live events until Ctrl-C. The engine
/// (reconnects, resume, formats) is `WatchEngine` in HeraldClient.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print live events.",
        discussion: """
            Subscribes to every PATTERN (topic names, or patterns with * and >) over /ws and prints \
            each event: pretty (time, topic, colored JSON; no color when stdout is not a terminal or \
            NO_COLOR is set), json (the envelopes as NDJSON, for jq) or raw (payloads only). \
            Reconnects with backoff and resumes after the last event printed; gap and dropped \
            notices go to stderr. Exits 0 on Ctrl-C or after --count events, 2 when the server \
            refuses the subscription or the URL is bad, 1 when --timeout passes without a connection.
            """
    )

    @Argument(help: "Topic patterns, e.g. orders.* or chat.>.")
    var patterns: [String] = []

    @Option(help: "A filter expression on each event.")
    var filter: String?

    @Option(help: "Replay retained events after this event id first, or 'earliest'.")
    var since: String?

    @Option(help: "The gateway's base URL (or HERALD_URL).")
    var url: String = ProcessInfo.processInfo.environment["HERALD_URL"] ?? "http://127.0.0.1:8080"

    @Option(help: "Output format: pretty, json or raw.")
    var format: WatchFormatter.Format = .pretty

    @Option(help: "Exit after this many events.")
    var count: Int?

    @Option(help: "Exit 1 when no connection could be had for this many seconds.")
    var timeout: Double?

    @OptionGroup var tls: TLSClientOptions

    func run() throws {
        guard !patterns.isEmpty else { fail("give at least one topic pattern", exitCode: 2) }
        if let count, count < 0 { fail("--count must be 0 or more", exitCode: 2) }
        var settings: WatchSettings
        do {
            settings = WatchSettings(
                server: try WatchSettings.parseBaseURL(url), patterns: patterns, filter: filter, since: since)
        } catch {
            fail("bad --url: \(error)", exitCode: 2)
        }
        settings.count = count
        settings.timeoutSeconds = timeout
        settings.tlsTrust = tls.trust
        let stop = try StopSignal()
        let signalSources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stop.signal()
                // The engine ends within milliseconds, except inside a connect
                // to a host that does not answer (up to its 10 s timeout).
                DispatchQueue.global().asyncAfter(deadline: .now() + 1) { Foundation.exit(0) }
            }
            source.resume()
            return source
        }
        defer { signalSources.forEach { $0.cancel() } }
        let environment = ProcessInfo.processInfo.environment
        let colored = isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
        let engine = WatchEngine(
            settings: settings, formatter: WatchFormatter(format: format, colored: colored), stop: stop)
        let outcome: WatchEngine.Outcome
        do {
            outcome = try engine.run(output: StandardWatchOutput())
        } catch {
            fail("\(error)", exitCode: 2)
        }
        if outcome == .timedOut { throw ExitCode.failure }
    }

    private func fail(_ message: String, exitCode: Int32) -> Never {
        FileHandle.standardError.write(Data("herald watch: \(message)\n".utf8))
        Foundation.exit(exitCode)
    }
}

/// Events to stdout, one write(2) per line (so `| jq` sees each at once); notices to stderr.
final class StandardWatchOutput: WatchOutput {
    func event(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func notice(_ notice: WatchNotice) {
        FileHandle.standardError.write(Data("herald watch: \(notice)\n".utf8))
    }
}
