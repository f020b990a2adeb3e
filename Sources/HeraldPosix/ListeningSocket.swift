import CHeraldLinux
#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking TCP listening socket.
package struct ListeningSocket: Sendable {
    /// The listening fd.
    package let descriptor: Int32
    /// The bound address, with the real port when port 0 was asked for.
    package let localAddress: SocketAddress

    /// Creates, binds and listens. `SO_REUSEADDR` lets a restarted gateway
    /// rebind while old connections sit in TIME_WAIT.
    package init(address: SocketAddress, backlog: Int32 = 1024) throws(SystemError) {
        let fd = try blockingSystemCall("socket") {
            Glibc.socket(address.family, herald_SOCK_STREAM | herald_SOCK_NONBLOCK | herald_SOCK_CLOEXEC, 0)
        }
        do throws(SystemError) {
            var one: Int32 = 1
            _ = try blockingSystemCall("setsockopt") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            _ = try blockingSystemCall("bind") { address.withSockAddr { Glibc.bind(fd, $0, $1) } }
            _ = try blockingSystemCall("listen") { Glibc.listen(fd, backlog) }
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            _ = try blockingSystemCall("getsockname") {
                withUnsafeMutableBytes(of: &storage) {
                    getsockname(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
                }
            }
            descriptor = fd
            localAddress = SocketAddress(storage: storage)
        } catch {
            Posix.close(descriptor: fd)
            throw error
        }
    }

    /// Accepts one pending connection as a non-blocking fd with `TCP_NODELAY`
    /// (Herald batches its own writes, so Nagle only adds latency).
    package func accept() throws(SystemError) -> IOResult<Int32> {
        let result = try systemCall("accept4") {
            herald_accept4(descriptor, herald_SOCK_NONBLOCK | herald_SOCK_CLOEXEC)
        }
        if case .processed(let fd) = result {
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        return result
    }

    /// Closes the listening fd.
    package func close() {
        Posix.close(descriptor: descriptor)
    }
}

/// A spare fd held open so that, when the process runs out of descriptors
/// (`EMFILE`), it can be released to accept and immediately close the pending
/// connection instead of spinning on a listener that stays readable.
package struct ReserveDescriptor: ~Copyable {
    private var descriptor: Int32

    package init() {
        descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    deinit {
        if descriptor >= 0 { Posix.close(descriptor: descriptor) }
    }

    /// Frees the spare fd, accepts and closes one connection, and takes the spare back.
    /// Returns false when the spare could not be freed (then the caller pauses accepting).
    package mutating func shedOneConnection(from listener: ListeningSocket) -> Bool {
        guard descriptor >= 0 else {
            descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
            return false
        }
        Posix.close(descriptor: descriptor)
        let fd = herald_accept4(listener.descriptor, herald_SOCK_CLOEXEC)
        if fd >= 0 { Posix.close(descriptor: fd) }
        descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        return fd >= 0
    }
}
