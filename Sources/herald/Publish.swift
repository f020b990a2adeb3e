import ArgumentParser
import Foundation
import HeraldClient

/// `herald publish TOPIC [DATA | @FILE | -]`: one event over HTTP, or one per stdin line.
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish one event.",
        discussion: """
            DATA is sent as the body with no Content-Type, so Herald embeds it as JSON when it \
            parses as JSON and as a string otherwise (as with curl -d). @FILE sends a file's bytes. \
            - sends one event per stdin line (JSON if the line parses, else a string) in batches of \
            up to 1,000 through POST /publish, sending what it has whenever stdin pauses; with \
            --idempotency-key K, line N gets the key K-N. \
            Prints the event ids, one per line; on failure prints the server's error and exits non-zero.
            """
    )

    @Argument(help: "The topic, e.g. orders.created.")
    var topic: String

    @Argument(help: "The payload, @FILE to send a file's contents, or - for one event per stdin line.")
    var data: String

    @Option(help: "The gateway's base URL (or HERALD_URL).")
    var url: String = ProcessInfo.processInfo.environment["HERALD_URL"] ?? "http://127.0.0.1:8080"

    @Option(help: "A publisher key, sent as Authorization: Bearer KEY.")
    var key: String?

    @Option(name: .customLong("type"), help: "The event type (Event-Type header).")
    var eventType: String?

    @Option(help: "An Idempotency-Key: a repeat within the window is not delivered again.")
    var idempotencyKey: String?

    @OptionGroup var tls: TLSClientOptions

    func run() throws {
        let endpoint: EndpointURL
        do {
            endpoint = try WatchSettings.parseBaseURL(url)
        } catch {
            throw ValidationError("bad --url \(url): \(error)")
        }
        if data == "-" { return try publishLines(to: endpoint) }
        let body: [UInt8]
        if data.hasPrefix("@") {
            guard let contents = FileManager.default.contents(atPath: String(data.dropFirst())) else {
                throw ValidationError("cannot read \(data.dropFirst())")
            }
            body = Array(contents)
        } else {
            body = Array(data.utf8)
        }
        var headers: [(String, String)] = []
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        if let eventType { headers.append(("Event-Type", eventType)) }
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        let encodedTopic = topic.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? topic
        let response = try OneShotHTTPClient.request(
            method: "POST", url: endpoint, target: "/publish/\(encodedTopic)", headers: headers, body: body,
            trust: tls.trust)
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200 else {
            FileHandle.standardError.write(Data("herald publish: \(response.status) \(text)\n".utf8))
            throw ExitCode.failure
        }
        let result = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        print(result?["id"] as? String ?? text)
    }

    /// `-`: stdin, one event per line, in batches.
    private func publishLines(to endpoint: EndpointURL) throws {
        var publisher = LinePublisher(server: endpoint, topic: topic)
        publisher.eventType = eventType
        publisher.idempotencyKey = idempotencyKey
        publisher.publisherKey = key
        publisher.tlsTrust = tls.trust
        do {
            // One write per id, unbuffered: a slow input's ids show as they come.
            try publisher.publish(inputs: LineReader(descriptor: STDIN_FILENO)) { id in
                FileHandle.standardOutput.write(Data((id + "\n").utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("herald publish: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
