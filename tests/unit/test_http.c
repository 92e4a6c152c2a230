/*
 * The HTTP layer's pure parts, table-driven: routing (404/405/Allow,
 * literal segments before {params}, decoded parameters), query parsing
 * and its caps, JSON bodies against a field spec, the error-to-status
 * mapping, the login limiter's back-off and static path resolution on a
 * real directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "http/http.h"
#include "http/limiter.h"

static enum sv_err
nop(struct http_request *r, struct http_response *w)
{
	(void)r;
	(void)w;
	return SV_OK;
}

static const struct http_route routes[] = {
	{ HTTP_GET, "/api/v1/areas", nop, 0, 0, NULL, NULL, 0, "", "" },
	{ HTTP_POST, "/api/v1/areas", nop, 0, 0, NULL, NULL, 0, "", "" },
	{ HTTP_POST, "/api/v1/areas/import", nop, 0, 0, NULL, NULL, 0, "", "" },
	{ HTTP_GET, "/api/v1/areas/{id}", nop, 0, 0, NULL, NULL, 0, "", "" },
	{ HTTP_DELETE, "/api/v1/areas/{id}", nop, 0, 0, NULL, NULL, 0, "", "" },
	{ HTTP_GET, "/", nop, 0, 0, NULL, NULL, 0, "", "" },
};
#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

static void
test_route(void **state)
{
	static const struct {
		enum http_method m;
		const char	*path;
		int		 want;
		const char	*allow_or_param;
	} cases[] = {
		{ HTTP_GET, "/api/v1/areas", 0, NULL },
		{ HTTP_HEAD, "/api/v1/areas", 0, NULL },
		{ HTTP_POST, "/api/v1/areas", 1, NULL },
		{ HTTP_PUT, "/api/v1/areas", -2, "GET, HEAD, POST" },
		{ HTTP_POST, "/api/v1/areas/import", 2, NULL },
		{ HTTP_GET, "/api/v1/areas/import", -2, "POST" },
		{ HTTP_GET, "/api/v1/areas/12", 3, "12" },
		{ HTTP_GET, "/api/v1/areas/V%C3%A4st", 3, "V\xc3\xa4st" },
		{ HTTP_PATCH, "/api/v1/areas/12", -2, "GET, HEAD, DELETE" },
		{ HTTP_GET, "/api/v1/areas/a%2Fb", -1, NULL },
		{ HTTP_GET, "/api/v1/areas/%zz", -1, NULL },
		{ HTTP_GET, "/api/v1/areas/%00", -1, NULL },
		{ HTTP_GET, "/api/v1/areas/", -1, NULL },
		{ HTTP_GET, "/api/v1//areas", -1, NULL },
		{ HTTP_GET, "/api/v1/areas/1/x", -1, NULL },
		{ HTTP_GET, "api/v1/areas", -1, NULL },
		{ HTTP_GET, "/", 5, NULL },
		{ HTTP_GET, "", -1, NULL },
	};
	struct sv_arena *a = sv_arena_new();
	struct http_param *p;
	size_t np, i;
	unsigned allow;
	char buf[64];
	int got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = http_route_match(routes, NROUTES, cases[i].m,
		    cases[i].path, a, &p, &np, &allow);
		assert_int_equal(got, cases[i].want);
		if (got == -2) {
			http_allow_format(allow, buf, sizeof(buf));
			assert_string_equal(buf, cases[i].allow_or_param);
		} else if (got >= 0 && cases[i].allow_or_param != NULL) {
			assert_int_equal(np, 1);
			assert_string_equal(p[0].name, "id");
			assert_string_equal(p[0].value,
			    cases[i].allow_or_param);
		}
	}
	sv_arena_free(a);
}

static void
test_query(void **state)
{
	static const struct {
		const char	*q;
		enum sv_err	 want;
		size_t		 n;
		const char	*first_value;
	} cases[] = {
		{ "", SV_OK, 0, NULL },
		{ "a=1&b=2", SV_OK, 2, "1" },
		{ "q=V%C3%A4ster+%C3%A5s", SV_OK, 1, "V\xc3\xa4ster \xc3\xa5s" },
		{ "t=10:00%2B01:00", SV_OK, 1, "10:00+01:00" },
		{ "&&a=&&", SV_OK, 1, "" },
		{ "a", SV_OK, 1, "" },
		{ "a=%zz", SV_ERR_INVALID, 0, NULL },
		{ "a=%4", SV_ERR_INVALID, 0, NULL },
		{ "a=%00", SV_ERR_INVALID, 0, NULL },
		{ "a=1&a=2", SV_ERR_INVALID, 0, NULL },
		{ "=1", SV_ERR_INVALID, 0, NULL },
	};
	struct sv_arena *a = sv_arena_new();
	struct http_param *p;
	struct sv_diag d;
	char big[HTTP_QUERY_MAX_PARAMS * 6 + 16];
	size_t n, i, o = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(http_query_parse(cases[i].q, a, &p, &n, &d),
		    cases[i].want);
		if (cases[i].want != SV_OK)
			continue;
		assert_int_equal(n, cases[i].n);
		if (cases[i].first_value != NULL)
			assert_string_equal(p[0].value, cases[i].first_value);
	}
	for (i = 0; i <= HTTP_QUERY_MAX_PARAMS; i++)
		o += (size_t)snprintf(big + o, sizeof(big) - o, "p%zu=&", i);
	assert_int_equal(http_query_parse(big, a, &p, &n, &d),
	    SV_ERR_TOOLARGE);
	sv_arena_free(a);
}

static void
test_json(void **state)
{
	static const struct http_field spec[] = {
		{ "name", HTTP_J_STRING, HTTP_F_REQUIRED, "" },
		{ "n", HTTP_J_INTEGER, 0, "" },
		{ "x", HTTP_J_NUMBER, HTTP_F_NULLABLE, "" },
		{ NULL, 0, 0, NULL },
	};
	static const struct {
		const char	*body;
		enum sv_err	 want;
		int		 malformed;
		const char	*field;
	} cases[] = {
		{ "{\"name\":\"a\"}", SV_OK, 0, "" },
		{ "{\"name\":\"a\",\"n\":1,\"x\":1}", SV_OK, 0, "" },
		{ "{\"name\":\"a\",\"x\":null}", SV_OK, 0, "" },
		{ "{\"name\":\"a\",\"x\":1.5}", SV_OK, 0, "" },
		{ "{\"name\":\"a\",\"n\":1.5}", SV_ERR_INVALID, 0, "n" },
		{ "{\"name\":\"a\",\"n\":null}", SV_ERR_INVALID, 0, "n" },
		{ "{}", SV_ERR_INVALID, 0, "name" },
		{ "{\"name\":\"a\",\"zz\":1}", SV_ERR_INVALID, 1, "zz" },
		{ "{\"name\":\"a\",\"name\":\"b\"}", SV_ERR_INVALID, 1, "" },
		{ "{\"name\":", SV_ERR_INVALID, 1, "" },
		{ "[1]", SV_ERR_INVALID, 1, "" },
		{ "", SV_ERR_INVALID, 1, "" },
	};
	struct sv_arena *a = sv_arena_new();
	struct sv_diag d;
	json_t *v;
	size_t i;
	int mal;
	enum sv_err e;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mal = 0;
		sv_diag_clear(&d);
		e = http_json_decode(cases[i].body, strlen(cases[i].body), a,
		    &v, &mal, &d);
		if (e == SV_OK)
			e = http_json_check(v, spec, NULL, &mal, &d);
		assert_int_equal(e, cases[i].want);
		assert_int_equal(mal, cases[i].malformed);
		if (e != SV_OK && cases[i].field[0] != '\0')
			assert_string_equal(d.field, cases[i].field);
	}
	assert_true(http_is_json_type("application/json", 0));
	assert_true(http_is_json_type("Application/JSON; charset=utf-8", 0));
	assert_false(http_is_json_type("application/jsonx", 0));
	assert_false(http_is_json_type("application/geo+json", 0));
	assert_true(http_is_json_type("application/geo+json", 1));
	assert_false(http_is_json_type(NULL, 1));
	sv_arena_free(a);
}

static void
test_status(void **state)
{
	(void)state;
	assert_int_equal(http_status_of(SV_ERR_INVALID, 0), 422);
	assert_int_equal(http_status_of(SV_ERR_INVALID, 1), 400);
	assert_int_equal(http_status_of(SV_ERR_UNAUTH, 0), 401);
	assert_int_equal(http_status_of(SV_ERR_FORBIDDEN, 0), 403);
	assert_int_equal(http_status_of(SV_ERR_NOTFOUND, 0), 404);
	assert_int_equal(http_status_of(SV_ERR_METHOD, 0), 405);
	assert_int_equal(http_status_of(SV_ERR_CONFLICT, 0), 409);
	assert_int_equal(http_status_of(SV_ERR_TOOLARGE, 0), 413);
	assert_int_equal(http_status_of(SV_ERR_MEDIA, 0), 415);
	assert_int_equal(http_status_of(SV_ERR_RATELIMIT, 0), 429);
	assert_int_equal(http_status_of(SV_ERR_DB, 0), 500);
	assert_int_equal(http_status_of((enum sv_err)999, 0), 500);
}

static void
test_limiter(void **state)
{
	struct http_limiter *l = http_limiter_new(3, 2, 60, 900, 2);
	char longkey[300];
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		assert_int_equal(http_limiter_wait(l, "a", 1000), 0);
		http_limiter_fail(l, "a", 1000);
	}
	assert_int_equal(http_limiter_wait(l, "a", 1000), 0);
	http_limiter_fail(l, "a", 1000);		/* 4th: 2 s */
	assert_int_equal(http_limiter_wait(l, "a", 1000), 2);
	http_limiter_fail(l, "a", 1001);		/* 5th: 4 s */
	assert_int_equal(http_limiter_wait(l, "a", 1001), 4);
	for (i = 0; i < 30; i++)
		http_limiter_fail(l, "a", 1001);	/* capped */
	assert_int_equal(http_limiter_wait(l, "a", 1001), 60);
	http_limiter_reset(l, "a");
	assert_int_equal(http_limiter_wait(l, "a", 1001), 0);
	/* Long keys, cut when stored, still limit their owner. */
	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	for (i = 0; i < 4; i++)
		http_limiter_fail(l, longkey, 2000);
	assert_true(http_limiter_wait(l, longkey, 2000) > 0);
	/* Failures older than the window are forgotten. */
	assert_int_equal(http_limiter_wait(l, longkey, 5000), 0);
	http_limiter_free(l);
}

