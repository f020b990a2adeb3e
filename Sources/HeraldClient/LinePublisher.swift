import HeraldProtocol
package import HeraldTLS

/// `herald publish TOPIC -`: every input line is the data of one event on one
/// topic, sent in batches through `POST /publish`. A line that parses as JSON
/// is embedded as JSON, any other line as a JSON string (as `curl -d` would).
package struct LinePublisher: Sendable {
    /// The most items in one batch: the server's default `publish.max_batch`.
    package static let maxItemsPerBatch = 1_000
    /// The most body bytes in one batch: under the server's default 1 MiB batch limit.
    package static let maxBatchBytes = 960 * 1024

    /// The gateway's base URL.
    package var server: EndpointURL
    /// Which servers an `https://` gateway may be.
    package var tlsTrust: TLSContext.ClientTrust = .systemStore
    /// The topic every line is published on.
    package var topic: String
    /// `event_type` for every item.
    package var eventType: String?
    /// With a key K, line N (from 0) carries the idempotency key `K-N`, so a
    /// repeated run is not delivered twice.
    package var idempotencyKey: String?
    /// `Authorization: Bearer KEY`, when publisher keys are configured.
    package var publisherKey: String?

    /// A publisher of lines on `topic` at `server`.
    package init(server: EndpointURL, topic: String) {
        self.server = server
        self.topic = topic
    }

    /// One batch item for `line`, which is input line number `index`.
    package func item(line: Substring, index: Int) -> [UInt8] {
        var out: [UInt8] = []
        out += #"{"topic":"#.utf8
        JSONEncoding.appendString(topic, to: &out)
        out += #","data":"#.utf8
        let bytes = Array(line.utf8)
        if (try? JSONValidator.validate(bytes)) != nil {
            out += bytes
        } else {
            JSONEncoding.appendString(String(line), to: &out)
        }
        if let eventType {
            out += #","event_type":"#.utf8
            JSONEncoding.appendString(eventType, to: &out)
        }
        if let idempotencyKey {
            out += #","idempotency_key":"#.utf8
            JSONEncoding.appendString("\(idempotencyKey)-\(index)", to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Splits `lines` (empty lines skipped) into batch bodies: JSON arrays of
    /// at most `maxItemsPerBatch` items and about `maxBatchBytes` bytes.
    package func batches(_ lines: some Sequence<Substring>) -> [[UInt8]] {
        var batches: [[UInt8]] = []
        forEachBatch(lines.lazy.map { .line($0) }) { batches.append($0) }
        return batches
    }

    /// Calls `send` with each batch body as soon as it is full, at each pause
    /// in the input (`.idle`) and at its end, consuming `inputs` lazily: a
    /// slow input is published as it comes.
    package func forEachBatch<Failure: Error>(
        _ inputs: some Sequence<LineReader.Input>, _ send: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        var body: [UInt8] = [UInt8(ascii: "[")]
        var items = 0
        var index = 0
        for input in inputs {
            guard case .line(let line) = input else {
                if items > 0 { try send(body + [UInt8(ascii: "]")]) }
                body = [UInt8(ascii: "[")]
                items = 0
                continue
            }
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            guard !trimmed.isEmpty else { continue }
            let item = item(line: trimmed, index: index)
            index += 1
            if items > 0 && (items == Self.maxItemsPerBatch || body.count + item.count + 2 > Self.maxBatchBytes) {
                try send(body + [UInt8(ascii: "]")])
                body = [UInt8(ascii: "[")]
                items = 0
            }
            if items > 0 { body.append(UInt8(ascii: ",")) }
            body += item
            items += 1
        }
        if items > 0 { try send(body + [UInt8(ascii: "]")]) }
    }

    /// Publishes `lines` batch by batch, calling `printID` with each event id in order.
    /// - Throws: as `publish(inputs:printID:)`.
    package func publish(_ lines: some Sequence<Substring>, printID: (String) -> Void) throws(ClientError) {
        try publish(inputs: lines.lazy.map { .line($0) }, printID: printID)
    }

    /// Publishes what `inputs` gives (a `LineReader`, typically), a batch at a
    /// time, calling `printID` with each event id in order.
    /// - Throws: `.refused` with the server's error (nothing of that batch
    ///   was published; earlier batches were), or a connection error.
    package func publish(
        inputs: some Sequence<LineReader.Input>, printID: (String) -> Void
    ) throws(ClientError) {
        var headers = [("Content-Type", "application/json")]
        if let publisherKey { headers.append(("Authorization", "Bearer \(publisherKey)")) }
        let prefix = server.target.hasSuffix("/") ? String(server.target.dropLast()) : server.target
        try forEachBatch(inputs) { (body: [UInt8]) throws(ClientError) in
            let response = try OneShotHTTPClient.request(
                method: "POST", url: server, target: prefix + "/publish", headers: headers, body: body,
                trust: tlsTrust)
            guard response.status == 200 else {
                throw WatchSocket.refusal(status: response.status, body: response.body)
            }
            guard let results = (try? JSONDocument.parse(response.body))?["results"]?.arrayValue else {
                throw .badHTTPResponse("no results in \(String(decoding: response.body.prefix(200), as: UTF8.self))")
            }
            for result in results { printID(result["id"]?.stringValue ?? result.rawText) }
        }
    }
}
