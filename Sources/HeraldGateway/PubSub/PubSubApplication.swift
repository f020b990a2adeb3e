import HeraldBroker
import HeraldFilter
import HeraldPosix
import HeraldProtocol

/// `/ws`: subscriptions from the query string at connect, then SPEC's control
/// protocol (subscribe, unsubscribe, publish, ping) in JSON text messages.
final class PubSubApplication: WebSocketApplication, EventSink {
    private let services: GatewayServices
    private let request: SubscriptionRequest
    private var subscriptions: SubscriptionSet?
    private weak var session: WebSocketConnectionHandler?
    private let backpressure: BackpressureGuard

    init(request: SubscriptionRequest, services: GatewayServices) {
        self.request = request
        self.services = services
        backpressure = BackpressureGuard(canNotify: request.format == .envelope)
    }

    private var isRaw: Bool { request.format == .raw }

    func opened(_ session: WebSocketConnectionHandler, on connection: Connection) {
        self.session = session
        let subscriber = SubscriberRef(loop: connection.loopState.loop.index, connection: connection.id)
        subscriptions = SubscriptionSet(
            hub: services.hub, subscriber: subscriber, maxPatterns: services.configuration.webSocket.maxSubscriptions)
        connection.eventSink = self
        notice(
            Notices.welcome(
                session: connection.id, node: services.nodeName, epoch: services.hub.broker.epoch,
                position: services.hub.broker.position, queuedBytes: connection.pendingOutputBytes),
            on: connection)
        subscribeAtConnect(on: connection)
    }

    /// The query's patterns: every gap notice first, then one replay of all of them in id
    /// order (each pattern's replay leaves out what an earlier one took), so the last id a
    /// client sees is the newest replayed and resuming from it repeats nothing.
    private func subscribeAtConnect(on connection: Connection) {
        guard let subscriptions else { return }
        var replay: [PreparedEvent] = []
        for pattern in request.patterns {
            do {
                let outcome = try subscriptions.subscribe(
                    pattern, filter: request.filter, since: request.since, on: connection.loopState)
                if let gap = outcome.gap { notice(Notices.gap(pattern: pattern, notice: gap), on: connection) }
                replay += outcome.replay
            } catch {
                let (code, message) = error.codeAndMessage
                notice(Notices.error(requestID: nil, code: code, message: message), on: connection)
            }
        }
        // The replay is bounded by history limits, so it may go past outbound.max_bytes once.
        for event in PreparedEvent.inIDOrder(replay) { connection.send(frame(for: event)) }
    }

    // MARK: Events out

    func deliver(_ event: PreparedEvent, on connection: Connection) {
        guard subscriptions?.accepts(event, on: connection.loopState) ?? false else { return }
        backpressure.offer(frame(for: event), for: event, on: connection, notice: Self.dropped)
    }

    /// The shared frame this subscriber gets for `event`: compressed once per
    /// window size when the connection negotiated permessage-deflate.
    private func frame(for event: PreparedEvent) -> ByteChunk {
        guard let compression = session?.compression else { return isRaw ? event.rawFrame : event.envelopeFrame }
        return event.deflatedFrame(
            raw: isRaw, windowBits: compression.windowBits, minBytes: compression.minBytes,
            deflaters: compression.deflaters)
    }

    func outboundDrained(on connection: Connection) {
        backpressure.drained(on: connection, notice: Self.dropped)
    }

    var droppedEvents: Int { backpressure.droppedTotal }

    /// `{"type":"dropped","count":N,"first_id":"…"}` as a text frame.
    private static func dropped(count: Int, firstID: EventID) -> ByteChunk {
        Notices.dropped(count: count, firstID: firstID).withUnsafeBytes { FrameChunk.make(opcode: .text, payload: $0) }
    }

    private func notice(_ json: [UInt8], on connection: Connection) {
        guard !isRaw, let session else { return }
        json.withUnsafeBytes { session.send(.text, payload: $0, on: connection) }
    }

    // MARK: Control messages in

    func received(_ message: WebSocketMessage, session: WebSocketConnectionHandler, on connection: Connection) {
        guard case .text(let bytes) = message else {
            session.close(code: .unsupportedData, reason: "binary messages are not accepted", on: connection)
            return
        }
        let control: ControlMessage
        do {
            control = try ControlMessage(parsing: bytes)
        } catch {
            notice(
                Notices.error(requestID: error.requestID, code: error.code, message: error.message, column: error.column),
                on: connection)
            return
        }
        switch control.operation {
        case .subscribe(let pattern, let filter, let since):
            subscribe(pattern, filter: filter, since: since, requestID: control.requestID, on: connection)
        case .unsubscribe(let pattern):
            let removed = subscriptions?.unsubscribe(pattern) ?? false
            notice(
                removed
                    ? Notices.ack(requestID: control.requestID)
                    : Notices.error(
                        requestID: control.requestID, code: "not_subscribed",
                        message: "this connection has no subscription to '\(pattern.text)'"),
                on: connection)
        case .publish(let item):
            publish(item, requestID: control.requestID, on: connection)
        case .ping:
            notice(Notices.pong(requestID: control.requestID, queuedBytes: connection.pendingOutputBytes), on: connection)
        }
    }

    private func subscribe(
        _ pattern: TopicPattern, filter: CompiledFilter?, since: ResumePoint?, requestID: String?,
        on connection: Connection
    ) {
        guard let subscriptions else { return }
        // Read before subscribing: resuming from it later can only repeat nothing and miss nothing.
        let position = services.hub.broker.position
        let outcome: SubscribeOutcome<PreparedEvent>
        do {
            outcome = try subscriptions.subscribe(pattern, filter: filter, since: since, on: connection.loopState)
        } catch {
            let (code, message) = error.codeAndMessage
            notice(Notices.error(requestID: requestID, code: code, message: message), on: connection)
            return
        }
        if requestID != nil {
            var extra = Array(#""position":"#.utf8)
            JSONEncoding.appendString(position.description, to: &extra)
            notice(Notices.ack(requestID: requestID, extra: extra), on: connection)
        }
        if let gap = outcome.gap { notice(Notices.gap(pattern: pattern, notice: gap), on: connection) }
        // The replay is bounded by history limits, so it may go past outbound.max_bytes once.
        for event in outcome.replay {
            connection.send(frame(for: event))
        }
    }

    private func publish(_ item: PubSubHub.Item, requestID: String?, on connection: Connection) {
        guard services.configuration.webSocket.allowPublish else {
            notice(
                Notices.error(requestID: requestID, code: "forbidden", message: "publishing over WebSocket is turned off"),
                on: connection)
            return
        }
        guard !services.draining.load(ordering: .relaxed) else {
            notice(
                Notices.error(requestID: requestID, code: "draining", message: "the gateway is shutting down"),
                on: connection)
            return
        }
        let outcome = services.hub.publish(item)
        var extra = Array(#""event_id":"\#(outcome.id)","recipients":\#(outcome.recipients)"#.utf8)
        if outcome.duplicate { extra.append(contentsOf: #","duplicate":true"#.utf8) }
        notice(Notices.ack(requestID: requestID, extra: extra), on: connection)
    }

    func closed(_ session: WebSocketConnectionHandler, on connection: Connection) {
        connection.eventSink = nil
        subscriptions?.removeAll()
    }
}

extension SubscriptionSet.SubscribeError {
    var codeAndMessage: (String, String) {
        switch self {
        case .tooMany(let limit): ("bad_request", "at most \(limit) subscriptions per connection")
        case .broker(let error): (error.code, error.message)
        }
    }
}
