/*
 * Fuzz harness: the configuration file reader (cli_config_read, key =
 * value lines) and the listen address parser its "listen" value goes to.
 * A file that loads gives values without surrounding blanks; the
 * address parser accepts or explains; never a crash.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "fuzz.h"
#include "http/http.h"

static const char *const keys[] = {
	"db", "listen", "web", "threads", "max_per_ip", "secure_cookies",
};

static void
check_value(const char *v)
{
	size_t n;

	if (v == NULL)
		return;
	n = strlen(v);
	if (n > 0 && (isspace((unsigned char)v[0]) ||
	    isspace((unsigned char)v[n - 1])))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_storage ss;
	struct sv_diag d;
	const char *listen;
	char *raw;
	size_t i, sslen = 0;
	FILE *fp;

	if (size == 0)
		return 0;	/* fmemopen refuses an empty buffer */
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	if (cli_config_read(fp, "fuzz") == 0) {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			check_value(cli_setting(NULL, keys[i], NULL));
	}
	fclose(fp);
	/* The listen parser on the value, or on the raw input. */
	raw = sv_strndup((const char *)data, size);
	if ((listen = cli_setting(NULL, "listen", NULL)) == NULL)
		listen = raw;
	sv_diag_clear(&d);
	if (http_listen_parse(listen, &ss, &sslen, &d) == SV_OK) {
		if (sslen == 0 || sslen > sizeof(ss))
			__builtin_trap();
	} else if (d.message[0] == '\0')
		__builtin_trap();
	free(raw);
	cli_config_clear();
	return 0;
}
