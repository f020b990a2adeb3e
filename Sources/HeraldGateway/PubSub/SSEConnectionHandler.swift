import HeraldBroker
import HeraldPosix
import HeraldProtocol

/// `GET /sse`: an event stream that stays open. Each event is written as
/// `id:`, `event: <topic>` and the envelope as `data:` lines; notices go as
/// `event: gap`; a comment line every `sse.heartbeat_interval` keeps proxies
/// from timing the stream out. Whatever the client sends after its request is read and ignored.
final class SSEConnectionHandler: ConnectionHandler, EventSink {
    private let services: GatewayServices
    private var subscriptions: SubscriptionSet?
    private let heartbeatMilliseconds: UInt64
    private var lastWriteAt: UInt64
    private let backpressure = BackpressureGuard(canNotify: true)

    init(services: GatewayServices, nowMilliseconds: UInt64) {
        self.services = services
        heartbeatMilliseconds = UInt64(services.configuration.sse.heartbeatIntervalSeconds * 1000)
        lastWriteAt = nowMilliseconds
    }

    /// Sends the response head and the replay, then goes live.
    func start(request: SubscriptionRequest, on connection: Connection) {
        var head: [UInt8] = []
        HTTPResponseEncoder.encodeHead(
            status: .ok,
            headers: [
                "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache",
                "x-accel-buffering": "no", "connection": "keep-alive",
            ],
            into: &head)
        head.append(contentsOf: SSEEncoder.retry(milliseconds: Int(services.configuration.sse.retrySeconds * 1000)))
        // The node's position before subscribing, as an id-only block: an EventSource that
        // reconnects before any event resumes from it (Last-Event-ID) instead of from now.
        // Replayed and live events come after it and move the id on.
        head.append(contentsOf: SSEEncoder.idOnly(services.hub.broker.position.description))
        connection.send(head)
        let subscriptions = SubscriptionSet(
            hub: services.hub,
            subscriber: SubscriberRef(loop: connection.loopState.loop.index, connection: connection.id),
            maxPatterns: services.configuration.webSocket.maxSubscriptions)
        self.subscriptions = subscriptions
        connection.eventSink = self
        // Gap notices first, then one replay of every pattern in id order (see PubSubApplication):
        // the stream's last event id only moves forward.
        var replay: [PreparedEvent] = []
        for pattern in request.patterns {
            do {
                let outcome = try subscriptions.subscribe(
                    pattern, filter: request.filter, since: request.since, on: connection.loopState)
                if let gap = outcome.gap {
                    connection.send(SSEEncoder.event(id: nil, event: "gap", data: Notices.gap(pattern: pattern, notice: gap)))
                }
                replay += outcome.replay
            } catch {
                let (code, message) = error.codeAndMessage
                connection.send(
                    SSEEncoder.event(
                        id: nil, event: "error", data: Notices.error(requestID: nil, code: code, message: message)))
                connection.closeAfterFlush()
                return
            }
        }
        for event in PreparedEvent.inIDOrder(replay) { connection.send(event.sseChunk) }
    }

    func deliver(_ event: PreparedEvent, on connection: Connection) {
        guard subscriptions?.accepts(event, on: connection.loopState) ?? false else { return }
        lastWriteAt = connection.loopState.loop.nowMilliseconds
        backpressure.offer(event.sseChunk, for: event, on: connection, notice: Self.dropped)
    }

    func outboundDrained(on connection: Connection) {
        backpressure.drained(on: connection, notice: Self.dropped)
    }

    var droppedEvents: Int { backpressure.droppedTotal }

    /// `event: dropped` with SPEC's notice as data.
    private static func dropped(count: Int, firstID: EventID) -> ByteChunk {
        ByteChunk(SSEEncoder.event(id: nil, event: "dropped", data: Notices.dropped(count: count, firstID: firstID)))
    }

    func connection(_ connection: Connection, received bytes: UnsafeRawBufferPointer) {}

    func connectionTick(_ connection: Connection, nowMilliseconds: UInt64) {
        guard nowMilliseconds &- lastWriteAt >= heartbeatMilliseconds else { return }
        lastWriteAt = nowMilliseconds
        connection.send(SSEEncoder.comment("heartbeat"))
    }

    /// A slow SSE consumer gets `event: error` with `slow_consumer`, and the stream ends.
    func connectionOverflowed(_ connection: Connection) {
        connection.discardUnsentOutput()
        connection.send(
            SSEEncoder.event(
                id: nil, event: "error",
                data: Array(#"{"code":"slow_consumer","message":"the client did not keep up"}"#.utf8)))
        connection.closeAfterFlush()
    }

    func connectionClosed(_ connection: Connection) {
        connection.eventSink = nil
        subscriptions?.removeAll()
    }
}
