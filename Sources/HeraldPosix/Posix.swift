import CHeraldLinux
#if canImport(Glibc)
    import Glibc
#endif

/// Plain POSIX calls on file descriptors, named after the C functions.
package enum Posix {
    /// Reads into `buffer`; `.processed(0)` is end of stream.
    package static func read(
        descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer
    ) throws(SystemError) -> IOResult<Int> {
        try systemCall("read") { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// Gathers up to `count` iovecs into one write.
    static func writev(
        descriptor: Int32, vectors: UnsafePointer<iovec>, count: Int32
    ) throws(SystemError) -> IOResult<Int> {
        try systemCall("writev") { Glibc.writev(descriptor, vectors, count) }
    }

    /// Writes `bytes` once (it may write fewer).
    package static func write(
        descriptor: Int32, bytes: UnsafeRawBufferPointer
    ) throws(SystemError) -> IOResult<Int> {
        try systemCall("write") { Glibc.write(descriptor, bytes.baseAddress, bytes.count) }
    }

    /// Whether a read on `descriptor` would return at once (data, end of
    /// stream or an error) instead of blocking: `poll(2)` with no wait.
    package static func isReadable(descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let count = Glibc.poll(&entry, 1, 0)
            if count < 0 && Glibc.errno == EINTR { continue }
            return count > 0
        }
    }

    /// Closes `descriptor`. Errors from close are not actionable (the fd is
    /// released either way), so they are swallowed on purpose.
    ///
    /// `EBADF` means the fd was closed already: in a threaded process that number may
    /// belong to someone else by now, so debug builds (the tests) stop right there.
    package static func close(descriptor: Int32) {
        let result = Glibc.close(descriptor)
        assert(result == 0 || Glibc.errno != EBADF, "close(\(descriptor)): already closed (a double close)")
    }

    /// Ignores SIGPIPE process-wide: a vanished peer gives `EPIPE`, not death.
    package static func ignoreSIGPIPE() {
        _ = herald_ignore_sigpipe()
    }

    /// Raises the soft open-files limit to the hard limit and returns it.
    @discardableResult
    package static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }
}

extension Posix {
    /// Half-closes: sends FIN after what is queued, keeps reading. Used so a
    /// final response or close frame is not destroyed by an RST when the peer
    /// still has bytes in flight (a lingering close, as nginx does).
    package static func shutdownWrite(descriptor: Int32) {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }
}

extension Posix {
    /// Online processors: the default number of event loops.
    package static func processorCount() -> Int {
        max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    }
}

extension Posix {
    /// This machine's host name (the default node name).
    package static func hostName() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "herald" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Posix {
    /// Sets SO_SNDBUF: caps what the kernel buffers for a slow reader, so the
    /// gateway's own bounded queue (and its policy) takes over sooner.
    package static func setSendBufferSize(descriptor: Int32, bytes: Int) {
        var size = Int32(clamping: bytes)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sets or clears TCP_NODELAY (clear: the kernel may hold small segments back, Nagle).
    package static func setNoDelay(descriptor: Int32, _ enabled: Bool) {
        var value: Int32 = enabled ? 1 : 0
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Whether TCP_NODELAY is set (nil when it cannot be read).
    package static func noDelay(descriptor: Int32) -> Bool? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &value, &length) == 0 else { return nil }
        return value != 0
    }
}
