package import Configuration
import HeraldBroker

/// A setting that is present but not of the expected form.
package struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The dotted key, e.g. `listen.port`.
    package let key: String
    /// What was expected, e.g. `an integer from 0 to 65535`.
    package let expected: String

    package var description: String { "configuration key '\(key)': expected \(expected)" }
}

extension GatewayConfiguration {
    /// Reads every key from `reader` (which already layers flags, environment and file),
    /// falling back to the embedded defaults.
    package init(reading reader: ConfigReader) throws(ConfigurationError) {
        self.init()
        let settings = SettingsReader(reader: reader)
        listen.host = try settings.string("listen.host", default: listen.host)
        listen.port = try settings.int("listen.port", default: listen.port, in: 0...65535)
        listen.backlog = try settings.int("listen.backlog", default: listen.backlog, in: 1...65535)
        listen.maxConnections = try settings.int("listen.max_connections", default: 0, in: 0...10_000_000)
        loops = try settings.int("loops", default: loops, in: 0...256)
        tls.certificateFile = try settings.string("tls.cert", default: tls.certificateFile, allowEmpty: true)
        tls.privateKeyFile = try settings.string("tls.key", default: tls.privateKeyFile, allowEmpty: true)
        tls.port = try settings.int("tls.port", default: tls.port, in: 0...65535)
        if tls.certificateFile.isEmpty != tls.privateKeyFile.isEmpty {
            throw ConfigurationError(
                key: tls.certificateFile.isEmpty ? "tls.cert" : "tls.key",
                expected: "a PEM file path: tls.cert and tls.key are set together")
        }
        if tls.port != 0 && !tls.isEnabled {
            throw ConfigurationError(key: "tls.port", expected: "0 unless tls.cert and tls.key are set")
        }

        http.maxHeaderBytes = try settings.int(
            "http.max_header_bytes", default: http.maxHeaderBytes, in: 1024...1_048_576)
        http.maxHeaderCount = try settings.int("http.max_header_count", default: http.maxHeaderCount, in: 8...10_000)
        http.maxBodyBytes = try settings.int("http.max_body_bytes", default: http.maxBodyBytes, in: 0...1 << 30)
        http.headerTimeoutSeconds = try settings.seconds("http.header_timeout", default: http.headerTimeoutSeconds)
        http.keepAliveTimeoutSeconds = try settings.seconds(
            "http.keepalive_timeout", default: http.keepAliveTimeoutSeconds)

        webSocket.maxMessageBytes = try settings.int(
            "ws.max_message_bytes", default: webSocket.maxMessageBytes, in: 125...1 << 30)
        webSocket.pingIntervalSeconds = try settings.seconds("ws.ping_interval", default: webSocket.pingIntervalSeconds)
        webSocket.idleTimeoutSeconds = try settings.seconds("ws.idle_timeout", default: webSocket.idleTimeoutSeconds)
        webSocket.closeTimeoutSeconds = try settings.seconds("ws.close_timeout", default: webSocket.closeTimeoutSeconds)

        webSocket.allowPublish = try settings.bool("ws.allow_publish", default: webSocket.allowPublish)
        webSocket.maxSubscriptions = try settings.int(
            "ws.max_subscriptions", default: webSocket.maxSubscriptions, in: 1...100_000)
        webSocket.compression = try settings.bool("ws.compression", default: webSocket.compression)
        webSocket.compressionLevel = try settings.int(
            "ws.compression_level", default: webSocket.compressionLevel, in: 0...9)
        webSocket.compressionMinBytes = try settings.int(
            "ws.compression_min_bytes", default: webSocket.compressionMinBytes, in: 0...1 << 30)
        webSocket.compressionMemoryLevel = try settings.int(
            "ws.compression_memory_level", default: webSocket.compressionMemoryLevel, in: 1...9)

        outbound.maxBytes = try settings.int("outbound.max_bytes", default: outbound.maxBytes, in: 4096...1 << 30)
        outbound.socketSendBufferBytes = try settings.int(
            "outbound.socket_send_buffer", default: outbound.socketSendBufferBytes, in: 0...1 << 30)
        outbound.writeTimeoutSeconds = try settings.seconds(
            "outbound.write_timeout", default: outbound.writeTimeoutSeconds)
        outbound.tcpNoDelay = try settings.bool("outbound.tcp_nodelay", default: outbound.tcpNoDelay)
        outbound.writeDelaySeconds = try settings.seconds(
            "outbound.write_delay", default: outbound.writeDelaySeconds, in: 0...1)
        let policyText = try settings.string("outbound.policy", default: outbound.policy.rawValue)
        guard let policy = SlowConsumerPolicy(rawValue: policyText) else {
            throw ConfigurationError(key: "outbound.policy", expected: SlowConsumerPolicy.expectedForm)
        }
        outbound.policy = policy
        outbound.policyOverrides = try settings.stringArray("outbound.policy_overrides", default: []).map {
            (entry) throws(ConfigurationError) -> PolicyOverride in
            guard let parsed = PolicyOverride(parsing: entry) else {
                throw ConfigurationError(
                    key: "outbound.policy_overrides",
                    expected: "entries of the form pattern=policy, e.g. metrics.>=drop_oldest, with policy "
                        + SlowConsumerPolicy.expectedForm)
            }
            return parsed
        }

        history.maxEventsPerTopic = try settings.int(
            "history.max_events_per_topic", default: history.maxEventsPerTopic, in: 0...10_000_000)
        history.maxBytesPerTopic = try settings.int(
            "history.max_bytes_per_topic", default: history.maxBytesPerTopic, in: 0...1 << 40)
        history.maxBytesTotal = try settings.int(
            "history.max_bytes_total", default: history.maxBytesTotal, in: 0...1 << 40)
        history.maxAgeSeconds = try settings.seconds("history.max_age", default: history.maxAgeSeconds)

        publish.maxBodyBytes = try settings.int(
            "publish.max_body_bytes", default: publish.maxBodyBytes, in: 1...1 << 30)
        publish.maxBatch = try settings.int("publish.max_batch", default: publish.maxBatch, in: 1...1_000_000)
        publish.idempotencyWindowSeconds = try settings.seconds(
            "publish.idempotency_window", default: publish.idempotencyWindowSeconds)
        publish.idempotencyMaxKeys = try settings.int(
            "publish.idempotency_max_keys", default: publish.idempotencyMaxKeys, in: 0...10_000_000)
        publish.keys = try settings.stringArray("publish.keys", default: publish.keys)

        sse.heartbeatIntervalSeconds = try settings.seconds(
            "sse.heartbeat_interval", default: sse.heartbeatIntervalSeconds)
        sse.retrySeconds = try settings.seconds("sse.retry", default: sse.retrySeconds)
        nodeName = try settings.string("node.name", default: nodeName, allowEmpty: true)
        shutdownGraceSeconds = try settings.seconds("shutdown.grace", default: shutdownGraceSeconds)

        conformance.echo = try settings.bool("conformance.echo", default: conformance.echo)
        conformance.echoMaxMessageBytes = try settings.int(
            "conformance.echo_max_message_bytes", default: conformance.echoMaxMessageBytes, in: 125...1 << 30)

        staticRoot = try settings.string("static.root", default: staticRoot)
        staticMaxBytes = try settings.int("static.max_bytes", default: staticMaxBytes, in: 0...1 << 30)
        logLevel = try settings.string("log.level", default: logLevel)
        logFormat = try settings.string("log.format", default: logFormat)
        guard ["text", "json"].contains(logFormat) else {
            throw ConfigurationError(key: "log.format", expected: "text or json")
        }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        guard levels.contains(logLevel) else {
            throw ConfigurationError(key: "log.level", expected: "one of \(levels.joined(separator: ", "))")
        }
    }
}

