import Glibc

/// The server side of an end-to-end client test: a blocking loopback
/// listener that accepts one connection and reads and writes raw bytes, with
/// timeouts so a test that waits for bytes that never come fails instead of
/// hanging.
final class BlockingPeer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let listener: Int32
    private var connection: Int32 = -1
    private var buffered: [UInt8] = []
    /// The port the listener got.
    let port: Int

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 4) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw Failure(description: "bind/listen: errno \(errno)")
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        if connection >= 0 { close(connection) }
        close(listener)
    }

    /// Waits up to `timeoutSeconds` for the client and accepts it.
    func accept(timeoutSeconds: Int32 = 10) throws {
        var poll = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, timeoutSeconds * 1000) == 1 else { throw Failure(description: "no connection") }
        connection = Glibc.accept(listener, nil, nil)
        guard connection >= 0 else { throw Failure(description: "accept: errno \(errno)") }
        var timeout = timeval(tv_sec: Int(timeoutSeconds), tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += written
        }
    }

    /// Exactly `count` bytes.
    func read(count: Int) throws -> [UInt8] {
        while buffered.count < count { try fill() }
        defer { buffered.removeFirst(count) }
        return Array(buffered[0..<count])
    }

    /// Bytes up to and including the first CR LF CR LF.
    func readHead() throws -> String {
        let terminator: [UInt8] = [13, 10, 13, 10]
        while true {
            if buffered.count >= 4 {
                for end in 4...buffered.count where buffered[(end - 4)..<end].elementsEqual(terminator) {
                    defer { buffered.removeFirst(end) }
                    return String(decoding: buffered[0..<end], as: UTF8.self)
                }
            }
            try fill()
        }
    }

    /// True once the client has closed its side (reads return end of stream).
    func readsEndOfStream() -> Bool {
        var byte: UInt8 = 0
        return recv(connection, &byte, 1, 0) == 0
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw Failure(description: count == 0 ? "end of stream" : "recv: errno \(errno)") }
        buffered += chunk[0..<count]
    }
}
