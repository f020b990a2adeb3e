import Dispatch
import Foundation
import Synchronization

/// Waits for SIGINT or SIGTERM. The signals are ignored as signals and delivered
/// to dispatch sources instead, so no async-signal-unsafe code runs in a handler.
enum SignalWaiter {
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    static func waitForTermination() async {
        let pending = Mutex<CheckedContinuation<Void, Never>?>(nil)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            pending.withLock { $0 = continuation }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                // Both signals may arrive: resume the continuation at most once.
                source.setEventHandler { pending.withLock { state in state.take() }?.resume() }
                source.resume()
                sources.withLock { $0.append(source) }
            }
        }
        sources.withLock { sources in
            for source in sources { source.cancel() }
            sources.removeAll()
        }
    }
}
