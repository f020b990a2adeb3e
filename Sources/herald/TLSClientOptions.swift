import ArgumentParser
import HeraldTLS

/// How the client side of every command trusts `https://` and `wss://` servers (as curl does).
struct TLSClientOptions: ParsableArguments {
    @Option(help: "https:// and wss://: trust only the PEM CA certificates in this file (default: the system's).")
    var cacert: String?

    @Flag(name: [.customShort("k"), .long], help: "https:// and wss://: do not verify the server's certificate.")
    var insecure = false

    /// The trust these flags ask for.
    var trust: TLSContext.ClientTrust {
        if insecure { return .nobody }
        if let cacert { return .certificatesIn(cacert) }
        return .systemStore
    }
}
