import HeraldPosix
import HeraldProtocol

extension BenchWorker: WebSocketClientDelegate {
    /// Starts WebSocket connection `index` of the plan.
    func startWebSocket(index: Int) {
        webSocketOpened.append(false)
        guard let connection = makeWebSocket(slot: index) else { return }
        webSockets.append(connection)
        connection.start()
    }

    /// Replaces the connection in `slot` with a new one (the `reconnect` role).
    func restartWebSocket(slot: Int) {
        webSocketOpened[slot] = false
        guard let connection = makeWebSocket(slot: slot) else { return }
        webSockets[slot] = connection
        counters.sent.add(1, ordering: .relaxed)
        connection.start()
    }

    /// A connection for `slot`, counted as pending; nil (counted as failed) when it cannot be made.
    private func makeWebSocket(slot: Int) -> WebSocketClientConnection? {
        pendingConnects += 1
        do throws(ClientError) {
            let connection = try WebSocketClientConnection(
                url: plan.webSocketURLs[slot], loop: loop, inbound: .inPlace(maxMessageBytes: plan.maxMessageBytes),
                tls: plan.tls, offerDeflate: plan.offerDeflate, tag: slot)
            connection.delegate = self
            return connection
        } catch {
            connectionFailed(error)
            return nil
        }
    }

    func webSocketDidOpen(_ connection: WebSocketClientConnection) {
        pendingConnects -= 1
        webSocketOpened[connection.tag] = true
        counters.opened.add(1, ordering: .relaxed)
        if connection.deflate != nil { counters.deflateAccepted.add(1, ordering: .relaxed) }
        guard sending else { return }
        switch plan.role {
        case .echo(let inFlight, let messageBytes):
            // A client that opens after sending began (a slow handshake) joins in.
            for _ in 0..<inFlight { sendEcho(on: connection, messageBytes: messageBytes) }
        case .reconnect:
            let now = MonotonicClock.nowNanoseconds()
            latencies.record(nanoseconds: now - min(now, connection.startedAtNanoseconds))
            counters.received.add(1, ordering: .relaxed)
            connection.abort()
            restartWebSocket(slot: connection.tag)
        case .subscribe:
            break
        }
    }

    func webSocket(
        _ connection: WebSocketClientConnection, didReceive opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer
    ) {
        guard let sentAt = LatencyPayload.scanTimestamp(in: payload) else {
            counters.otherFrames.add(1, ordering: .relaxed)
            return
        }
        let now = MonotonicClock.nowNanoseconds()
        latencies.record(nanoseconds: now >= sentAt ? now - sentAt : 0)
        counters.received.add(1, ordering: .relaxed)
        if sending, case .echo(_, let messageBytes) = plan.role {
            sendEcho(on: connection, messageBytes: messageBytes)
        }
    }

    func webSocket(_ connection: WebSocketClientConnection, didRead byteCount: Int) {
        counters.bytesReceived.add(byteCount, ordering: .relaxed)
    }

    func webSocket(_ connection: WebSocketClientConnection, didCloseWith reason: ClientError) {
        if webSocketOpened.indices.contains(connection.tag), webSocketOpened[connection.tag] {
            connectionClosed(reason)
        } else {
            connectionFailed(reason)
            // Churning: a failed attempt is counted and its slot tries again on the next tick
            // (not from here: a connect that fails at once would recurse).
            if sending, case .reconnect = plan.role, webSockets[connection.tag] === connection {
                slotsToRestart.append(connection.tag)
            }
        }
    }

    /// Sends one timestamped text message of `messageBytes` bytes.
    func sendEcho(on connection: WebSocketClientConnection, messageBytes: Int) {
        connection.send(.text, payloadLength: messageBytes) { payload in
            LatencyPayload.encode(timestamp: MonotonicClock.nowNanoseconds(), into: payload)
        }
        counters.sent.add(1, ordering: .relaxed)
    }
}
