import CHeraldOpenSSL
import Glibc

/// A blocking TLS client for end-to-end tests: OpenSSL straight on a socket (`SSL_set_fd`),
/// independent of Herald's own memory-BIO session. Reads time out like `TestClient`'s.
final class TestTLSClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let socket: TestClient
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private var buffered: [UInt8] = []

    /// Connects and completes the handshake, verifying the server against `caFile` for 127.0.0.1.
    init(port: Int, trusting caFile: String) throws {
        socket = try TestClient(port: port)
        context = SSL_CTX_new(TLS_client_method())!
        _ = SSL_CTX_load_verify_locations(context, caFile, nil)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        ssl = SSL_new(context)!
        _ = SSL_set_fd(ssl, socket.descriptor)
        _ = SSL_set1_host(ssl, "127.0.0.1")
        let alpn: [UInt8] = [8] + Array("http/1.1".utf8)
        _ = SSL_set_alpn_protos(ssl, alpn, UInt32(alpn.count))
        guard SSL_connect(ssl) == 1 else {
            throw Failure(description: "TLS handshake failed: \(ERR_get_error())")
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    func write(_ bytes: [UInt8]) throws {
        guard SSL_write(ssl, bytes, Int32(bytes.count)) == Int32(bytes.count) else {
            throw Failure(description: "SSL_write failed")
        }
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = SSL_read(ssl, &chunk, Int32(chunk.count))
        guard count > 0 else { throw Failure(description: "SSL_read: end of stream or timeout") }
        buffered += chunk[0..<Int(count)]
    }

    func read(count: Int) throws -> [UInt8] {
        while buffered.count < count { try fill() }
        defer { buffered.removeFirst(count) }
        return Array(buffered[0..<count])
    }

    func read(until delimiter: [UInt8]) throws -> [UInt8] {
        while true {
            if buffered.count >= delimiter.count,
                let start = (0...(buffered.count - delimiter.count)).first(where: {
                    Array(buffered[$0..<($0 + delimiter.count)]) == delimiter
                })
            {
                let end = start + delimiter.count
                defer { buffered.removeFirst(end) }
                return Array(buffered[0..<end])
            }
            try fill()
        }
    }

    /// Upgrades to WebSocket on `path`; returns the response head.
    func upgrade(path: String) throws -> String {
        try write(
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        return String(decoding: try read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
    }

    /// The next server frame's opcode and payload (server frames are unmasked).
    func receiveFrame() throws -> (opcode: UInt8, payload: [UInt8]) {
        let head = try read(count: 2)
        var length = Int(head[1] & 0x7f)
        if length == 126 {
            let extended = try read(count: 2)
            length = Int(extended[0]) << 8 | Int(extended[1])
        } else if length == 127 {
            length = try read(count: 8).reduce(0) { $0 << 8 | Int($1) }
        }
        return (head[0] & 0x0f, try read(count: length))
    }
}