static void
test_static(void **state)
{
	char dir[] = "/tmp/sv-static-XXXXXX", p[256];
	struct sv_arena *a = sv_arena_new();
	const char *type;
	uint64_t size;
	int64_t mtime;
	FILE *f;
	int fd;
	size_t i;
	static const char *const refused[] = {
		"/../secret", "/x/../../secret", "/%2e%2e/secret",
		"/..%2fsecret", "/.hidden", "/link", "/x", "/nosuch",
		"/index.html%00", "//secret", "noslash",
	};

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/web", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/web/x", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/web/index.html", dir);
	f = fopen(p, "w");
	fputs("<p>hej</p>", f);
	fclose(f);
	snprintf(p, sizeof(p), "%s/web/.hidden", dir);
	fclose(fopen(p, "w"));
	snprintf(p, sizeof(p), "%s/secret", dir);
	fclose(fopen(p, "w"));
	snprintf(p, sizeof(p), "%s/web/link", dir);
	assert_int_equal(symlink("../secret", p), 0);
	snprintf(p, sizeof(p), "%s/web", dir);
	assert_int_equal(http_static_open(p, "/", a, &fd, &size, &mtime,
	    &type), SV_OK);
	assert_int_equal(size, 10);
	assert_string_equal(type, "text/html; charset=utf-8");
	close(fd);
	assert_int_equal(http_static_open(p, "/%69ndex.html", a, &fd, &size,
	    &mtime, &type), SV_OK);
	close(fd);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(http_static_open(p, refused[i], a, &fd,
		    &size, &mtime, &type), SV_ERR_NOTFOUND);
	assert_string_equal(http_content_type("a/b.JS"),
	    "text/javascript; charset=utf-8");
	assert_string_equal(http_content_type("noext"),
	    "application/octet-stream");
	snprintf(p, sizeof(p), "rm -rf %s", dir);
	assert_int_equal(system(p), 0);
	sv_arena_free(a);
}

