import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM. The signals are ignored as signals and delivered
/// to dispatch sources instead, so no async-signal-unsafe code runs in a handler.
enum SignalWaiter {
    static func waitForTermination() async {
        let (signals, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            return source
        }
        for await _ in signals { break }
        sources.forEach { $0.cancel() }
    }
}
