/*
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1,
 * 30-second steps, 6 digits, as every authenticator app expects. Only the
 * algorithm and the secret's text form (RFC 4648 base32) live here; who
 * has which secret and which step was used last is auth_totp.c's job.
 * libsodium has no SHA-1, so SHA-1 and its HMAC are written out here and
 * tested against the RFC vectors (tests/unit/test_totp.c).
 */
#ifndef SV_TOTP_H
#define SV_TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_PERIOD		30
#define TOTP_DIGITS		6
#define TOTP_KEY_BYTES		20	/* 160 bits, RFC 4226's recommendation */
#define TOTP_BASE32_MAX		64	/* base32 text of up to 40 bytes + NUL */

/* SHA-1 of len bytes into out (20 bytes). */
void	totp_sha1(const void *data, size_t len, uint8_t out[20]);
/* HMAC-SHA1 (RFC 2104). */
void	totp_hmac_sha1(const uint8_t *key, size_t keylen, const void *msg,
	    size_t len, uint8_t out[20]);
/* HOTP value of counter with `digits` digits (6..8), as a number. */
uint32_t totp_hotp(const uint8_t *key, size_t keylen, uint64_t counter,
	    int digits);
/* The step of a Unix time: floor(t / TOTP_PERIOD). */
int64_t	totp_step(int64_t t);
/* The code of a step as TOTP_DIGITS decimal digits with leading zeros. */
void	totp_code(const uint8_t *key, size_t keylen, int64_t step,
	    char out[TOTP_DIGITS + 1]);
/*
 * Checks a code typed by the user against steps now-1, now and now+1
 * (clock drift) in constant time per step; a step not after `after` (the
 * last one used) does not count, so a code works once. Returns the
 * matching step, or -1.
 */
int64_t	totp_verify(const uint8_t *key, size_t keylen, const char *code,
	    int64_t now_step, int64_t after);

/* RFC 4648 base32 without padding; out needs ceil(8 * len / 5) + 1. */
void	totp_base32_encode(const uint8_t *in, size_t len, char *out,
	    size_t outlen);
/*
 * Decodes base32 (upper or lower case, '=' padding and spaces ignored);
 * returns the byte count or -1 on a bad character or overflow.
 */
int	totp_base32_decode(const char *in, uint8_t *out, size_t outlen);

#endif
