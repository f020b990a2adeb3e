import HeraldCompression
import HeraldProtocol

/// One connection's permessage-deflate (RFC 7692), as negotiated at upgrade.
///
/// Outbound messages are compressed alone (Herald always answers
/// `server_no_context_takeover`) by the gateway's shared `DeflaterPool`, so
/// the connection holds no compressor; inbound ones are inflated by a
/// per-connection `Inflater`, created on the first compressed message.
struct WebSocketCompression {
    /// What was agreed.
    let agreement: PerMessageDeflateAgreement
    /// The shared compressors.
    let deflaters: DeflaterPool
    /// Messages under this many bytes go uncompressed.
    let minBytes: Int

    /// The agreement for `offers`, or `nil` when compression is off or every offer is declined.
    init?(offers: [WebSocketExtensionOffer], services: GatewayServices) {
        let settings = services.configuration.webSocket
        guard settings.compression, let agreement = PerMessageDeflateAgreement.negotiate(offers: offers) else {
            return nil
        }
        self.agreement = agreement
        deflaters = services.deflaters
        minBytes = settings.compressionMinBytes
    }

    /// The window outbound messages are compressed with.
    var windowBits: Int { agreement.serverWindowBits }

    /// `payload` compressed for an RSV1 frame, or `nil` to send it as it is
    /// (under `minBytes`, or not smaller compressed).
    func compress(_ payload: UnsafeRawBufferPointer) -> [UInt8]? {
        Self.compress(payload, windowBits: windowBits, minBytes: minBytes, deflaters: deflaters)
    }

    /// `payload` compressed alone with a `windowBits` window, or `nil` when it
    /// is under `minBytes` or would not get smaller.
    static func compress(
        _ payload: UnsafeRawBufferPointer, windowBits: Int, minBytes: Int, deflaters: DeflaterPool
    ) -> [UInt8]? {
        guard payload.count >= minBytes, let compressed = deflaters.compress(payload, windowBits: windowBits),
            compressed.count < payload.count
        else { return nil }
        return compressed
    }

    /// The inflater for this connection's reader.
    func makeInflater() -> any WebSocketMessageInflater {
        LazyMessageInflater(noContextTakeover: agreement.clientNoContextTakeover)
    }
}
