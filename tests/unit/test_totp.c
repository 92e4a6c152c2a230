/*
 * The TOTP algorithm against its RFCs: SHA-1 (FIPS 180 examples, a
 * million 'a'), HMAC-SHA1 (RFC 2202), HOTP (RFC 4226 appendix D), TOTP
 * SHA-1 (RFC 6238 appendix B, 8 digits), base32 (RFC 4648 section 10),
 * and the verification window with replay protection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "domain/totp.h"

static void
hex(const uint8_t *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

static void
test_sha1(void **state)
{
	static const char *const want[] = {
		"a9993e364706816aba3e25717850c26c9cd0d89d",
		"84983e441c3bd26ebaae4aa1f95129e5e54670f1",
		"da39a3ee5e6b4b0d3255bfef95601890afd80709",
	};
	static const char *const in[] = {
		"abc",
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		"",
	};
	static uint8_t million[1000000];
	uint8_t h[20];
	char x[41];
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		totp_sha1(in[i], strlen(in[i]), h);
		hex(h, 20, x);
		assert_string_equal(x, want[i]);
	}
	memset(million, 'a', sizeof(million));
	totp_sha1(million, sizeof(million), h);
	hex(h, 20, x);
	assert_string_equal(x, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	/* Lengths around the block and padding boundaries. */
	for (i = 54; i <= 66; i++) {
		uint8_t a[20], b[20];

		totp_sha1(million, i, a);
		totp_sha1(million, i, b);
		assert_memory_equal(a, b, 20);
	}
}

static void
test_hmac(void **state)
{
	uint8_t key[80], mac[20];
	char x[41];

	(void)state;
	/* RFC 2202 test cases 1, 2 and 6 (a key longer than a block). */
	memset(key, 0x0b, 20);
	totp_hmac_sha1(key, 20, "Hi There", 8, mac);
	hex(mac, 20, x);
	assert_string_equal(x, "b617318655057264e28bc0b6fb378c8ef146be00");
	totp_hmac_sha1((const uint8_t *)"Jefe", 4,
	    "what do ya want for nothing?", 28, mac);
	hex(mac, 20, x);
	assert_string_equal(x, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	memset(key, 0xaa, 80);
	totp_hmac_sha1(key, 80,
	    "Test Using Larger Than Block-Size Key - Hash Key First", 54, mac);
	hex(mac, 20, x);
	assert_string_equal(x, "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

static const uint8_t rfc_key[] = "12345678901234567890";

static void
test_hotp(void **state)
{
	static const uint32_t want[] = { 755224, 287082, 359152, 969429,
	    338314, 254676, 287922, 162583, 399871, 520489 };
	uint64_t c;

	(void)state;
	for (c = 0; c < 10; c++)
		assert_int_equal(totp_hotp(rfc_key, 20, c, 6), want[c]);
}

static void
test_totp_rfc6238(void **state)
{
	static const struct {
		int64_t		t;
		uint32_t	code;
	} v[] = {
		{ 59, 94287082 }, { 1111111109, 7081804 },
		{ 1111111111, 14050471 }, { 1234567890, 89005924 },
		{ 2000000000, 69279037 }, { 20000000000, 65353130 },
	};
	char code[TOTP_DIGITS + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(totp_hotp(rfc_key, 20,
		    (uint64_t)totp_step(v[i].t), 8), v[i].code);
	/* Six digits are the last six of the eight, with leading zeros. */
	totp_code(rfc_key, 20, totp_step(1111111109), code);
	assert_string_equal(code, "081804");
	assert_int_equal(totp_step(59), 1);
	assert_int_equal(totp_step(60), 2);
}

static void
test_verify_window(void **state)
{
	char code[TOTP_DIGITS + 1];
	int64_t now = totp_step(1111111111);

	(void)state;
	totp_code(rfc_key, 20, now, code);
	assert_int_equal(totp_verify(rfc_key, 20, code, now, 0), now);
	/* Used once: the same step is refused. */
	assert_int_equal(totp_verify(rfc_key, 20, code, now, now), -1);
	/* One step of drift either way, not two. */
	totp_code(rfc_key, 20, now - 1, code);
	assert_int_equal(totp_verify(rfc_key, 20, code, now, 0), now - 1);
	totp_code(rfc_key, 20, now + 1, code);
	assert_int_equal(totp_verify(rfc_key, 20, code, now, 0), now + 1);
	totp_code(rfc_key, 20, now - 2, code);
	assert_int_equal(totp_verify(rfc_key, 20, code, now, 0), -1);
	totp_code(rfc_key, 20, now + 2, code);
	assert_int_equal(totp_verify(rfc_key, 20, code, now, 0), -1);
	/* Not six digits. */
	assert_int_equal(totp_verify(rfc_key, 20, "12345", now, 0), -1);
	assert_int_equal(totp_verify(rfc_key, 20, "1234567", now, 0), -1);
	assert_int_equal(totp_verify(rfc_key, 20, "12a456", now, 0), -1);
	assert_int_equal(totp_verify(rfc_key, 20, NULL, now, 0), -1);
}

static void
test_base32(void **state)
{
	static const struct {
		const char	*in, *out;
	} v[] = {
		{ "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" },
		{ "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" },
		{ "foobar", "MZXW6YTBOI" },
	};
	uint8_t back[16];
	char out[32];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		totp_base32_encode((const uint8_t *)v[i].in, strlen(v[i].in),
		    out, sizeof(out));
		assert_string_equal(out, v[i].out);
		n = totp_base32_decode(v[i].out, back, sizeof(back));
		assert_int_equal(n, (int)strlen(v[i].in));
		assert_memory_equal(back, v[i].in, (size_t)n);
	}
	assert_int_equal(totp_base32_decode("mzxw6ytboi======", back,
	    sizeof(back)), 6);
	assert_int_equal(totp_base32_decode("MZXW1", back, sizeof(back)), -1);
	assert_int_equal(totp_base32_decode("MZXW6YTBOI", back, 3), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1),
		cmocka_unit_test(test_hmac),
		cmocka_unit_test(test_hotp),
		cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_verify_window),
		cmocka_unit_test(test_base32),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
