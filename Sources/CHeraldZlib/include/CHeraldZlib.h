// zlib for permessage-deflate (RFC 7692). deflateInit2 and inflateInit2 are
// macros, so they are wrapped as functions here.
#ifndef C_HERALD_ZLIB_H
#define C_HERALD_ZLIB_H

#include <zlib.h>

static inline int herald_deflateInit2(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}
/// As herald_deflateInit2 with Z_HUFFMAN_ONLY: no back-references at all, so the
/// output suits any window size (used for a peer's 8-bit window, which zlib's
/// raw deflate does not support).
static inline int herald_deflateInit2HuffmanOnly(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_HUFFMAN_ONLY);
}
static inline int herald_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
