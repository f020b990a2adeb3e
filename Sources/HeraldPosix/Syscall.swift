#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The outcome of a non-blocking call: it did its work, or the kernel said
/// "try again when ready" (`EAGAIN`/`EWOULDBLOCK`).
package enum IOResult<T> {
    case processed(T)
    case wouldBlock
}

/// A failed system call: the C function's name and `errno`.
package struct SystemError: Error, CustomStringConvertible, Equatable {
    /// The C function that failed, e.g. `"accept4"`.
    package let function: String
    /// The `errno` it left.
    package let errno: Int32

    package init(function: String, errno: Int32) {
        self.function = function
        self.errno = errno
    }

    /// The process or system ran out of file descriptors (`EMFILE`, `ENFILE`).
    package var isOutOfDescriptors: Bool { errno == EMFILE || errno == ENFILE }

    package var description: String {
        "\(function) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// The one door through which every system call goes: retries `EINTR`, turns
/// `EAGAIN` into `.wouldBlock`, traps on `EBADF`/`EFAULT` (those are bugs in
/// Herald, never conditions a peer can cause) and throws the rest.
@inline(__always)
func systemCall<T: FixedWidthInteger>(
    _ function: StaticString,
    _ body: () -> T
) throws(SystemError) -> IOResult<T> {
    while true {
        let result = body()
        if result >= 0 { return .processed(result) }
        let error = Glibc.errno
        switch error {
        case EINTR:
            continue
        case EAGAIN:
            return .wouldBlock
        case EBADF, EFAULT:
            preconditionFailure("\(function): \(String(cString: strerror(error))): a bug in Herald's fd handling")
        default:
            throw SystemError(function: "\(function)", errno: error)
        }
    }
}

/// `systemCall` for calls that never legitimately return `EAGAIN`.
@inline(__always)
func blockingSystemCall<T: FixedWidthInteger>(
    _ function: StaticString,
    _ body: () -> T
) throws(SystemError) -> T {
    switch try systemCall(function, body) {
    case .processed(let value): return value
    case .wouldBlock: throw SystemError(function: "\(function)", errno: EAGAIN)
    }
}
