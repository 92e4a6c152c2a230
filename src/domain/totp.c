/*
 * RFC 6238 TOTP: SHA-1 (FIPS 180-4), HMAC (RFC 2104), HOTP dynamic
 * truncation (RFC 4226 section 5.3) and base32 (RFC 4648 section 6).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/mem.h"
#include "domain/totp.h"

static uint32_t
rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void
sha1_block(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void
totp_sha1(const void *data, size_t len, uint8_t out[20])
{
	uint32_t h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
	    0xc3d2e1f0 };
	const uint8_t *p = data;
	uint8_t last[128];
	uint64_t bits = (uint64_t)len * 8;
	size_t rest, n, i;

	for (; len >= 64; len -= 64, p += 64)
		sha1_block(h, p);
	/* The tail, 0x80, zeros and the bit length fill one or two blocks. */
	rest = len;
	memset(last, 0, sizeof(last));
	if (rest)
		memcpy(last, p, rest);
	last[rest] = 0x80;
	n = rest + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		last[n - 1 - i] = (uint8_t)(bits >> (8 * i));
	sha1_block(h, last);
	if (n == 128)
		sha1_block(h, last + 64);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (uint8_t)(h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(h[i] >> 8);
		out[4 * i + 3] = (uint8_t)h[i];
	}
	sodium_memzero(last, sizeof(last));
}

void
totp_hmac_sha1(const uint8_t *key, size_t keylen, const void *msg,
    size_t len, uint8_t out[20])
{
	uint8_t k[64], inner[64 + 20], *buf;
	size_t i;

	memset(k, 0, sizeof(k));
	if (keylen > 64)
		totp_sha1(key, keylen, k);
	else if (keylen)
		memcpy(k, key, keylen);
	/* inner = SHA1((K ^ ipad) || msg), outer = SHA1((K ^ opad) || inner) */
	buf = sv_malloc(64 + len);
	for (i = 0; i < 64; i++)
		buf[i] = k[i] ^ 0x36;
	if (len)
		memcpy(buf + 64, msg, len);
	totp_sha1(buf, 64 + len, inner + 64);
	sodium_memzero(buf, 64);
	free(buf);
	for (i = 0; i < 64; i++)
		inner[i] = k[i] ^ 0x5c;
	totp_sha1(inner, sizeof(inner), out);
	sodium_memzero(k, sizeof(k));
	sodium_memzero(inner, sizeof(inner));
}

uint32_t
totp_hotp(const uint8_t *key, size_t keylen, uint64_t counter, int digits)
{
	static const uint32_t pow10[] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000 };
	uint8_t msg[8], mac[20];
	uint32_t bin;
	int i, off;

	if (digits < 6 || digits > 8)
		digits = TOTP_DIGITS;
	for (i = 0; i < 8; i++)
		msg[7 - i] = (uint8_t)(counter >> (8 * i));
	totp_hmac_sha1(key, keylen, msg, sizeof(msg), mac);
	off = mac[19] & 0x0f;
	bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 |
	    (uint32_t)mac[off + 2] << 8 | (uint32_t)mac[off + 3];
	sodium_memzero(mac, sizeof(mac));
	return bin % pow10[digits];
}

int64_t
totp_step(int64_t t)
{
	return t >= 0 ? t / TOTP_PERIOD : -((-t + TOTP_PERIOD - 1) / TOTP_PERIOD);
}

void
totp_code(const uint8_t *key, size_t keylen, int64_t step,
    char out[TOTP_DIGITS + 1])
{
	uint32_t v = totp_hotp(key, keylen, (uint64_t)step, TOTP_DIGITS);
	int i;

	for (i = TOTP_DIGITS - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	out[TOTP_DIGITS] = '\0';
}

int64_t
totp_verify(const uint8_t *key, size_t keylen, const char *code,
    int64_t now_step, int64_t after)
{
	char want[TOTP_DIGITS + 1];
	int64_t s, found = -1;
	size_t i;

	if (code == NULL || strlen(code) != TOTP_DIGITS)
		return -1;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	/* Every step is computed and compared, so timing shows nothing. */
	for (s = now_step - 1; s <= now_step + 1; s++) {
		totp_code(key, keylen, s, want);
		if (sodium_memcmp(want, code, TOTP_DIGITS) == 0 && s > after &&
		    found < 0)
			found = s;
	}
	sodium_memzero(want, sizeof(want));
	return found;
}

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void
totp_base32_encode(const uint8_t *in, size_t len, char *out, size_t outlen)
{
	uint32_t acc = 0;
	size_t i, o = 0;
	int bits = 0;

	for (i = 0; i < len; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5 && o + 1 < outlen) {
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0 && o + 1 < outlen)
		out[o++] = b32[(acc << (5 - bits)) & 31];
	if (outlen)
		out[o] = '\0';
}

int
totp_base32_decode(const char *in, uint8_t *out, size_t outlen)
{
	uint32_t acc = 0;
	size_t o = 0;
	int bits = 0, v;
	char c;

	for (; *in != '\0'; in++) {
		c = *in;
		if (c == '=' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= '2' && c <= '7')
			v = c - '2' + 26;
		else
			return -1;
		acc = (acc << 5) | (uint32_t)v;
		bits += 5;
		if (bits >= 8) {
			if (o == outlen)
				return -1;
			out[o++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}
