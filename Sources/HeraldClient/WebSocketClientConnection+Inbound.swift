import HeraldCompression
import HeraldPosix
import HeraldProtocol

/// The inbound decoding state of one connection (see `InboundMode`).
struct InboundDecoder {
    /// The largest message accepted.
    let maxMessageBytes: Int
    /// Set in `.validated` mode.
    var reader: WebSocketReader?
    /// In `.inPlace` mode: the fragments of the message in progress.
    var fragments: [UInt8] = []
    /// In `.inPlace` mode: the opcode of the fragmented message in progress.
    var fragmentOpcode: WebSocketOpcode?
    /// In `.inPlace` mode: whether the fragmented message in progress is compressed.
    var fragmentsCompressed = false
    /// In `.inPlace` mode, once permessage-deflate is agreed: the server's
    /// messages are inflated here (created on the first compressed one).
    var inflater: Inflater?
    /// Whether permessage-deflate was agreed (RSV1 allowed).
    var inflates = false
    /// Whether the server resets its compressor after every message.
    var serverNoContextTakeover = false
    /// In `.inPlace` mode: the last inflated message, its capacity kept.
    var inflated: [UInt8] = []

    init(mode: WebSocketClientConnection.InboundMode) {
        switch mode {
        case .inPlace(let maxMessageBytes):
            self.maxMessageBytes = maxMessageBytes
        case .validated(let maxMessageBytes):
            self.maxMessageBytes = maxMessageBytes
            reader = WebSocketReader(maxMessageBytes: maxMessageBytes, expectMasked: false)
        }
    }

    /// Accepts RSV1 from now on and inflates compressed messages as `deflate` says.
    mutating func enableInflation(_ deflate: PerMessageDeflateParameters) {
        inflates = true
        serverNoContextTakeover = deflate.serverNoContextTakeover
        if reader != nil {
            // Nothing has been read past the response head yet: a fresh reader loses nothing.
            reader = WebSocketReader(
                maxMessageBytes: maxMessageBytes, expectMasked: false,
                inflater: LazyMessageInflater(noContextTakeover: deflate.serverNoContextTakeover))
        }
    }

    /// Inflates one whole compressed message into `inflated`.
    mutating func inflate(_ payload: UnsafeRawBufferPointer) throws(WebSocketProtocolError) {
        do throws(CompressionError) {
            if inflater == nil { inflater = try Inflater(noContextTakeover: serverNoContextTakeover) }
            try inflater?.decompress(payload, maxSize: maxMessageBytes, into: &inflated)
        } catch .tooLarge {
            throw .messageTooBig
        } catch {
            throw .invalidCompressedData
        }
    }
}

extension WebSocketClientConnection {
    /// Reads per readiness event at most this many times (each up to the
    /// loop's 64 KiB buffer), so one busy connection cannot starve the rest.
    static let readsPerEvent = 4

