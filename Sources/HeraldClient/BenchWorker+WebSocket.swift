import HeraldPosix
import HeraldProtocol

extension BenchWorker: WebSocketClientDelegate {
    /// Starts WebSocket connection `index` of the plan.
    func startWebSocket(index: Int) {
        pendingConnects += 1
        webSocketOpened.append(false)
        let connection: WebSocketClientConnection
        do throws(ClientError) {
            connection = try WebSocketClientConnection(
                url: plan.webSocketURLs[index], loop: loop,
                inbound: .inPlace(maxMessageBytes: plan.maxMessageBytes), tag: index)
        } catch {
            return connectionFailed(error)
        }
        connection.delegate = self
        webSockets.append(connection)
        connection.start()
    }

    func webSocketDidOpen(_ connection: WebSocketClientConnection) {
        pendingConnects -= 1
        webSocketOpened[connection.tag] = true
        counters.opened.add(1, ordering: .relaxed)
        // A client that opens after sending began (a slow handshake) joins in.
        if sending, case .echo(let inFlight, let messageBytes) = plan.role {
            for _ in 0..<inFlight { sendEcho(on: connection, messageBytes: messageBytes) }
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

    func webSocket(_ connection: WebSocketClientConnection, didCloseWith reason: ClientError) {
        if webSocketOpened.indices.contains(connection.tag), webSocketOpened[connection.tag] {
            connectionClosed(reason)
        } else {
            connectionFailed(reason)
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
