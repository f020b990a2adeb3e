import CHeraldZlib

/// The lifetime of one heap-allocated `z_stream`, shared by `Deflater` and `Inflater`.
///
/// zlib keeps pointers into the stream, so it must not move: it lives on the heap. `make`
/// hands it out only once zlib accepted it; callers store it only then, because a class whose
/// every property is set runs `deinit` when its init throws, and would end and free it twice.
enum ZStream {
    /// A stream set up by `initialize` (`deflateInit2`, `inflateInit2`, …).
    /// - Throws: `.initializationFailed` with zlib's status; nothing is left allocated then.
    static func make(
        _ initialize: (UnsafeMutablePointer<z_stream>) -> Int32
    ) throws(CompressionError) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = initialize(stream)
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .initializationFailed(status)
        }
        return stream
    }

    /// Ends the stream with `end` (`deflateEnd`, `inflateEnd`) and frees it.
    static func free(_ stream: UnsafeMutablePointer<z_stream>, end: (UnsafeMutablePointer<z_stream>) -> Int32) {
        _ = end(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
}
