import HeraldBroker
import HeraldProtocol

/// The small JSON frames Herald sends besides events: welcome, ack, error,
/// gap, pong. Built by hand into bytes (they are tiny and frequent).
enum Notices {
    /// `{"type":"welcome","session":…,"node":…,"epoch":…,"position":…,"queued_bytes":N}`;
    /// `position` is read before the query's subscriptions are made (see `Broker.position`).
    static func welcome(session: UInt64, node: String, epoch: Epoch, position: EventID, queuedBytes: Int) -> [UInt8] {
        var json = Array(#"{"type":"welcome","session":""#.utf8)
        json.append(contentsOf: String(session, radix: 16).utf8)
        json.append(contentsOf: #"","node":"#.utf8)
        JSONEncoding.appendString(node, to: &json)
        json.append(contentsOf: #","epoch":"#.utf8)
        JSONEncoding.appendString(epoch.description, to: &json)
        json.append(contentsOf: #","position":"#.utf8)
        JSONEncoding.appendString(position.description, to: &json)
        json.append(contentsOf: #","queued_bytes":\#(queuedBytes)}"#.utf8)
        return json
    }

    /// `{"type":"dropped","count":N,"first_id":"…"}`: events from `first_id` on were dropped
    /// (`count` of this connection's events); fetch them from history.
    static func dropped(count: Int, firstID: EventID) -> [UInt8] {
        var json = Array(#"{"type":"dropped","count":\#(count),"first_id":"#.utf8)
        JSONEncoding.appendString(firstID.description, to: &json)
        json.append(UInt8(ascii: "}"))
        return json
    }

    /// `{"type":"ack","id":"r1"}`, with extra already-encoded members (e.g. `"event_id":"…"`).
    static func ack(requestID: String?, extra: [UInt8] = []) -> [UInt8] {
        var json = Array(#"{"type":"ack""#.utf8)
        appendRequestID(requestID, to: &json)
        if !extra.isEmpty {
            json.append(UInt8(ascii: ","))
            json.append(contentsOf: extra)
        }
        json.append(UInt8(ascii: "}"))
        return json
    }

    /// `{"type":"pong","id":"r4","queued_bytes":N}`: each client sees its own queue depth.
    static func pong(requestID: String?, queuedBytes: Int) -> [UInt8] {
        var json = Array(#"{"type":"pong""#.utf8)
        appendRequestID(requestID, to: &json)
        json.append(contentsOf: #","queued_bytes":\#(queuedBytes)}"#.utf8)
        return json
    }

    static func error(requestID: String?, code: String, message: String, column: Int? = nil) -> [UInt8] {
        var json = Array(#"{"type":"error""#.utf8)
        appendRequestID(requestID, to: &json)
        json.append(contentsOf: #","code":"#.utf8)
        JSONEncoding.appendString(code, to: &json)
        json.append(contentsOf: #","message":"#.utf8)
        JSONEncoding.appendString(message, to: &json)
        if let column { json.append(contentsOf: #","column":\#(column)"#.utf8) }
        json.append(UInt8(ascii: "}"))
        return json
    }

    /// `{"type":"gap","topic":"<pattern>","since":"…","first_available":"…"|null}`.
    static func gap(pattern: TopicPattern, notice: GapNotice) -> [UInt8] {
        var json = Array(#"{"type":"gap","topic":"#.utf8)
        JSONEncoding.appendString(pattern.text, to: &json)
        json.append(contentsOf: #","since":"#.utf8)
        switch notice.since {
        case .earliest: JSONEncoding.appendString("earliest", to: &json)
        case .after(let id): JSONEncoding.appendString(id.description, to: &json)
        }
        json.append(contentsOf: #","first_available":"#.utf8)
        JSONEncoding.appendStringOrNull(notice.firstAvailable?.description, to: &json)
        json.append(UInt8(ascii: "}"))
        return json
    }

    private static func appendRequestID(_ requestID: String?, to json: inout [UInt8]) {
        guard let requestID else { return }
        json.append(contentsOf: #","id":"#.utf8)
        JSONEncoding.appendString(requestID, to: &json)
    }
}
