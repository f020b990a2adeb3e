package import Configuration

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

        http.maxHeaderBytes = try settings.int("http.max_header_bytes", default: http.maxHeaderBytes, in: 1024...1_048_576)
        http.maxHeaderCount = try settings.int("http.max_header_count", default: http.maxHeaderCount, in: 8...10_000)
        http.maxBodyBytes = try settings.int("http.max_body_bytes", default: http.maxBodyBytes, in: 0...1 << 30)
        http.headerTimeoutSeconds = try settings.seconds("http.header_timeout", default: http.headerTimeoutSeconds)
        http.keepAliveTimeoutSeconds = try settings.seconds("http.keepalive_timeout", default: http.keepAliveTimeoutSeconds)

        webSocket.maxMessageBytes = try settings.int("ws.max_message_bytes", default: webSocket.maxMessageBytes, in: 125...1 << 30)
        webSocket.pingIntervalSeconds = try settings.seconds("ws.ping_interval", default: webSocket.pingIntervalSeconds)
        webSocket.idleTimeoutSeconds = try settings.seconds("ws.idle_timeout", default: webSocket.idleTimeoutSeconds)
        webSocket.closeTimeoutSeconds = try settings.seconds("ws.close_timeout", default: webSocket.closeTimeoutSeconds)

        conformance.echo = try settings.bool("conformance.echo", default: conformance.echo)
        conformance.echoMaxMessageBytes = try settings.int(
            "conformance.echo_max_message_bytes", default: conformance.echoMaxMessageBytes, in: 125...1 << 30)

        staticRoot = try settings.string("static.root", default: staticRoot)
        staticMaxBytes = try settings.int("static.max_bytes", default: staticMaxBytes, in: 0...1 << 30)
        logLevel = try settings.string("log.level", default: logLevel)
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

    func seconds(_ key: String, default defaultValue: Double) throws(ConfigurationError) -> Double {
        let expected = "a number of seconds from 0.1 to 86400"
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
        guard value >= 0.1 && value <= 86_400 else { throw ConfigurationError(key: key, expected: expected) }
        return value
    }

    func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        if let value = reader.bool(forKey: ConfigKey(key)) { return value }
        if reader.string(forKey: ConfigKey(key)) != nil {
            throw ConfigurationError(key: key, expected: "true or false")
        }
        return defaultValue
    }

    func string(_ key: String, default defaultValue: String) throws(ConfigurationError) -> String {
        guard let value = reader.string(forKey: ConfigKey(key)) else { return defaultValue }
        guard !value.isEmpty else { throw ConfigurationError(key: key, expected: "a non-empty string") }
        return value
    }
}