/* The tile server's origin in img-src, and nothing else from the URL. */
static void
test_csp(void **state)
{
	static const char *const ok[][2] = {
		{ "https://tiles.kommun.se/{z}/{x}/{y}.png",
		    "https://tiles.kommun.se" },
		{ "HTTPS://Tiles.Kommun.SE:8443/wmts/{z}/{x}/{y}",
		    "https://tiles.kommun.se:8443" },
		{ "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
		    "https://*.tile.openstreetmap.org" },
		{ "http://127.0.0.1:9000/t/{z}/{x}/{y}.png",
		    "http://127.0.0.1:9000" },
		{ "https://tiles.kommun.se?k=1", "https://tiles.kommun.se" },
	};
	static const char *const bad[] = {
		"", "tiles.kommun.se/{z}/{x}/{y}.png", "ftp://tiles.se/x",
		"javascript:alert(1)", "https://", "https:///x",
		"https://a.se;script-src *", "https://a.se 'unsafe-inline'",
		"https://user:pw@a.se/x", "https://a.se:/x", "https://a.se:123456/",
		"https://a.se:80a/", "https://{z}.a.se/", "https://*.a.se/",
		"https://.a.se/", "https://:80/",
	};
	char out[HTTP_CSP_MAX], csp[HTTP_CSP_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(http_tile_origin(ok[i][0], out, sizeof(out)),
		    0);
		assert_string_equal(out, ok[i][1]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(http_tile_origin(bad[i], out, sizeof(out)),
		    -1);
	assert_int_equal(http_tile_origin("https://tiles.kommun.se/", out,
	    10), -1);
	assert_int_equal(http_csp(NULL, csp, sizeof(csp)), 0);
	assert_non_null(strstr(csp, "default-src 'self';"));
	assert_non_null(strstr(csp, "img-src 'self' data: blob:;"));
	assert_int_equal(http_csp("https://tiles.kommun.se", csp,
	    sizeof(csp)), 0);
	assert_non_null(strstr(csp,
	    "img-src 'self' data: blob: https://tiles.kommun.se;"));
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_null(strstr(csp, "script-src 'self' https"));
	assert_int_equal(http_csp("https://tiles.kommun.se", csp, 40), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_limiter),
		cmocka_unit_test(test_static),
		cmocka_unit_test(test_csp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
