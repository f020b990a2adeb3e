import Foundation
import HeraldClient
import HeraldGateway
import HeraldPosix
import HeraldTestSupport
import HeraldTLS
import Logging
import Synchronization

/// A real gateway on 127.0.0.1 for one client test: port 0 (or a given port,
/// to restart "the same server"), a temporary static root.
final class LocalGateway {
    let gateway: Gateway
    let port: Int
    /// How clients trust this gateway: its own certificate when it serves TLS.
    let trust: TLSContext.ClientTrust
    private let staticRoot: URL

    /// - Parameter certificate: serve TLS only (https and wss) with it.
    init(port: Int = 0, certificate: TestCertificate? = nil) throws {
        staticRoot = FileManager.default.temporaryDirectory.appendingPathComponent("herald-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staticRoot, withIntermediateDirectories: true)
        try Data("<!doctype html>".utf8).write(to: staticRoot.appendingPathComponent("index.html"))
        var configuration = GatewayConfiguration()
        configuration.listen.port = port
        configuration.loops = 1
        configuration.staticRoot = staticRoot.path
        if let certificate {
            configuration.tls.certificateFile = certificate.certificatePath
            configuration.tls.privateKeyFile = certificate.keyPath
        }
        trust = certificate.map { .certificatesIn($0.certificatePath) } ?? .systemStore
        var logger = Logger(label: "herald.client-test")
        logger.logLevel = .critical
        gateway = Gateway(configuration: configuration, logger: logger)
        self.port = try gateway.start().port
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: staticRoot)
    }

    func stop() { gateway.stop() }

    var baseURL: EndpointURL {
        try! EndpointURL("\(trust == .systemStore ? "http" : "https")://127.0.0.1:\(port)")
    }

    /// Publishes `body` on `topic`; returns the event id.
    @discardableResult
    func publish(_ topic: String, _ body: String) throws -> String {
        let response = try OneShotHTTPClient.request(
            method: "POST", url: baseURL, target: "/publish/\(topic)", body: Array(body.utf8), trust: trust)
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200, let id = text.firstMatch(of: /"id":"([^"]+)"/)?.1 else {
            throw ClientError.badHTTPResponse("publish answered \(response.status) \(text)")
        }
        return String(id)
    }

    /// `GET target` as text.
    func get(_ target: String) throws -> String {
        String(
            decoding: try OneShotHTTPClient.request(method: "GET", url: baseURL, target: target, trust: trust).body,
            as: UTF8.self)
    }
}

/// Captures what a watch prints. Sendable: all state behind one mutex.
final class CapturedOutput: WatchOutput, Sendable {
    private let state = Mutex<(events: [String], notices: [WatchNotice])>(([], []))

    func event(_ line: String) { state.withLock { $0.events.append(line) } }
    func notice(_ notice: WatchNotice) { state.withLock { $0.notices.append(notice) } }

    var events: [String] { state.withLock { $0.events } }
    var notices: [WatchNotice] { state.withLock { $0.notices } }

    /// The `since` of each successful connection, in order.
    var connections: [String?] {
        notices.compactMap { if case .connected(_, let since) = $0 { return .some(since) } else { return nil } }
    }
}

/// A `WatchEngine` running on its own thread, as `herald watch` runs it.
final class WatchRun: Sendable {
    let output = CapturedOutput()
    let stop: StopSignal
    private final class ResultBox: Sendable {
        let value = Mutex<Result<WatchEngine.Outcome, ClientError>?>(nil)
    }

    private let result = ResultBox()
    private let thread: PosixThread

    init(_ settings: WatchSettings, format: WatchFormatter.Format = .json) throws {
        let stop = try StopSignal()
        self.stop = stop
        let output = output
        let result = result
        thread = try PosixThread.spawn(name: "test-watch") {
            let engine = WatchEngine(
                settings: settings, formatter: WatchFormatter(format: format, colored: false), stop: stop,
                backoff: ReconnectBackoff(initialMilliseconds: 20, maxMilliseconds: 100))
            let outcome = Result { () throws(ClientError) in try engine.run(output: output) }
            result.value.withLock { $0 = outcome }
        }
    }

    /// Stops the watch (if still running) and returns how it ended.
    func finish() -> Result<WatchEngine.Outcome, ClientError> {
        stop.signal()
        thread.join()
        return result.value.withLock { $0 } ?? .failure(.closedByClient)
    }

    /// Waits for the engine to end by itself.
    func join() -> Result<WatchEngine.Outcome, ClientError> {
        thread.join()
        return result.value.withLock { $0 } ?? .failure(.closedByClient)
    }
}

/// Waits (bounded) until `condition` holds; false if it never did.
func eventually(seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