/// Typed reads that fail loudly on a present-but-malformed value, where a bare
/// `ConfigReader` would silently fall back to the default.
struct SettingsReader {
    let reader: ConfigReader

    func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let expected = "an integer from \(range.lowerBound) to \(range.upperBound)"
        if let value = reader.int(forKey: ConfigKey(key)) {
            guard range.contains(value) else { throw ConfigurationError(key: key, expected: expected) }
            return value
        }
        if reader.string(forKey: ConfigKey(key)) != nil { throw ConfigurationError(key: key, expected: expected) }
        return defaultValue
    }

    func seconds(
        _ key: String, default defaultValue: Double, in range: ClosedRange<Double> = 0.1...86_400
    ) throws(ConfigurationError) -> Double {
        let expected = "a number of seconds from \(range.lowerBound.formatted) to \(range.upperBound.formatted)"
        let value: Double
        if let number = reader.double(forKey: ConfigKey(key)) {
            value = number
        } else if let whole = reader.int(forKey: ConfigKey(key)) {
            value = Double(whole)
        } else if reader.string(forKey: ConfigKey(key)) != nil {
            throw ConfigurationError(key: key, expected: expected)
        } else {
            return defaultValue
        }
        guard range.contains(value) else { throw ConfigurationError(key: key, expected: expected) }
        return value
    }

    func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        if let value = reader.bool(forKey: ConfigKey(key)) { return value }
        if reader.string(forKey: ConfigKey(key)) != nil {
            throw ConfigurationError(key: key, expected: "true or false")
        }
        return defaultValue
    }

    func string(_ key: String, default defaultValue: String, allowEmpty: Bool = false) throws(ConfigurationError)
        -> String
    {
        guard let value = reader.string(forKey: ConfigKey(key)) else { return defaultValue }
        guard allowEmpty || !value.isEmpty else { throw ConfigurationError(key: key, expected: "a non-empty string") }
        return value
    }

    func stringArray(_ key: String, default defaultValue: [String]) throws(ConfigurationError) -> [String] {
        if let values = reader.stringArray(forKey: ConfigKey(key)) {
            guard values.allSatisfy({ !$0.isEmpty }) else {
                throw ConfigurationError(key: key, expected: "a list of non-empty strings")
            }
            return values
        }
        if reader.string(forKey: ConfigKey(key)) != nil {
            throw ConfigurationError(key: key, expected: "a list of strings")
        }
        return defaultValue
    }
}

