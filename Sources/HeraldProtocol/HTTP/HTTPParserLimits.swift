/// Size limits of ``HTTPRequestParser``. Each is checked before the bytes it bounds are kept.
package struct HTTPParserLimits: Sendable, Hashable {
    /// Bytes of request line plus header lines, line breaks and the final empty line included
    /// (also the budget for chunked trailers, which count on top of the head). Exceeding it gives 431.
    /// Default 8 KiB: the common server default (nginx, Node); browsers' cookies and tokens fit well within.
    package var maxHeaderBytes: Int
    /// Number of header fields (trailer fields included). Exceeding it gives 431.
    /// Default 100: what real clients send is far below; it bounds per-request work and memory.
    package var maxHeaderCount: Int
    /// Bytes of request body after chunked decoding. Exceeding it gives 413, from `Content-Length`
    /// before any body byte is read, or from a chunk size before that chunk is read.
    /// Default 1 MiB: the largest body Herald accepts (a publish batch); routes apply smaller limits.
    package var maxBodyBytes: Int
    /// Bytes of one chunk-size line (hex size, extensions, line break). Exceeding it gives 400.
    /// Default 1 KiB: a size needs at most 16 hex digits; extensions are ignored and rarely sent.
    package var maxChunkSizeLineBytes: Int

    /// Limits with the documented defaults unless given.
    package init(
        maxHeaderBytes: Int = 8 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1024 * 1024,
        maxChunkSizeLineBytes: Int = 1024
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkSizeLineBytes = maxChunkSizeLineBytes
    }

    /// The defaults.
    package static let `default` = HTTPParserLimits()
}
