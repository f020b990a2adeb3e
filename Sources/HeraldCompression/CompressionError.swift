/// Why compressing or inflating failed.
package enum CompressionError: Error, Sendable, Equatable {
    /// zlib refused the parameters or had no memory (its return code).
    case initializationFailed(Int32)
    /// The input is not a valid raw DEFLATE stream (RFC 7692: fail the connection).
    case corruptData
    /// Inflating would produce more than the allowed `maxSize` bytes.
    case tooLarge
}