extension GatewayConfiguration {
    /// The broker's limits from `history.*` and `publish.idempotency_*`.
    var brokerConfiguration: BrokerConfiguration {
        var broker = BrokerConfiguration()
        broker.history.maxEventsPerTopic = history.maxEventsPerTopic
        broker.history.maxBytesPerTopic = history.maxBytesPerTopic
        broker.history.maxBytesInAll = history.maxBytesTotal
        broker.history.maxAgeMillis = UInt64(history.maxAgeSeconds * 1000)
        broker.idempotency.windowMillis = UInt64(publish.idempotencyWindowSeconds * 1000)
        broker.idempotency.maxKeysPerTopic = publish.idempotencyMaxKeys
        return broker
    }
}

extension GatewayConfiguration {
    /// The effective settings as `key: value` lines, sorted (for `herald config check`).
    package var effectiveSettings: [(key: String, value: String)] {
        let overrides = outbound.policyOverrides.map { "\($0.pattern.text)=\($0.policy.rawValue)" }
        let pairs: [(String, String)] = [
            ("listen.host", listen.host), ("listen.port", "\(listen.port)"), ("listen.backlog", "\(listen.backlog)"),
            ("listen.max_connections", "\(listen.maxConnections)"), ("loops", "\(loops)"),
            ("tls.cert", tls.certificateFile), ("tls.key", tls.privateKeyFile), ("tls.port", "\(tls.port)"),
            ("http.max_header_bytes", "\(http.maxHeaderBytes)"), ("http.max_header_count", "\(http.maxHeaderCount)"),
            ("http.max_body_bytes", "\(http.maxBodyBytes)"), ("http.header_timeout", "\(http.headerTimeoutSeconds)"),
            ("http.keepalive_timeout", "\(http.keepAliveTimeoutSeconds)"),
            ("ws.max_message_bytes", "\(webSocket.maxMessageBytes)"),
            ("ws.ping_interval", "\(webSocket.pingIntervalSeconds)"),
            ("ws.idle_timeout", "\(webSocket.idleTimeoutSeconds)"),
            ("ws.close_timeout", "\(webSocket.closeTimeoutSeconds)"),
            ("ws.allow_publish", "\(webSocket.allowPublish)"),
            ("ws.max_subscriptions", "\(webSocket.maxSubscriptions)"),
            ("ws.compression", "\(webSocket.compression)"), ("ws.compression_level", "\(webSocket.compressionLevel)"),
            ("ws.compression_min_bytes", "\(webSocket.compressionMinBytes)"),
            ("ws.compression_memory_level", "\(webSocket.compressionMemoryLevel)"),
            ("outbound.max_bytes", "\(outbound.maxBytes)"), ("outbound.policy", outbound.policy.rawValue),
            ("outbound.policy_overrides", "[\(overrides.joined(separator: ", "))]"),
            ("outbound.write_timeout", "\(outbound.writeTimeoutSeconds)"),
            ("outbound.socket_send_buffer", "\(outbound.socketSendBufferBytes)"),
            ("outbound.tcp_nodelay", "\(outbound.tcpNoDelay)"),
            ("outbound.write_delay", "\(outbound.writeDelaySeconds)"),
            ("history.max_events_per_topic", "\(history.maxEventsPerTopic)"),
            ("history.max_bytes_per_topic", "\(history.maxBytesPerTopic)"),
            ("history.max_bytes_total", "\(history.maxBytesTotal)"), ("history.max_age", "\(history.maxAgeSeconds)"),
            ("publish.max_body_bytes", "\(publish.maxBodyBytes)"), ("publish.max_batch", "\(publish.maxBatch)"),
            ("publish.idempotency_window", "\(publish.idempotencyWindowSeconds)"),
            ("publish.idempotency_max_keys", "\(publish.idempotencyMaxKeys)"),
            ("publish.keys", publish.keys.isEmpty ? "[]" : "[\(publish.keys.count) keys, redacted]"),
            ("sse.heartbeat_interval", "\(sse.heartbeatIntervalSeconds)"), ("sse.retry", "\(sse.retrySeconds)"),
            ("shutdown.grace", "\(shutdownGraceSeconds)"), ("node.name", nodeName),
            ("conformance.echo", "\(conformance.echo)"),
            ("conformance.echo_max_message_bytes", "\(conformance.echoMaxMessageBytes)"),
            ("static.root", staticRoot), ("static.max_bytes", "\(staticMaxBytes)"),
            ("log.level", logLevel), ("log.format", logFormat),
        ]
        return pairs.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) }
    }
}

extension Double {
    /// `0.1`, `86400`, `0`: the shortest form, for messages.
    fileprivate var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
