import HeraldPosix
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct BlockingSocketTests {
    /// A port nothing listens on: bound, read, closed.
    private func refusedPort() throws -> Int {
        let listener = try ListeningSocket(address: SocketAddress(host: "127.0.0.1", port: 0)!)
        defer { listener.close() }
        return listener.localAddress.port
    }

    @Test func aRefusedConnectThrowsAndClosesItsSocketExactlyOnce() throws {
        let address = try #require(SocketAddress(host: "127.0.0.1", port: try refusedPort()))
        // Debug builds assert on a second close (EBADF), so a double close fails here.
        for _ in 0..<3 {
            #expect(throws: SystemError.self) { try BlockingSocket(connectingTo: address, timeoutSeconds: 1) }
        }
        // The number the failed socket had is free again and stays with its new owner.
        let probe = open("/dev/null", O_RDONLY | O_CLOEXEC)
        #expect(probe >= 0)
        #expect(fcntl(probe, F_GETFD) >= 0)
        Posix.close(descriptor: probe)
    }
}
