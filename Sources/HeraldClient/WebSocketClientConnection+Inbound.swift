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

    init(mode: WebSocketClientConnection.InboundMode) {
        switch mode {
        case .inPlace(let maxMessageBytes):
            self.maxMessageBytes = maxMessageBytes
        case .validated(let maxMessageBytes):
            self.maxMessageBytes = maxMessageBytes
            reader = WebSocketReader(maxMessageBytes: maxMessageBytes, expectMasked: false)
        }
    }
}

extension WebSocketClientConnection {
    /// Reads per readiness event at most this many times (each up to the
    /// loop's 64 KiB buffer), so one busy connection cannot starve the rest.
    static let readsPerEvent = 4

    /// Reads what has arrived and decodes it.
    func readAvailable() {
        let buffer = loop.readBuffer
        for _ in 0..<Self.readsPerEvent {
            let result: IOResult<Int>
            do throws(SystemError) {
                result = try transport.read(into: buffer)
            } catch {
                finish(.io(error))
                return
            }
            guard case .processed(let count) = result else { return }
            guard count > 0 else {
                finish(state == .closing ? .closedByClient : .endOfStream)
                return
            }
            received(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            guard state != .closed, count == buffer.count else { return }
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
                    in: UnsafeRawBufferPointer(rebasing: bytes[offset...]), maxPayloadBytes: inbound.maxMessageBytes)
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
        switch frame.opcode {
        case .text, .binary:
            guard inbound.fragmentOpcode == nil else { return failProtocol(.unfinishedFragmentedMessage) }
            if frame.fin {
                delegate?.webSocket(self, didReceive: frame.opcode, payload: frame.payload)
            } else {
                inbound.fragmentOpcode = frame.opcode
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
            message.withUnsafeBytes { delegate?.webSocket(self, didReceive: opcode, payload: $0) }
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
