/*
 * The server key: 32 random bytes in a file outside the database (config
 * auth_key_file; default: the database file's name with ".key"), under
 * which secrets the server must read back -- the TOTP secrets -- are
 * stored encrypted (XChaCha20-Poly1305, libsodium), so a copy of the
 * database alone does not give them away.
 *
 * The file is created 0600 on first use by migrate and serve and refused
 * when its mode lets anyone but the owner read it, when it is not a
 * regular file or not exactly 32 bytes long. The key is process-wide and
 * read-only once loaded (the server's threads share it).
 *
 * A sealed value is "sv1:" followed by the hex of nonce, ciphertext and
 * tag; the associated data (e.g. "user_totp:42") binds it to its row, so
 * a value copied to another row does not open.
 */
#ifndef SV_SERVER_KEY_H
#define SV_SERVER_KEY_H

#include <stddef.h>

#include "core/err.h"

#define SERVER_KEY_BYTES	32
/* The prefix that marks a sealed value. */
#define SERVER_KEY_PREFIX	"sv1:"

/*
 * The key file for database db when none is configured: db + ".key" for
 * a file; for a PostgreSQL URL "samverkan.key" in the working directory.
 * Into buf; returns buf.
 */
const char	*server_key_default_path(const char *db, char *buf, size_t size);

/*
 * Loads the key from path, creating the file (0600, random) if it does
 * not exist and create is set. Errors: SV_ERR_INVALID (field
 * auth_key_file: unsafe mode, not a regular file, wrong size, missing),
 * SV_ERR_INTERNAL (I/O).
 */
enum sv_err	server_key_load(const char *path, int create, struct sv_diag *);
/* 1 once a key is loaded. */
int		server_key_loaded(void);
/* The file the key came from ("" before loading), for log lines. */
const char	*server_key_path(void);

/* 1 if s is a sealed value (starts with SERVER_KEY_PREFIX). */
int		server_key_is_sealed(const char *s);
/* The size of the sealed text of n plain bytes, with its NUL. */
size_t		server_key_sealed_size(size_t n);

/*
 * Seals plain (n bytes) bound to ad into out (server_key_sealed_size(n)
 * bytes). Errors: SV_ERR_INTERNAL (no key loaded), SV_ERR_TOOLARGE.
 */
enum sv_err	server_key_seal(const void *plain, size_t n, const char *ad,
		    char *out, size_t size, struct sv_diag *);
/*
 * Opens sealed text s bound to ad into out (at most size bytes; *n gets
 * the length). Errors: SV_ERR_INTERNAL (no key loaded; not sealed; the
 * key or ad is wrong or the text altered -- fail closed).
 */
enum sv_err	server_key_open(const char *s, const char *ad, void *out,
		    size_t size, size_t *n, struct sv_diag *);

#endif
