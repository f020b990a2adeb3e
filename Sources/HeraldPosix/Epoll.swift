import CHeraldLinux
#if canImport(Glibc)
import Glibc
#endif

/// The epoll calls, named after the C functions.
package enum Epoll {
    /// Readiness bits Herald uses.
    package struct Events: OptionSet, Sendable {
        package let rawValue: UInt32
        package init(rawValue: UInt32) { self.rawValue = rawValue }

        package static let input = Events(rawValue: herald_EPOLLIN)
        package static let output = Events(rawValue: herald_EPOLLOUT)
        package static let error = Events(rawValue: herald_EPOLLERR)
        package static let hangUp = Events(rawValue: herald_EPOLLHUP)
        package static let readHangUp = Events(rawValue: herald_EPOLLRDHUP)

        // Combinations as constants: an array literal of an OptionSet builds an array at run time.
        /// What a connection waits for while it reads: input and the peer's half-close.
        package static let reading = Events(rawValue: herald_EPOLLIN | herald_EPOLLRDHUP)
        /// The peer is gone or the socket failed.
        package static let failure = Events(rawValue: herald_EPOLLHUP | herald_EPOLLERR)
        /// Anything that means "read now".
        package static let readable = Events(rawValue: herald_EPOLLIN | herald_EPOLLRDHUP | herald_EPOLLHUP | herald_EPOLLERR)
    }

    static func epoll_create() throws(SystemError) -> Int32 {
        try blockingSystemCall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    }

    static func epoll_ctl(epollFD: Int32, operation: Int32, descriptor: Int32, events: Events, data: UInt64)
        throws(SystemError)
    {
        var event = herald_epoll_event_make(events.rawValue, data)
        _ = try blockingSystemCall("epoll_ctl") {
            CHeraldLinux.epoll_ctl(epollFD, operation, descriptor, &event)
        }
    }

    static func epoll_wait(
        epollFD: Int32, events: UnsafeMutablePointer<epoll_event>, capacity: Int32, timeoutMilliseconds: Int32
    ) throws(SystemError) -> Int {
        switch try systemCall("epoll_wait", {
            CHeraldLinux.epoll_wait(epollFD, events, capacity, timeoutMilliseconds)
        }) {
        case .processed(let count): return Int(count)
        case .wouldBlock: return 0
        }
    }
}

/// An epoll instance with a reusable event array. Confined to its loop's thread.
struct Poller: ~Copyable {
    let descriptor: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    let capacity: Int32

    init(capacity: Int32 = 1024) throws(SystemError) {
        descriptor = try Epoll.epoll_create()
        self.capacity = capacity
        events = .allocate(capacity: Int(capacity))
    }

    deinit {
        events.deallocate()
        Posix.close(descriptor: descriptor)
    }

    func add(_ fd: Int32, events interest: Epoll.Events, data: UInt64) throws(SystemError) {
        try Epoll.epoll_ctl(epollFD: descriptor, operation: EPOLL_CTL_ADD, descriptor: fd, events: interest, data: data)
    }

    func modify(_ fd: Int32, events interest: Epoll.Events, data: UInt64) throws(SystemError) {
        try Epoll.epoll_ctl(epollFD: descriptor, operation: EPOLL_CTL_MOD, descriptor: fd, events: interest, data: data)
    }

    func remove(_ fd: Int32) {
        try? Epoll.epoll_ctl(epollFD: descriptor, operation: EPOLL_CTL_DEL, descriptor: fd, events: [], data: 0)
    }

    /// Waits for readiness and calls `body(events, data)` for each ready descriptor.
    func wait(timeoutMilliseconds: Int32, _ body: (Epoll.Events, UInt64) -> Void) throws(SystemError) {
        let count = try Epoll.epoll_wait(
            epollFD: descriptor, events: events, capacity: capacity, timeoutMilliseconds: timeoutMilliseconds)
        for index in 0..<count {
            let event = events + index
            body(Epoll.Events(rawValue: herald_epoll_event_events(event)), herald_epoll_event_data(event))
        }
    }
}
