import CHeraldLinux
#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client socket with send and receive timeouts, for one-shot
/// command-line requests (`herald publish`), never for the gateway's loops.
package final class BlockingSocket {
    private let descriptor: Int32

    /// Connects to `address`; every later send or receive gives up after `timeoutSeconds`.
    package init(connectingTo address: SocketAddress, timeoutSeconds: Int) throws(SystemError) {
        // The fd is stored only once connected: a class whose stored properties are all
        // set runs `deinit` when its init throws, which would close the fd a second
        // time, possibly after another thread was handed the same number.
        let socket = try blockingSystemCall("socket") {
            Glibc.socket(address.family, herald_SOCK_STREAM | herald_SOCK_CLOEXEC, 0)
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        let size = socklen_t(MemoryLayout<timeval>.size)
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
        _ = setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)
        let result = address.withSockAddr { Glibc.connect(socket, $0, $1) }
        if result != 0 {
            let error = Glibc.errno
            Posix.close(descriptor: socket)
            throw SystemError(function: "connect", errno: error)
        }
        descriptor = socket
    }

    deinit {
        Posix.close(descriptor: descriptor)
    }

    /// The socket's fd, to wait on its readiness (`StopSignal.wait`); valid
    /// while this object lives.
    package var fileDescriptor: Int32 { descriptor }

    /// Sends every byte (a timeout surfaces as `EAGAIN`).
    package func sendAll(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let sent = try blockingSystemCall("send") {
                bytes[offset...].withUnsafeBytes {
                    Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
            }
            offset += sent
        }
    }

    /// The next bytes; empty at end of stream.
    package func receive(maxBytes: Int = 64 * 1024) throws(SystemError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        let count = try blockingSystemCall("recv") {
            buffer.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return Array(buffer.prefix(count))
    }
}
