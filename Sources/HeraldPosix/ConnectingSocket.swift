import CHeraldLinux
#if canImport(Glibc)
    import Glibc
#endif

/// The client side of TCP: a non-blocking `connect` whose outcome is read
/// once the socket turns writable, so one thread can open thousands of
/// connections without waiting on any of them.
package enum ConnectingSocket {
    /// How a started connect stands.
    package enum Progress: Sendable, Equatable {
        /// Connected at once (common on loopback).
        case connected
        /// Under way: wait for `EPOLLOUT`, then ask `outcome(of:)`.
        case inProgress
    }

    /// Creates a non-blocking, close-on-exec TCP socket with `TCP_NODELAY`
    /// (load generators batch their own writes) and starts connecting it to `address`.
    ///
    /// - Returns: the fd, which the caller owns and must close, and the progress.
    /// - Throws: the `socket` or `connect` failure (`ECONNREFUSED`, `EMFILE`, …);
    ///   the fd is closed then.
    package static func connect(to address: SocketAddress) throws(SystemError) -> (
        descriptor: Int32, progress: Progress
    ) {
        let descriptor = try blockingSystemCall("socket") {
            Glibc.socket(address.family, herald_SOCK_STREAM | herald_SOCK_NONBLOCK | herald_SOCK_CLOEXEC, 0)
        }
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let result = address.withSockAddr { Glibc.connect(descriptor, $0, $1) }
        if result == 0 { return (descriptor, .connected) }
        let error = Glibc.errno
        switch error {
        case EINPROGRESS, EINTR, EAGAIN:
            // An interrupted connect goes on in the background (retrying would
            // give EALREADY): wait for writability either way.
            return (descriptor, .inProgress)
        default:
            Posix.close(descriptor: descriptor)
            throw SystemError(function: "connect", errno: error)
        }
    }

    /// The outcome of a connect that was `.inProgress`, read from `SO_ERROR`
    /// once the socket is writable (or reports an error): `nil` when connected.
    package static func outcome(of descriptor: Int32) -> SystemError? {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else {
            return SystemError(function: "getsockopt", errno: Glibc.errno)
        }
        return error == 0 ? nil : SystemError(function: "connect", errno: error)
    }
}
