/*
 * The server key for migrate and serve (domain/server_key.h): the file
 * named by the setting auth_key_file, or the database's name with
 * ".key", created on first use; then every TOTP secret still stored in
 * the clear is sealed with it.
 */
#include <stdio.h>

#include "cli.h"
#include "core/log.h"
#include "domain/auth.h"
#include "domain/server_key.h"

int
cli_server_key(const char *cmd, const char *db, struct sv_store *s)
{
	char def[600];
	const char *path;
	struct sv_diag d;
	enum sv_err e;
	int n = 0;

	path = cli_setting(NULL, "auth_key_file",
	    server_key_default_path(db, def, sizeof(def)));
	sv_diag_clear(&d);
	if ((e = server_key_load(path, 1, &d)) != SV_OK ||
	    (e = auth_totp_seal_legacy(s, &n, &d)) != SV_OK)
		return cli_fail(cmd, e, &d);
	if (n > 0)
		sv_log(SV_LOG_INFO, "event=totp_secrets_sealed count=%d "
		    "key_file=%s", n, path);
	return SV_EXIT_OK;
}
