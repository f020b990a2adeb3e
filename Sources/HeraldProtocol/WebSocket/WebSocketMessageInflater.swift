/// Undoes a compression extension (permessage-deflate, RFC 7692) between
/// frame decoding and message assembly; `WebSocketReader` calls it for every
/// data frame of a message whose first frame had RSV1 set. The gateway
/// implements it with `HeraldCompression.Inflater`: this target stays pure.
package protocol WebSocketMessageInflater: AnyObject {
    /// The uncompressed bytes of one frame of a compressed message.
    ///
    /// - Parameters:
    ///   - payload: the frame's payload as received.
    ///   - isFinal: `true` for the message's last frame.
    ///   - maxBytes: the most bytes it may inflate to (the rest of the message's budget).
    /// - Throws: `.messageTooBig` past `maxBytes` (before allocating past it),
    ///   `.invalidCompressedData` for a broken stream.
    func inflate(_ payload: [UInt8], isFinal: Bool, maxBytes: Int) throws(WebSocketProtocolError) -> [UInt8]
}
