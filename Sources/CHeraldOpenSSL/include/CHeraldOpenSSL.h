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
static inline long herald_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_max_proto_version(ctx, version);
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
static inline long herald_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}
static const int herald_TLS1_1_VERSION = TLS1_1_VERSION;
static const int herald_TLS1_2_VERSION = TLS1_2_VERSION;
static const long herald_SSL_MODE_RELEASE_BUFFERS = SSL_MODE_RELEASE_BUFFERS;
static const long herald_SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER = SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER;
static const uint64_t herald_SSL_OP_NO_RENEGOTIATION = SSL_OP_NO_RENEGOTIATION;
static const uint64_t herald_SSL_OP_CIPHER_SERVER_PREFERENCE = SSL_OP_CIPHER_SERVER_PREFERENCE;
static const uint64_t herald_SSL_OP_NO_COMPRESSION = SSL_OP_NO_COMPRESSION;

/// Makes `ctx` (a server context) select ALPN "http/1.1" when the client offers
/// it; a client offering only other protocols gets no ALPN (not a failure), as
/// curl and browsers then still speak HTTP/1.1.
void herald_SSL_CTX_select_http11_alpn(SSL_CTX *ctx);

#endif
