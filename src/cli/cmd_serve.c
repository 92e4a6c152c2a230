/*
 * samverkan serve: the web server (JSON API under /api/v1 and the web
 * interface's static files). Creates or migrates the database first,
 * prints the URL on stderr once it listens, and stops cleanly on SIGINT or
 * SIGTERM (running requests finish, each thread closes its database
 * connection). --list-routes prints the route table and --openapi the
 * OpenAPI document, without starting a server.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "cli.h"
#include "commands.h"
#include "core/log.h"
#include "domain/actor.h"
#include "http/http.h"
#include "render/doc.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan serve [--db FILE] [--listen HOST:PORT] [--web DIR]\n"
    "                       [--threads N] [--max-per-ip N] [--secure-cookies]\n"
    "       samverkan serve --list-routes | --openapi\n\n"
    "Serves the JSON API under /api/v1 and the web interface from DIR\n"
    "(default: ./web if it exists). The database is created and migrated\n"
    "if needed. Prints the URL on stderr when listening; port 0 picks a free\n"
    "port. SIGINT or SIGTERM stops the server cleanly. The server key that\n"
    "seals the TOTP secrets is read from the setting auth_key_file (default:\n"
    "the database file's name with .key), created 0600 if missing, refused\n"
    "if others may read it.\n\n"
    "  --db FILE          database (setting db, $SAMVERKAN_DB)\n"
    "  --listen HOST:PORT address (setting listen; default 127.0.0.1:8080)\n"
    "  --web DIR          static files (setting web)\n"
    "  --threads N        worker threads, 1-64 (setting threads; default 4)\n"
    "  --max-per-ip N     connections per client address, 0 = no limit\n"
    "                     (setting max_per_ip; default 0)\n"
    "  --secure-cookies   mark the session cookie Secure (behind HTTPS)\n"
    "  --list-routes      print METHOD PATH ROLE per route and exit\n"
    "  --openapi          print the OpenAPI document and exit\n";

static void
list_routes(void)
{
	size_t i;
	int r;

	for (i = 0; i < api_nroutes; i++) {
		r = api_routes[i].role;
		printf("%s %s %s\n", http_method_names[api_routes[i].method],
		    api_routes[i].pattern, r == HTTP_ROLE_PUBLIC ? "none" :
		    r >= 0 && r < SV_ROLE__MAX ? sv_role_names[r] : "?");
	}
}

static int
print_openapi(void)
{
	json_t *doc = api_openapi();
	int rc;

	if (doc == NULL)
		return SV_EXIT_FAIL;
	rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(doc);
	putchar('\n');
	return rc == 0 ? SV_EXIT_OK : SV_EXIT_FAIL;
}

/*
 * The origin of the optional tile server named by web/config.json
 * ({"tile_url": "https://.../{z}/{x}/{y}.png"}, read by web/js/map.js), for
 * the CSP's img-src. Sets *origin to NULL when there is no such file or no
 * tile_url; a file that is not JSON or a tile_url that is not a plain
 * http(s) URL is an error, so a typo does not silently break the map.
 */
