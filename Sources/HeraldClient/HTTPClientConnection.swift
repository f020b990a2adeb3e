package import HeraldPosix
package import HeraldTLS

/// What an `HTTPClientConnection` tells its owner. Called on the loop's thread.
package protocol HTTPClientDelegate: AnyObject {
    /// The TCP connection is up: requests may be sent.
    func httpClientDidConnect(_ connection: HTTPClientConnection)
    /// The response to the request sent with `requestTag` arrived (in order).
    func httpClient(
        _ connection: HTTPClientConnection, didReceive response: HTTPResponseScanner.Response, requestTag: Int)
    /// The connection is gone (never called twice).
    func httpClient(_ connection: HTTPClientConnection, didCloseWith reason: ClientError)
}

/// A keep-alive HTTP/1.1 client connection on an `EventLoop` that sends
/// whole requests, pipelined if the caller likes, and matches responses to
/// them in order. Bodies of responses are skipped: the publisher needs
/// statuses only. No allocation per request once its queues have grown.
/// Loop-confined.
package final class HTTPClientConnection: EventHandler {
    /// A number the owner chooses (the bench keeps its publisher index here).
    package let tag: Int
    /// The owner; cleared once the connection has closed.
    package weak var delegate: (any HTTPClientDelegate)?
    /// Requests sent and not yet answered.
    package var outstandingRequests: Int { pendingTags.count - pendingStart }
    /// True once connected and until closed.
    package private(set) var isConnected = false

    private unowned let loop: EventLoop
    private let address: SocketAddress
    private var transport: ClientTransport
    private var input = ByteQueue()
    private var scanner = HTTPResponseScanner()
    private var pendingTags: [Int] = []
    private var pendingStart = 0
    private var closed = false
    private var handlingEvents = false

    /// A connection to `url`'s host and port, not yet started; `tls` is required for `https://`.
    package init(url: EndpointURL, loop: EventLoop, tls: TLSContext? = nil, tag: Int = 0) throws(ClientError) {
        guard let address = SocketAddress(host: url.host, port: url.port) else { throw .hostNotNumeric(url.host) }
        if url.scheme.isSecure {
            guard let tls else { throw .tlsNotAvailable(url.description) }
            transport = try ClientTransport(tls: tls, serverName: url.host)
        } else {
            transport = ClientTransport()
        }
        self.address = address
        self.loop = loop
        self.tag = tag
    }

    /// Starts connecting; the outcome comes through the delegate.
    package func start() {
        do throws(SystemError) {
            try transport.connect(to: address, on: loop, handler: self)
        } catch {
            finish(.connectFailed(address: address.description, error))
        }
    }

    /// Queues a request: `head` (request line and headers, blank line
    /// included, `Content-Length` equal to `bodyLength`), then `bodyLength`
    /// bytes written in place by `fill`. Its response will carry `requestTag`.
    package func send(
        head: [UInt8], bodyLength: Int, requestTag: Int, fill: (UnsafeMutableRawBufferPointer) -> Void
    ) {
        guard isConnected else { return }
        transport.output.append(head)
        if bodyLength > 0 { transport.output.append(count: bodyLength, fill: fill) }
        pendingTags.append(requestTag)
        if !handlingEvents { flush() }
    }

    /// Closes the socket now.
    package func abort() {
        finish(.closedByClient)
    }

    package func handle(events: Epoll.Events) {
        handlingEvents = true
        defer {
            handlingEvents = false
            if !closed { flush() }
        }
        if !isConnected {
            if let error = transport.finishConnect(on: loop) {
                finish(error)
            } else {
                isConnected = true
                delegate?.httpClientDidConnect(self)
            }
            return
        }
        if events.contains(.input) || events.contains(.hangUp) || events.contains(.error) {
            readAvailable()
        }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        var reads = 0
        while true {
            let outcome: ClientTransport.ReadOutcome
            do throws(ClientError) {
                outcome = try transport.read(into: buffer)
            } catch {
                return finish(error)
            }
            let count: Int
            let mayHaveMore: Bool
            switch outcome {
            case .wouldBlock: return
            case .endOfStream: return finish(.endOfStream)
            case .data(let length, let more): (count, mayHaveMore) = (length, more)
            }
            reads += 1
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            if input.isEmpty {
                let used = scanResponses(chunk)
                if !closed && used < chunk.count { input.append(UnsafeRawBufferPointer(rebasing: chunk[used...])) }
            } else {
                input.append(chunk)
                let used = input.withBytes { scanResponses($0) }
                if !closed { input.consume(used) }
            }
            guard !closed, mayHaveMore,
                reads < WebSocketClientConnection.readsPerEvent || transport.holdsBufferedInput
            else { return }
        }
    }

    /// Handles every complete response at the start of `bytes`; returns the bytes used.
    private func scanResponses(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while !closed {
            let step: (used: Int, response: HTTPResponseScanner.Response?)
            do throws(ClientError) {
                step = try scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            } catch {
                finish(error)
                return offset
            }
            offset += step.used
            guard let response = step.response else {
                if step.used == 0 { break }
                continue
            }
            guard pendingStart < pendingTags.count else {
                finish(.badHTTPResponse("a response to no request"))
                return offset
            }
            let requestTag = pendingTags[pendingStart]
            pendingStart += 1
            if pendingStart == pendingTags.count {
                pendingTags.removeAll(keepingCapacity: true)
                pendingStart = 0
            } else if pendingStart >= 64 {
                pendingTags.removeFirst(pendingStart)
                pendingStart = 0
            }
            delegate?.httpClient(self, didReceive: response, requestTag: requestTag)
            if response.closes { finish(.endOfStream) }
        }
        return offset
    }

    private func flush() {
        do throws(ClientError) {
            try transport.flush(on: loop)
        } catch {
            finish(error)
        }
    }

    private func finish(_ reason: ClientError) {
        guard !closed else { return }
        closed = true
        isConnected = false
        transport.close(on: loop)
        let delegate = self.delegate
        self.delegate = nil
        delegate?.httpClient(self, didCloseWith: reason)
    }
}
