// OpenSSL (libssl, libcrypto) for Herald: SHA-1 for the WebSocket handshake
// and TLS. Macros that Swift cannot import are wrapped as functions here.
#ifndef C_HERALD_OPENSSL_H
#define C_HERALD_OPENSSL_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/evp.h>
#include <openssl/bio.h>

static inline long herald_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long herald_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}
static inline long herald_BIO_get_mem_pending(BIO *bio) {
    return BIO_ctrl_pending(bio);
}
static inline long herald_BIO_set_mem_eof_return(BIO *bio, int value) {
    return BIO_set_mem_eof_return(bio, value);
}
static const int herald_TLS1_2_VERSION = TLS1_2_VERSION;

#endif
