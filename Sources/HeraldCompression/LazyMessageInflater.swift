package import HeraldProtocol

/// `Inflater` behind `WebSocketReader`'s hook, created on first use so a peer
/// that never compresses costs nothing (a zlib stream with its 32 KiB window
/// is allocated only when the first compressed message arrives).
package final class LazyMessageInflater: WebSocketMessageInflater {
    private let noContextTakeover: Bool
    private var inflater: Inflater?

    /// `noContextTakeover`: the peer resets its compressor after every message.
    package init(noContextTakeover: Bool) {
        self.noContextTakeover = noContextTakeover
    }

    package func inflate(_ payload: [UInt8], isFinal: Bool, maxBytes: Int) throws(WebSocketProtocolError) -> [UInt8] {
        do throws(CompressionError) {
            if let inflater { return try inflater.inflate(payload, isFinal: isFinal, maxSize: maxBytes) }
            let inflater = try Inflater(noContextTakeover: noContextTakeover)
            self.inflater = inflater
            return try inflater.inflate(payload, isFinal: isFinal, maxSize: maxBytes)
        } catch .tooLarge {
            throw .messageTooBig
        } catch {
            throw .invalidCompressedData
        }
    }
}
