import HeraldBroker
import HeraldFilter
import HeraldPosix
import HeraldProtocol
import Synchronization

/// The parts of an event's envelope that do not depend on its id and time, encoded
/// before the broker lock is taken: `{"type":"event","topic":"…","id":"` and
/// `"[,"event_type":"…"],"data":…[,"encoding":"base64"]}`.
struct EnvelopeParts: Sendable {
    let prefix: [UInt8]
    let suffix: [UInt8]
    let eventType: String?
    static let timeKey = Array(#"","time":""#.utf8)

    init(topic: Topic, eventType: String?, payload: EventPayload) {
        var prefix = Array(#"{"type":"event","topic":"#.utf8)
        JSONEncoding.appendString(topic.name, to: &prefix)
        prefix.append(contentsOf: #","id":""#.utf8)
        var suffix: [UInt8] = [UInt8(ascii: "\"")]
        if let eventType {
            suffix.append(contentsOf: #","event_type":"#.utf8)
            JSONEncoding.appendString(eventType, to: &suffix)
        }
        suffix.append(contentsOf: #","data":"#.utf8)
        payload.appendData(to: &suffix)
        if payload.embedding == .base64 { suffix.append(contentsOf: #","encoding":"base64""#.utf8) }
        suffix.append(UInt8(ascii: "}"))
        self.prefix = prefix
        self.suffix = suffix
        self.eventType = eventType
    }
}

/// One published event, encoded once and shared, immutable, by every loop and
/// every subscriber: the envelope is built straight into a WebSocket text frame,
/// and the other forms (raw frame, SSE chunk) are made at most once, on first use.
final class PreparedEvent: BrokerEvent {
    let id: EventID
    let topic: Topic
    let timestampMilliseconds: UInt64
    let payload: EventPayload
    /// What a full outbound queue does with this event (from its topic).
    let policy: SlowConsumerPolicy
    /// The publisher's event type, for filters.
    let eventType: String?
    /// The envelope as a complete WebSocket text frame.
    let envelopeFrame: ByteChunk
    /// Where the envelope starts inside `envelopeFrame` (after the frame header).
    let envelopeOffset: Int
    private let rawFrameCache = Mutex<ByteChunk?>(nil)
    private let sseChunkCache = Mutex<ByteChunk?>(nil)
    private let filterViewCache = Mutex<FilterEvent?>(nil)
    /// permessage-deflate frames by form and window size (`PreparedEvent+Deflate.swift`).
    let deflatedFrameCache = Mutex<[Int: ByteChunk]>([:])

    /// Runs under the broker lock: one allocation and a few copies.
    init(
        id: EventID, topic: Topic, timestampMilliseconds: UInt64, parts: EnvelopeParts, payload: EventPayload,
        policy: SlowConsumerPolicy
    ) {
        self.id = id
        self.topic = topic
        self.policy = policy
        eventType = parts.eventType
        self.timestampMilliseconds = timestampMilliseconds
        self.payload = payload
        var middle: [UInt8] = []
        middle.reserveCapacity(48 + EventTime.byteCount)
        middle.append(contentsOf: id.description.utf8)
        middle.append(contentsOf: EnvelopeParts.timeKey)
        EventTime.append(unixMilliseconds: timestampMilliseconds, to: &middle)
        let envelopeLength = parts.prefix.count + middle.count + parts.suffix.count
        var header: [UInt8] = []
        WebSocketFrameEncoder.encodeHeader(opcode: .text, payloadLength: envelopeLength, into: &header)
        envelopeOffset = header.count
        envelopeFrame = ByteChunk(count: header.count + envelopeLength) { buffer in
            var position = 0
            for piece in [header, parts.prefix, middle, parts.suffix] {
                UnsafeMutableRawBufferPointer(rebasing: buffer[position..<position + piece.count]).copyBytes(from: piece)
                position += piece.count
            }
        }
    }

    /// The JSON envelope's bytes (valid while the event lives).
    var envelope: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: envelopeFrame.bytes[envelopeOffset...])
    }

    /// What the broker counts against history limits: the frame, the body, and the
    /// objects around them (this event, its chunk, arrays, the broker's entries and
    /// malloc's rounding: about 560 bytes, measured as RSS per retained event).
    var retainedBytes: Int { envelopeFrame.count + payload.body.count + Self.bookkeepingBytes }

    static let bookkeepingBytes = 560

    /// The payload alone as a frame: text when it is UTF-8, binary otherwise (`?format=raw`).
    var rawFrame: ByteChunk {
        rawFrameCache.withLock { cached in
            if let cached { return cached }
            let frame = payload.body.withUnsafeBytes {
                FrameChunk.make(opcode: payload.isUTF8 ? .text : .binary, payload: $0)
            }
            cached = frame
            return frame
        }
    }

    /// The event as filters see it: its payload parsed once, on first use, and shared by every
    /// filter on every loop (built only when some subscriber of the event has a filter).
    var filterView: FilterEvent {
        filterViewCache.withLock { cached in
            if let cached { return cached }
            let view = FilterEvent(
                topic: topic.name, eventType: eventType, id: id.description, data: payload.filterData)
            cached = view
            return view
        }
    }

    /// The event as one Server-Sent Events message: `id:`, `event:` (the topic), `data:` lines.
    var sseChunk: ByteChunk {
        sseChunkCache.withLock { cached in
            if let cached { return cached }
            let chunk = ByteChunk(SSEEncoder.event(id: id.description, event: topic.name, data: envelope))
            cached = chunk
            return chunk
        }
    }
}

extension PreparedEvent {
    /// Replayed events of several patterns merged in id order. One broker lifetime issued
    /// them all (a replay never crosses epochs), so the sequence orders them.
    static func inIDOrder(_ events: [PreparedEvent]) -> [PreparedEvent] {
        events.sorted { $0.id.sequence < $1.id.sequence }
    }
}
