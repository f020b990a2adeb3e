import HeraldPosix
import HeraldProtocol

/// `GET /api/stats`: node figures (SPEC): connections, subscriptions, events in,
/// out and dropped, close reasons (slow consumers among them), and the
/// connections with the most queued output.
struct StatsRoute {
    let services: GatewayServices

    func response() -> HTTPResponse {
        let broker = services.hub.broker.stats
        let loops = services.loopConnectionCounts
        var json = Array(#"{"node":"#.utf8)
        JSONEncoding.appendString(services.nodeName, to: &json)
        json.append(contentsOf: #","epoch":"#.utf8)
        JSONEncoding.appendString(broker.epoch.description, to: &json)
        let uptime = (MonotonicClock.nowMilliseconds() &- services.startedAt) / 1000
        let perLoop = loops.map { String($0.value.load(ordering: .relaxed)) }.joined(separator: ",")
        let connections = services.connectionCount.load(ordering: .relaxed)
        json.append(contentsOf: #","uptime_seconds":\#(uptime),"connections":{"total":\#(connections)"#.utf8)
        json.append(contentsOf: #","per_loop":[\#(perLoop)]},"subscriptions":\#(broker.subscriptions)"#.utf8)
        json.append(contentsOf: #","subscribers":\#(broker.subscribers),"topics":\#(broker.topics)"#.utf8)
        let delivered = loops.reduce(0) { $0 + $1.delivered.load(ordering: .relaxed) }
        let dropped = services.counters.droppedEvents.load(ordering: .relaxed)
        json.append(contentsOf: #","events":{"published":\#(broker.eventsPublished),"delivered":\#(delivered)"#.utf8)
        json.append(contentsOf: #","dropped":\#(dropped),"duplicates":\#(broker.duplicatesSuppressed)"#.utf8)
        json.append(contentsOf: #","retained":\#(broker.retainedEvents),"retained_bytes":\#(broker.retainedBytes)"#.utf8)
        json.append(contentsOf: #","evicted":\#(broker.eventsEvicted)}"#.utf8)
        let slowConsumers = services.counters.count(.slowConsumer) + services.counters.count(.writeTimeout)
        json.append(contentsOf: #","slow_consumer_closes":\#(slowConsumers),"closes":{"#.utf8)
        for (index, reason) in CloseReason.allCases.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: #""\#(reason.name)":\#(services.counters.count(reason))"#.utf8)
        }
        json.append(contentsOf: #"},"slowest":["#.utf8)
        let slowest = loops.flatMap { $0.slowest.withLock { $0 } }
            .sorted { $0.queuedBytes > $1.queuedBytes }.prefix(LoopState.slowestReported)
        for (index, load) in slowest.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: #"{"session":"\#(String(load.session, radix: 16))","queued_bytes":\#(load.queuedBytes)"#.utf8)
            json.append(contentsOf: #","dropped":\#(load.droppedEvents)}"#.utf8)
        }
        json.append(contentsOf: "]}".utf8)
        return HTTPResponse(status: .ok, headers: ["content-type": "application/json"], body: json)
    }
}
