/* dcd_sha256.h - SHA-256 (FIPS 180-4), for the input checksum recorded in
 * every saved scenario.yaml and results.json. */
#ifndef DCD_SHA256_H
#define DCD_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct dcd_sha256 {
    uint32_t h[8];
    uint64_t bits;
    unsigned char block[64];
    size_t fill;
} dcd_sha256;

/* Starts a digest. */
void dcd_sha256_init(dcd_sha256 *c);
/* Adds LEN bytes. */
void dcd_sha256_update(dcd_sha256 *c, const void *data, size_t len);
/* Finishes the digest and writes 64 lowercase hex digits and a NUL to HEX. */
void dcd_sha256_hex(dcd_sha256 *c, char hex[65]);

#endif
