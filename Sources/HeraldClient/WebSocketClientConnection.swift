package import HeraldCompression
package import HeraldPosix
package import HeraldProtocol
package import HeraldTLS

/// What a `WebSocketClientConnection` tells its owner. Called on the loop's thread.
package protocol WebSocketClientDelegate: AnyObject {
    /// The handshake succeeded: frames may be sent.
    func webSocketDidOpen(_ connection: WebSocketClientConnection)
    /// A complete text or binary message. `payload` is valid only during the call.
    func webSocket(
        _ connection: WebSocketClientConnection, didReceive opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer)
    /// The connection is gone (never called twice); `reason` says why.
    func webSocket(_ connection: WebSocketClientConnection, didCloseWith reason: ClientError)
    /// `byteCount` bytes came off the socket (ciphertext under TLS): once per read, for wire accounting.
    func webSocket(_ connection: WebSocketClientConnection, didRead byteCount: Int)
}

extension WebSocketClientDelegate {
    package func webSocket(_ connection: WebSocketClientConnection, didRead byteCount: Int) {}
}

/// A WebSocket client connection on an `EventLoop`: non-blocking connect,
/// TLS for `wss://`, the opening handshake, masked frames out, server frames
/// in, inflated when permessage-deflate was offered and accepted.
///
/// Shared by the load generator and the terminal client. Inbound frames go
/// through one of two decoders (`InboundMode`): in place, with no allocation
/// per message, for the bench; or through `WebSocketReader`, which validates
/// everything (UTF-8 included), for clients that show what they receive.
/// Pings are answered, a server close is answered and the socket closed.
/// Loop-confined: not Sendable on purpose.
package final class WebSocketClientConnection: EventHandler {
    /// How received frames are decoded.
    package enum InboundMode: Sendable {
        /// `ServerFrameScanner`: payloads handed over in place; fragments
        /// reassembled; text not validated. For load generation.
        case inPlace(maxMessageBytes: Int)
        /// `WebSocketReader(expectMasked: false)`: full validation, one array per message.
        case validated(maxMessageBytes: Int)
    }

    /// Where the connection stands.
    package enum State: Sendable, Equatable {
        case idle, connecting, handshaking, open, closing, closed
    }

    /// The URL it connects to.
    package let url: EndpointURL
    /// A number the owner chooses (the bench keeps its subscriber index here).
    package let tag: Int
    /// The owner; cleared once the connection has closed.
    package weak var delegate: (any WebSocketClientDelegate)?
    /// Where the connection stands.
    package internal(set) var state: State = .idle
    /// When `start` was called (`CLOCK_MONOTONIC` ns): connect, TLS and upgrade are timed from it.
    package private(set) var startedAtNanoseconds: UInt64 = 0
    /// The permessage-deflate parameters the server accepted, once open.
    package private(set) var deflate: PerMessageDeflateParameters?

    unowned let loop: EventLoop
    var transport: ClientTransport
    /// Bytes received and not yet decoded (partial frames, the response head).
    var input = ByteQueue()
    private let handshaker: WebSocketClientHandshaker
    private let address: SocketAddress
    var inbound: InboundDecoder
    private var maskingKeys: MaskingKeyGenerator
    /// True while `handle(events:)` runs: sends are flushed once at its end.
    private var handlingEvents = false

    /// A connection, not yet started.
    /// - Parameters:
    ///   - tls: the client context for a `wss://` URL (required then, ignored for `ws://`).
    ///   - offerDeflate: offer permessage-deflate; compressed messages are then inflated
    ///     before the delegate sees them.
    /// - Throws: when the URL's host is not numeric or cannot be sent, or `wss://` comes without `tls`.
    package init(
        url: EndpointURL,
        loop: EventLoop,
        inbound mode: InboundMode,
        extraHeaders: [(name: String, value: String)] = [],
        tls: TLSContext? = nil,
        offerDeflate: Bool = false,
        tag: Int = 0
    ) throws(ClientError) {
        guard let address = SocketAddress(host: url.host, port: url.port) else { throw .hostNotNumeric(url.host) }
        if url.scheme.isSecure {
            guard let tls else { throw .tlsNotAvailable(url.description) }
            transport = try ClientTransport(tls: tls, serverName: url.host)
        } else {
            transport = ClientTransport()
        }
        var random = SystemRandomNumberGenerator()
        self.url = url
        self.loop = loop
        self.tag = tag
        self.address = address
        handshaker = try WebSocketClientHandshaker(
            url: url, extraHeaders: extraHeaders, offerDeflate: offerDeflate, using: &random)
        inbound = InboundDecoder(mode: mode)
        maskingKeys = MaskingKeyGenerator(seed: random.next())
    }

    /// Starts connecting; the outcome comes through the delegate (a failure
    /// to start at all, such as `EMFILE`, is reported the same way, at once).
    package func start() {
        guard state == .idle else { return }
        state = .connecting
        startedAtNanoseconds = MonotonicClock.nowNanoseconds()
        do throws(SystemError) {
            try transport.connect(to: address, on: loop, handler: self)
        } catch {
            finish(.connectFailed(address: address.description, error))
        }
    }

    /// Sends one unfragmented message whose `payloadLength` bytes `fill`
    /// writes in place; the frame is masked after. No allocation once the
    /// output queue has grown to its working size.
    package func send(_ opcode: WebSocketOpcode, payloadLength: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        guard state == .open || (state == .closing && opcode == .close) else { return }
        let key = maskingKeys.next()
        transport.output.appendDirectly { bytes in
            WebSocketFrameEncoder.encodeHeader(
                opcode: opcode, payloadLength: payloadLength, maskingKey: key, into: &bytes)
        }
        transport.output.append(count: payloadLength) { payload in
            fill(payload)
            WebSocketMasking.apply(key: key, offset: 0, to: payload)
        }
        if !handlingEvents { flush() }
    }

    /// Sends one unfragmented message carrying a copy of `payload`.
    package func send(_ opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer) {
        send(opcode, payloadLength: payload.count) { $0.copyMemory(from: payload) }
    }

    /// Starts the closing handshake: sends a close frame and closes the
    /// socket when the server answers (or drops the connection). The delegate
    /// hears `closedByClient`.
    package func close(code: WebSocketCloseCode = .normalClosure) {
        switch state {
        case .idle, .connecting, .handshaking:
            finish(.closedByClient)
        case .open:
            state = .closing
            let payload = WebSocketClosePayload.encode(rawCode: code.rawValue, reason: "")
            payload.withUnsafeBytes { send(.close, payload: $0) }
        case .closing, .closed:
            break
        }
    }

    /// Closes the socket now, without a closing handshake.
    package func abort() {
        finish(.closedByClient)
    }

    package func handle(events: Epoll.Events) {
        handlingEvents = true
        defer {
            handlingEvents = false
            if state != .closed { flush() }
            if state == .closed { input.removeAll() }
        }
        if state == .connecting {
            guard let error = transport.finishConnect(on: loop) else {
                state = .handshaking
                // Under TLS the request waits in the transport until the TLS handshake is done.
                transport.output.append(handshaker.request)
                return
            }
            finish(error)
            return
        }
        if events.contains(.input) || events.contains(.hangUp) || events.contains(.error) {
            readAvailable()
        }
    }

    /// Writes queued output; a failed write closes the connection.
    func flush() {
        do throws(ClientError) {
            try transport.flush(on: loop)
        } catch {
            finish(error)
        }
    }

    /// Closes the socket once and tells the delegate.
    func finish(_ reason: ClientError) {
        guard state != .closed else { return }
        state = .closed
        transport.close(on: loop)
        let delegate = self.delegate
        self.delegate = nil
        delegate?.webSocket(self, didCloseWith: reason)
    }

    func handshakeCompleted() {
        state = .open
        delegate?.webSocketDidOpen(self)
    }

    /// Checks the response head in `input`; opens the connection when it is complete.
    func receiveHandshake() {
        let outcome = input.withBytes { bytes in
            Result { () throws(WebSocketClientHandshakeError) in try handshaker.parseResponse(bytes) }
        }
        switch outcome {
        case .failure(let error):
            finish(.handshakeFailed(address: address.description, error))
        case .success(nil):
            break
        case .success(let accepted?):
            input.consume(accepted.consumedBytes)
            if let deflate = accepted.deflate {
                inbound.enableInflation(deflate)
                self.deflate = deflate
            }
            handshakeCompleted()
        }
    }
}

/// Masking keys for one connection: xorshift64, seeded from the system
/// generator. RFC 6455 asks for unpredictable keys so that browser scripts
/// cannot aim bytes at proxies; a load generator needs only varying ones.
struct MaskingKeyGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    }

    mutating func next() -> UInt32 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt32(truncatingIfNeeded: state >> 16)
    }
}