    /// Reads what has arrived and decodes it: at most `readsPerEvent` reads,
    /// unless TLS holds decrypted input that epoll would not report again.
    func readAvailable() {
        let buffer = loop.readBuffer
        var reads = 0
        while true {
            let before = transport.bytesReceived
            let outcome: ClientTransport.ReadOutcome
            do throws(ClientError) {
                outcome = try transport.read(into: buffer)
            } catch {
                finish(error)
                return
            }
            if transport.bytesReceived != before {
                delegate?.webSocket(self, didRead: transport.bytesReceived - before)
            }
            switch outcome {
            case .wouldBlock:
                return
            case .endOfStream:
                finish(state == .closing ? .closedByClient : .endOfStream)
                return
            case .data(let count, let mayHaveMore):
                received(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                reads += 1
                guard state != .closed, mayHaveMore, reads < Self.readsPerEvent || transport.holdsBufferedInput
                else { return }
            }
        }
    }

    private func received(_ chunk: UnsafeRawBufferPointer) {
        switch state {
        case .handshaking:
            input.append(chunk)
            receiveHandshake()
            guard state == .open, !input.isEmpty else { return }
            // Frames that came with the response head (Herald's welcome).
            if inbound.reader != nil {
                input.withBytes { inbound.reader?.append($0) }
                input.consume(input.count)
                drainReader()
            } else {
                decodeBuffered()
            }
        case .open, .closing:
            if inbound.reader != nil {
                inbound.reader?.append(chunk)
                drainReader()
            } else if input.isEmpty {
                // The common case: decode straight from the read buffer, keep only a partial frame.
                let used = decodeInPlace(chunk)
                if state != .closed && used < chunk.count {
                    input.append(UnsafeRawBufferPointer(rebasing: chunk[used...]))
                }
            } else {
                input.append(chunk)
                decodeBuffered()
            }
        case .idle, .connecting, .closed:
            break
        }
    }

    private func decodeBuffered() {
        let used = input.withBytes { decodeInPlace($0) }
        if state != .closed { input.consume(used) }
    }

    /// Handles every complete frame at the start of `bytes`; returns the bytes used.
    private func decodeInPlace(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while state == .open || state == .closing {
            let frame: ServerFrameScanner.Frame?
            do throws(WebSocketProtocolError) {
                frame = try ServerFrameScanner.nextFrame(
                    in: UnsafeRawBufferPointer(rebasing: bytes[offset...]), maxPayloadBytes: inbound.maxMessageBytes,
                    allowRSV1: inbound.inflates)
            } catch {
                failProtocol(error)
                return offset
            }
            guard let frame else { break }
            offset += frame.length
            handle(frame)
        }
        return offset
    }

    private func handle(_ frame: ServerFrameScanner.Frame) {
        // RSV1 marks a compressed message on its first frame only (RFC 7692 §6).
        guard !frame.rsv1 || frame.opcode == .text || frame.opcode == .binary else {
            return failProtocol(.reservedBitsSet)
        }
        switch frame.opcode {
        case .text, .binary:
            guard inbound.fragmentOpcode == nil else { return failProtocol(.unfinishedFragmentedMessage) }
            if frame.fin {
                deliver(frame.opcode, payload: frame.payload, compressed: frame.rsv1)
            } else {
                inbound.fragmentOpcode = frame.opcode
                inbound.fragmentsCompressed = frame.rsv1
                inbound.fragments.removeAll(keepingCapacity: true)
                inbound.fragments.append(contentsOf: frame.payload)
            }
        case .continuation:
            guard let opcode = inbound.fragmentOpcode else { return failProtocol(.unexpectedContinuation) }
            guard frame.payload.count <= inbound.maxMessageBytes - inbound.fragments.count else {
                return failProtocol(.messageTooBig)
            }
            inbound.fragments.append(contentsOf: frame.payload)
            guard frame.fin else { return }
            inbound.fragmentOpcode = nil
            var message: [UInt8] = []
            swap(&message, &inbound.fragments)
            message.withUnsafeBytes { deliver(opcode, payload: $0, compressed: inbound.fragmentsCompressed) }
            message.removeAll(keepingCapacity: true)
            swap(&message, &inbound.fragments)
        case .ping:
            send(.pong, payload: frame.payload)
        case .pong:
            break
        case .close:
            let payload = frame.payload
            receivedClose(code: payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil)
        }
    }

    /// Hands a whole message to the delegate, inflated first if it came compressed.
    private func deliver(_ opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer, compressed: Bool) {
        guard compressed else {
            delegate?.webSocket(self, didReceive: opcode, payload: payload)
            return
        }
        do throws(WebSocketProtocolError) {
            try inbound.inflate(payload)
        } catch {
            return failProtocol(error)
        }
        var message: [UInt8] = []
        swap(&message, &inbound.inflated)
        message.withUnsafeBytes { delegate?.webSocket(self, didReceive: opcode, payload: $0) }
        swap(&message, &inbound.inflated)
    }

    private func drainReader() {
        while state == .open || state == .closing {
            let message: WebSocketMessage?
            do throws(WebSocketProtocolError) {
                message = try inbound.reader?.nextMessage()
            } catch {
                return failProtocol(error)
            }
            guard let message else { return }
            switch message {
            case .text(let payload):
                payload.withUnsafeBytes { delegate?.webSocket(self, didReceive: .text, payload: $0) }
            case .binary(let payload):
                payload.withUnsafeBytes { delegate?.webSocket(self, didReceive: .binary, payload: $0) }
            case .ping(let payload):
                payload.withUnsafeBytes { send(.pong, payload: $0) }
            case .pong:
                break
            case .close(let code, _):
                receivedClose(code: code)
            }
        }
    }

    /// The server's close frame: answer it (if the client did not start the
    /// closing handshake) and close the socket.
    private func receivedClose(code: UInt16?) {
        if state == .open {
            state = .closing
            // Echo the server's code when it is one that may be sent (not 1005, 1006, 1015).
            let echoed = code.flatMap { WebSocketCloseCode.isValidToReceive($0) ? $0 : nil }
            let payload = echoed.map { WebSocketClosePayload.encode(rawCode: $0, reason: "") } ?? []
            payload.withUnsafeBytes { send(.close, payload: $0) }
            flush()
            finish(.closedByServer(code: code))
        } else {
            finish(.closedByClient)
        }
    }

    /// Sends a close frame for `error` and drops the connection.
    private func failProtocol(_ error: WebSocketProtocolError) {
        if state == .open {
            state = .closing
            let payload = WebSocketClosePayload.encode(rawCode: error.closeCode.rawValue, reason: error.reason)
            payload.withUnsafeBytes { send(.close, payload: $0) }
            flush()
        }
        finish(.protocolViolation(error))
    }
}
