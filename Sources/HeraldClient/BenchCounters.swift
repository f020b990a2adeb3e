import Synchronization

/// One load-generator loop's running totals, written by that loop and read
/// once a second by the controlling thread for progress and phase changes.
/// Each counter has a single writer, so relaxed atomics suffice.
package final class BenchCounters: Sendable {
    /// Connections whose handshake (WebSocket) or connect (HTTP) succeeded.
    let opened = Atomic<Int>(0)
    /// Connections that never opened: refused, handshake rejected, timed out.
    let failed = Atomic<Int>(0)
    /// Open connections that the server closed or broke before the client closed them.
    let lost = Atomic<Int>(0)
    /// Connections gone, for any reason.
    let closed = Atomic<Int>(0)
    /// Echo messages or publish requests sent.
    let sent = Atomic<Int>(0)
    /// Echoes or deliveries received (messages that carried a timestamp).
    let received = Atomic<Int>(0)
    /// Frames without a timestamp (welcome, acks, notices).
    let otherFrames = Atomic<Int>(0)
    /// Publish requests answered 2xx.
    let published = Atomic<Int>(0)
    /// Publish requests answered otherwise.
    let publishFailed = Atomic<Int>(0)
    /// Deliveries the accepted publishes call for: subscribers of each one's topic.
    let expected = Atomic<Int>(0)
    /// Bytes WebSocket connections read off their sockets (ciphertext under TLS).
    let bytesReceived = Atomic<Int>(0)
    /// WebSocket connections whose server accepted permessage-deflate.
    let deflateAccepted = Atomic<Int>(0)
    /// The first error seen, for the report.
    let firstError = Mutex<String?>(nil)

    package init() {}

    /// Keeps `error` if it is the first.
    func noteError(_ error: String) {
        firstError.withLock { first in
            if first == nil { first = error }
        }
    }

    /// The totals now.
    package var snapshot: BenchTotals {
        BenchTotals(
            opened: opened.load(ordering: .relaxed), failed: failed.load(ordering: .relaxed),
            lost: lost.load(ordering: .relaxed), closed: closed.load(ordering: .relaxed),
            sent: sent.load(ordering: .relaxed), received: received.load(ordering: .relaxed),
            otherFrames: otherFrames.load(ordering: .relaxed), published: published.load(ordering: .relaxed),
            publishFailed: publishFailed.load(ordering: .relaxed), expected: expected.load(ordering: .relaxed),
            bytesReceived: bytesReceived.load(ordering: .relaxed),
            deflateAccepted: deflateAccepted.load(ordering: .relaxed), firstError: firstError.withLock { $0 })
    }
}

/// Counter values at one moment, summed over loops.
package struct BenchTotals: Sendable, Equatable {
    package var opened = 0
    package var failed = 0
    package var lost = 0
    package var closed = 0
    package var sent = 0
    package var received = 0
    package var otherFrames = 0
    package var published = 0
    package var publishFailed = 0
    package var expected = 0
    package var bytesReceived = 0
    package var deflateAccepted = 0
    package var firstError: String?

    package init(
        opened: Int = 0, failed: Int = 0, lost: Int = 0, closed: Int = 0, sent: Int = 0, received: Int = 0,
        otherFrames: Int = 0, published: Int = 0, publishFailed: Int = 0, expected: Int = 0, bytesReceived: Int = 0,
        deflateAccepted: Int = 0, firstError: String? = nil
    ) {
        self.opened = opened
        self.failed = failed
        self.lost = lost
        self.closed = closed
        self.sent = sent
        self.received = received
        self.otherFrames = otherFrames
        self.published = published
        self.publishFailed = publishFailed
        self.expected = expected
        self.bytesReceived = bytesReceived
        self.deflateAccepted = deflateAccepted
        self.firstError = firstError
    }

    /// Field-wise sum; the first error of `self` wins.
    package static func + (lhs: BenchTotals, rhs: BenchTotals) -> BenchTotals {
        BenchTotals(
            opened: lhs.opened + rhs.opened, failed: lhs.failed + rhs.failed, lost: lhs.lost + rhs.lost,
            closed: lhs.closed + rhs.closed, sent: lhs.sent + rhs.sent, received: lhs.received + rhs.received,
            otherFrames: lhs.otherFrames + rhs.otherFrames, published: lhs.published + rhs.published,
            publishFailed: lhs.publishFailed + rhs.publishFailed, expected: lhs.expected + rhs.expected,
            bytesReceived: lhs.bytesReceived + rhs.bytesReceived,
            deflateAccepted: lhs.deflateAccepted + rhs.deflateAccepted, firstError: lhs.firstError ?? rhs.firstError)
    }
}
