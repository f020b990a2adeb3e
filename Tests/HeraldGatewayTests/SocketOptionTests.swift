import Foundation
import HeraldGateway
import HeraldPosix
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Socket options Herald sets on the connections it accepts, read back from the
/// accepted fd itself (the gateway runs in this process).
@Suite struct SocketOptionTests {
    /// TCP_NODELAY on the gateway's side of the connection whose peer is `client`.
    private func serverSideNoDelay(gatewayPort: Int, client: TestClient) throws -> Bool? {
        let clientPort = try #require(Self.localPort(of: client.descriptor))
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { Int32($0) }
        for descriptor in descriptors
        where Self.localPort(of: descriptor) == gatewayPort && Self.peerPort(of: descriptor) == clientPort {
            return Posix.noDelay(descriptor: descriptor)
        }
        return nil
    }

    private static func localPort(of descriptor: Int32) -> Int? {
        port(of: descriptor) { getsockname($0, $1, $2) }
    }

    private static func peerPort(of descriptor: Int32) -> Int? {
        port(of: descriptor) { getpeername($0, $1, $2) }
    }

    private static func port(
        of descriptor: Int32,
        _ call: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) -> Int? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(descriptor, $0, &length) }
        }
        guard result == 0, address.sin_family == sa_family_t(AF_INET) else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test(arguments: [true, false])
    func acceptedConnectionsFollowOutboundTCPNoDelay(enabled: Bool) async throws {
        let gateway = try TestGateway(loops: 1) { $0.outbound.tcpNoDelay = enabled }
        let client = try gateway.client()
        // A keep-alive request answered proves the gateway has adopted the connection.
        try client.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        #expect(try serverSideNoDelay(gatewayPort: gateway.port, client: client) == enabled)
    }
}
