package import Configuration
import Foundation
import Yams

/// Builds the gateway's configuration from, highest first: command-line flags,
/// `HERALD_*` environment variables, a YAML file, and the embedded defaults.
/// An unknown key (in the file or as a `HERALD_` variable) or a malformed value
/// is an error naming the key, never a silent fallback.
package enum ConfigurationLoader {
    /// Every key Herald reads. `config/herald.yaml` documents each.
    package static let knownKeys: Set<String> = [
        "listen.host", "listen.port", "listen.backlog", "listen.max_connections", "loops",
        "tls.cert", "tls.key", "tls.port",
        "http.max_header_bytes", "http.max_header_count", "http.max_body_bytes", "http.header_timeout",
        "http.keepalive_timeout",
        "ws.max_message_bytes", "ws.ping_interval", "ws.idle_timeout", "ws.close_timeout", "ws.allow_publish",
        "ws.max_subscriptions", "ws.compression", "ws.compression_level", "ws.compression_min_bytes",
        "ws.compression_memory_level",
        "outbound.max_bytes", "outbound.policy", "outbound.policy_overrides", "outbound.write_timeout",
        "outbound.socket_send_buffer", "outbound.tcp_nodelay", "outbound.write_delay",
        "history.max_events_per_topic", "history.max_bytes_per_topic", "history.max_bytes_total", "history.max_age",
        "publish.max_body_bytes", "publish.max_batch", "publish.idempotency_window", "publish.idempotency_max_keys",
        "publish.keys",
        "sse.heartbeat_interval", "sse.retry", "shutdown.grace", "node.name",
        "conformance.echo", "conformance.echo_max_message_bytes", "static.root", "static.max_bytes",
        "log.level", "log.format",
    ]

    /// Loads and validates. `flags` are keys already mapped from command-line options;
    /// `environment` is the whole process environment (only `HERALD_*` is read).
    package static func load(
        flags: [String: ConfigContent], environment: [String: String], filePath: String?
    ) async throws(ConfigurationError) -> GatewayConfiguration {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, content) in flags {
            values[AbsoluteConfigKey(ConfigKey(key))] = ConfigValue(content, isSecret: false)
        }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: values),
            EnvironmentVariablesProvider(environmentVariables: try heraldEnvironment(environment)),
        ]
        if let filePath {
            let text: String
            do {
                text = try String(contentsOfFile: filePath, encoding: .utf8)
            } catch {
                throw ConfigurationError(
                    key: "--config", expected: "a readable YAML file (\(filePath): \(error.localizedDescription))")
            }
            try checkKeys(ofYAML: text)
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: .init(filePath)))
            } catch {
                throw ConfigurationError(key: "--config", expected: "valid YAML (\(error))")
            }
        }
        return try GatewayConfiguration(reading: ConfigReader(providers: providers))
    }

    /// `HERALD_LISTEN_PORT=9000` becomes `LISTEN_PORT` (read as `listen.port`). A `HERALD_`
    /// variable in a settings section (`HERALD_LISTEN_…`, `HERALD_WS_…`) that names no key is an
    /// error, so a typo is not silently ignored; other `HERALD_` variables (`HERALD_URL` for the
    /// client, tooling's own) are none of the server's business.
    static func heraldEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> [String: String] {
        let variables = Dictionary(
            uniqueKeysWithValues: knownKeys.map {
                ($0.replacingOccurrences(of: ".", with: "_").uppercased(), $0)
            })
        let sections = Set(knownKeys.map { $0.split(separator: ".")[0].uppercased() })
        var mapped: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix("HERALD_") {
            let stripped = String(name.dropFirst("HERALD_".count))
            let section = String(stripped.split(separator: "_", maxSplits: 1).first ?? "")
            guard sections.contains(section) else { continue }
            guard variables[stripped] != nil else {
                throw ConfigurationError(
                    key: name, expected: "a HERALD_ variable naming a known key (see config/herald.yaml)")
            }
            mapped[stripped] = value
        }
        return mapped
    }

    /// Every leaf key of the YAML document must be a known key.
    static func checkKeys(ofYAML text: String) throws(ConfigurationError) {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw ConfigurationError(key: "--config", expected: "valid YAML (\(error))")
        }
        guard let document else { return }
        guard let root = document as? [String: Any] else {
            throw ConfigurationError(key: "--config", expected: "a YAML mapping of settings")
        }
        for key in leafKeys(of: root, prefix: "") where !knownKeys.contains(key) {
            throw ConfigurationError(key: key, expected: "a known key (this one is not; see config/herald.yaml)")
        }
    }

    private static func leafKeys(of mapping: [String: Any], prefix: String) -> [String] {
        mapping.sorted { $0.key < $1.key }.flatMap { key, value -> [String] in
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            if let nested = value as? [String: Any], !knownKeys.contains(path) {
                return leafKeys(of: nested, prefix: path)
            }
            return [path]
        }
    }
}
