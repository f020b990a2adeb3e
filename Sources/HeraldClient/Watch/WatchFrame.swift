package import HeraldProtocol

/// One text frame from `/ws`, classified by its `type`.
package enum WatchFrame: Sendable {
    /// `{"type":"event",…}`: the parsed envelope, its exact text, and its id.
    case event(envelope: JSONValue, text: [UInt8], id: String?)
    /// `{"type":"welcome",…}`: the server's epoch and its position (newest id) at connect.
    case welcome(epoch: String?, position: String?)
    /// `{"type":"gap",…}`: history no longer covers what came after `since`.
    case gap(pattern: String, since: String, firstAvailable: String?)
    /// `{"type":"dropped",…}`: the server dropped `count` events for this client.
    case dropped(count: Int, firstID: String?)
    /// `{"type":"error",…}`: a control message was refused.
    case error(code: String, message: String)
    /// Anything else (acks, pongs, future frame types, text that is not JSON).
    case other(String)

    /// Classifies one text frame.
    package static func parse(_ text: [UInt8]) -> WatchFrame {
        guard let value = try? JSONDocument.parse(text) else { return .other(String(decoding: text, as: UTF8.self)) }
        switch value["type"]?.stringValue {
        case "event":
            return .event(envelope: value, text: text, id: value["id"]?.stringValue)
        case "welcome":
            return .welcome(epoch: value["epoch"]?.stringValue, position: value["position"]?.stringValue)
        case "gap":
            return .gap(
                pattern: value["topic"]?.stringValue ?? "?", since: value["since"]?.stringValue ?? "?",
                firstAvailable: value["first_available"]?.stringValue)
        case "dropped":
            return .dropped(count: value["count"]?.intValue ?? 0, firstID: value["first_id"]?.stringValue)
        case "error":
            return .error(code: value["code"]?.stringValue ?? "error", message: value["message"]?.stringValue ?? "")
        default:
            return .other(value.rawText)
        }
    }
}

/// What `herald watch` tells the person at the terminal besides events: on
/// stderr, one plain line each.
package enum WatchNotice: Sendable, Equatable, CustomStringConvertible {
    /// Connected and subscribed; `since` is what the subscription resumed from.
    case connected(url: String, since: String?)
    /// The connection ended or could not be made; the next try is in `retryMilliseconds`.
    case disconnected(reason: String, retryMilliseconds: Int)
    /// `--timeout` passed without a connection.
    case gaveUp(reason: String, afterSeconds: Double)
    /// The server's history does not cover the span after `since`.
    case gap(pattern: String, since: String, firstAvailable: String?)
    /// The server dropped events for this (slow) client.
    case dropped(count: Int, firstID: String?)
    /// The server refused a control message.
    case serverError(code: String, message: String)

    package var description: String {
        switch self {
        case .connected(let url, let since):
            "connected to \(url)"
                + (since.map { $0 == "earliest" ? " (replaying retained events first)" : " (resuming after \($0))" }
                    ?? "")
        case .disconnected(let reason, let retry):
            "\(reason); retrying in \(Self.seconds(retry))"
        case .gaveUp(let reason, let seconds):
            "\(reason); giving up after \(Self.seconds(Int(seconds * 1000))) without a connection"
        case .gap(let pattern, let since, let first):
            "gap: events on \(pattern) after \(since) are no longer retained"
                + (first.map { "; replay starts at \($0)" } ?? "; nothing older is retained")
        case .dropped(let count, let first):
            "dropped: the server dropped \(count) event\(count == 1 ? "" : "s") for this client"
                + (first.map { " starting at \($0) (fetch them from history)" } ?? "")
        case .serverError(let code, let message):
            "server error \(code): \(message)"
        }
    }

    private static func seconds(_ milliseconds: Int) -> String {
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
