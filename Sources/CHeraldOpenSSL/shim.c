#include "CHeraldOpenSSL.h"

static const unsigned char herald_http11_protocols[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};

static int herald_alpn_select(
    SSL *ssl, const unsigned char **out, unsigned char *outlen,
    const unsigned char *in, unsigned int inlen, void *arg) {
    (void)ssl;
    (void)arg;
    unsigned char *selected = NULL;
    unsigned char selectedLength = 0;
    int result = SSL_select_next_proto(
        &selected, &selectedLength, herald_http11_protocols, sizeof(herald_http11_protocols), in, inlen);
    if (result != OPENSSL_NPN_NEGOTIATED) return SSL_TLSEXT_ERR_NOACK;
    *out = selected;
    *outlen = selectedLength;
    return SSL_TLSEXT_ERR_OK;
}

void herald_SSL_CTX_select_http11_alpn(SSL_CTX *ctx) {
    SSL_CTX_set_alpn_select_cb(ctx, herald_alpn_select, NULL);
}
