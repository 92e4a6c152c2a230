/*
 * The server key file and sealing with it (see server_key.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "domain/server_key.h"

#define NONCE	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG	crypto_aead_xchacha20poly1305_ietf_ABYTES
#define PREFIX_LEN	(sizeof(SERVER_KEY_PREFIX) - 1)
/* Largest sealed value opened or made (a TOTP secret is 20 bytes). */
#define PLAIN_MAX	256

static unsigned char key[SERVER_KEY_BYTES];
static int loaded;
static char key_path[512];

const char *
server_key_default_path(const char *db, char *buf, size_t size)
{
	if (strncmp(db, "postgres://", 11) == 0 ||
	    strncmp(db, "postgresql://", 13) == 0 || strchr(db, '=') != NULL)
		snprintf(buf, size, "samverkan.key");
	else
		snprintf(buf, size, "%s.key", db);
	return buf;
}

/* Creates path with a new random key, 0600; EEXIST is not an error. */
static enum sv_err
create_key(const char *path, struct sv_diag *d)
{
	unsigned char k[SERVER_KEY_BYTES];
	int fd, ok;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0)
		return errno == EEXIST ? SV_OK : sv_diag_set(d,
		    SV_ERR_INTERNAL, "auth_key_file", "%s: cannot create the "
		    "key file: %s", path, strerror(errno));
	randombytes_buf(k, sizeof(k));
	ok = write(fd, k, sizeof(k)) == (ssize_t)sizeof(k) && fsync(fd) == 0;
	sodium_memzero(k, sizeof(k));
	if (close(fd) != 0 || !ok) {
		unlink(path);
		return sv_diag_set(d, SV_ERR_INTERNAL, "auth_key_file",
		    "%s: cannot write the key file", path);
	}
	return SV_OK;
}

enum sv_err
server_key_load(const char *path, int create, struct sv_diag *d)
{
	unsigned char k[SERVER_KEY_BYTES + 1];
	struct stat st;
	enum sv_err e;
	ssize_t n;
	int fd;

	if (sodium_init() < 0)
		return SV_ERR_INTERNAL;
	if (create && (e = create_key(path, d)) != SV_OK)
		return e;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "auth_key_file",
		    "%s: cannot open the server key: %s", path,
		    strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return sv_diag_set(d, SV_ERR_INVALID, "auth_key_file",
		    "%s: the server key is not a regular file", path);
	}
	if ((st.st_mode & 077) != 0) {
		close(fd);
		return sv_diag_set(d, SV_ERR_INVALID, "auth_key_file",
		    "%s: mode %04o lets others read the server key; "
		    "chmod 600 it", path, (unsigned)(st.st_mode & 07777));
	}
	n = read(fd, k, sizeof(k));
	close(fd);
	if (n != SERVER_KEY_BYTES) {
		sodium_memzero(k, sizeof(k));
		return sv_diag_set(d, SV_ERR_INVALID, "auth_key_file",
		    "%s: the server key must be exactly %d bytes", path,
		    SERVER_KEY_BYTES);
	}
	memcpy(key, k, SERVER_KEY_BYTES);
	sodium_memzero(k, sizeof(k));
	snprintf(key_path, sizeof(key_path), "%s", path);
	loaded = 1;
	return SV_OK;
}

int
server_key_loaded(void)
{
	return loaded;
}

const char *
server_key_path(void)
{
	return key_path;
}

int
server_key_is_sealed(const char *s)
{
	return s != NULL && strncmp(s, SERVER_KEY_PREFIX, PREFIX_LEN) == 0;
}

size_t
server_key_sealed_size(size_t n)
{
	return PREFIX_LEN + 2 * (NONCE + n + TAG) + 1;
}

enum sv_err
server_key_seal(const void *plain, size_t n, const char *ad, char *out,
    size_t size, struct sv_diag *d)
{
	unsigned char buf[NONCE + PLAIN_MAX + TAG];
	unsigned long long clen;

	if (!loaded)
		return sv_diag_set(d, SV_ERR_INTERNAL, "auth_key_file",
		    "no server key is loaded");
	if (n > PLAIN_MAX || size < server_key_sealed_size(n))
		return sv_diag_set(d, SV_ERR_TOOLARGE, "", "too long to seal");
	randombytes_buf(buf, NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt(buf + NONCE, &clen, plain,
	    n, (const unsigned char *)ad, strlen(ad), NULL, buf, key);
	memcpy(out, SERVER_KEY_PREFIX, PREFIX_LEN);
	sodium_bin2hex(out + PREFIX_LEN, size - PREFIX_LEN, buf,
	    NONCE + (size_t)clen);
	sodium_memzero(buf, sizeof(buf));
	return SV_OK;
}

enum sv_err
server_key_open(const char *s, const char *ad, void *out, size_t size,
    size_t *n, struct sv_diag *d)
{
	unsigned char buf[NONCE + PLAIN_MAX + TAG];
	unsigned long long plen;
	size_t blen;
	int bad;

	*n = 0;
	if (!loaded)
		return sv_diag_set(d, SV_ERR_INTERNAL, "auth_key_file",
		    "no server key is loaded");
	if (!server_key_is_sealed(s) || sodium_hex2bin(buf, sizeof(buf),
	    s + PREFIX_LEN, strlen(s + PREFIX_LEN), NULL, &blen, NULL) != 0 ||
	    blen < NONCE + TAG || blen - NONCE - TAG > size)
		return sv_diag_set(d, SV_ERR_INTERNAL, "auth_key_file",
		    "the sealed value is malformed");
	bad = crypto_aead_xchacha20poly1305_ietf_decrypt(out, &plen, NULL,
	    buf + NONCE, blen - NONCE, (const unsigned char *)ad, strlen(ad),
	    buf, key) != 0;
	sodium_memzero(buf, sizeof(buf));
	if (bad)
		return sv_diag_set(d, SV_ERR_INTERNAL, "auth_key_file",
		    "the sealed value does not open with the server key in %s "
		    "(another key, or the value was altered)", key_path);
	*n = (size_t)plen;
	return SV_OK;
}
