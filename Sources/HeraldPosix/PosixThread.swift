import CHeraldLinux
#if canImport(Glibc)
import Glibc
#endif

/// A plain pthread: event loops are threads running a synchronous `run()`.
package struct PosixThread: Sendable {
    private let handle: pthread_t

    private final class Box: Sendable {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts `body` on a new thread named `name` (at most 15 bytes show in `top -H`).
    package static func spawn(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemError) -> PosixThread {
        let box = Unmanaged.passRetained(Box(name: name, body: body))
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            herald_set_thread_name(String(box.name.prefix(15)))
            box.body()
            return nil
        }, box.toOpaque())
        guard result == 0 else {
            box.release()
            throw SystemError(function: "pthread_create", errno: result)
        }
        return PosixThread(handle: handle)
    }

    /// Waits for the thread to finish.
    package func join() {
        _ = pthread_join(handle, nil)
    }
}