static int
tile_origin(const char *web, char *buf, size_t size, const char **origin)
{
	char path[4096];
	json_error_t je;
	json_t *cfg, *url;
	int rc = 0;

	*origin = NULL;
	if (web == NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/config.json", web);
	if ((cfg = json_load_file(path, 0, &je)) == NULL) {
		if (access(path, F_OK) != 0 && errno == ENOENT)
			return 0;
		return cli_usage_error("serve", "%s: %s", path, je.text);
	}
	url = json_object_get(cfg, "tile_url");
	if (url != NULL && !json_is_null(url) && (!json_is_string(url) ||
	    http_tile_origin(json_string_value(url), buf, size) != 0))
		rc = cli_usage_error("serve", "%s: tile_url must be an http or "
		    "https URL template such as "
		    "https://tiles.example.se/{z}/{x}/{y}.png", path);
	else if (url != NULL && json_is_string(url))
		*origin = buf;
	json_decref(cfg);
	return rc;
}

/* Creates or migrates the database before any thread opens it. */
static int
migrate(const char *db)
{
	struct sv_store *s = NULL;
	struct sv_diag d;
	enum sv_err e;
	int n = 0;

	sv_diag_clear(&d);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, &n, &d)) != SV_OK) {
		store_close(s);
		return cli_fail("serve", e, &d);
	}
	if (n > 0)
		sv_log(SV_LOG_INFO, "event=migrated applied=%d version=%d", n,
		    store_schema_version(s));
	n = cli_server_key("serve", db, s);
	store_close(s);
	return n;
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "web", required_argument, NULL, 'w' },
		{ "threads", required_argument, NULL, 't' },
		{ "max-per-ip", required_argument, NULL, 'p' },
		{ "secure-cookies", no_argument, NULL, 's' },
		{ "list-routes", no_argument, NULL, 'L' },
		{ "openapi", no_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct http_server_config hc;
	struct api_config ac;
	struct http_server *srv = NULL;
	const char *db = NULL, *listen = NULL, *web = NULL, *threads = NULL;
	const char *perip = NULL, *secure = NULL;
	struct sv_diag d;
	struct stat st;
	char tiles[256];
	const char *img_origin;
	sigset_t set;
	long nthreads, nperip, nsecure;
	int c, sig, rc;
	enum sv_err e;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'w':
			web = optarg;
			break;
		case 't':
			threads = optarg;
			break;
		case 'p':
			perip = optarg;
			break;
		case 's':
			secure = "1";
			break;
		case 'L':
			list_routes();
			return SV_EXIT_OK;
		case 'O':
			return print_openapi();
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("serve", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("serve", "unexpected argument '%s'",
		    argv[optind]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("serve", "--db is required");
	listen = cli_setting(listen, "listen", "127.0.0.1:8080");
	web = cli_setting(web, "web", NULL);
	if (web == NULL && stat("web", &st) == 0 && S_ISDIR(st.st_mode))
		web = "web";
	if (cli_parse_long(cli_setting(threads, "threads", "4"), 1, 64,
	    &nthreads) != 0)
		return cli_usage_error("serve", "--threads must be 1-64");
	if (cli_parse_long(cli_setting(perip, "max_per_ip", "0"), 0, 100000,
	    &nperip) != 0)
		return cli_usage_error("serve", "--max-per-ip must be 0-100000");
	if (cli_parse_bool(cli_setting(secure, "secure_cookies", "0"),
	    &nsecure) != 0)
		return cli_usage_error("serve", "secure_cookies must be 0 or 1 "
		    "(no/yes, false/true)");
	if ((rc = tile_origin(web, tiles, sizeof(tiles), &img_origin)) != 0)
		return rc;
	if ((rc = migrate(db)) != SV_EXIT_OK)
		return rc;

	memset(&ac, 0, sizeof(ac));
	ac.db = db;
	ac.secure_cookies = nsecure != 0;
	api_init(&ac);

	memset(&hc, 0, sizeof(hc));
	hc.listen = listen;
	hc.threads = (unsigned)nthreads;
	hc.max_per_ip = (unsigned)nperip;
	hc.web_dir = web;
	hc.img_origin = img_origin;
	hc.api_prefix = API_PREFIX "/";
	hc.routes = api_routes;
	hc.nroutes = api_nroutes;
	hc.authorize = api_authorize;
	hc.worker_new = api_worker_new;
	hc.worker_free = api_worker_free;

	/*
	 * Block the stop signals before the server's threads exist, so they
	 * inherit the mask and only sigwait below sees the signals.
	 */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	sv_diag_clear(&d);
	if ((e = http_server_start(&hc, &srv, &d)) != SV_OK) {
		api_shutdown();
		return cli_fail("serve", e, &d);
	}
	sv_log(SV_LOG_INFO, "event=listening url=%s/ threads=%ld web=%s",
	    http_server_url(srv), nthreads, web ? web : "-");
	fprintf(stderr, "samverkan: listening on %s/\n", http_server_url(srv));
	fflush(stderr);
	if (sigwait(&set, &sig) != 0)
		sig = 0;
	sv_log(SV_LOG_INFO, "event=stopping signal=%d", sig);
	http_server_stop(srv);
	api_shutdown();
	/* No thread renders any more: free the font caches of PDF documents. */
	rdoc_pdf_release();
	sv_log(SV_LOG_INFO, "event=stopped");
	return SV_EXIT_OK;
}
