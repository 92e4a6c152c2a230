/*
 * Trust (issue 6) on real SQLite files: personnummer and
 * samordningsnummer on a table of valid and invalid numbers, the
 * personal-data scanner (phone numbers, e-mail, dates that are not
 * numbers), refuse and mask modes, small-count suppression, sharing rules
 * between organisations (lists, single reads, counts, rights, audit),
 * the trust settings, retention on a generated database (batches,
 * idempotence, audit) and audit tamper detection with rows altered and
 * removed behind the program's back through the sqlite3 library.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <dirent.h>

#include <sqlite3.h>

#include "core/mem.h"
#include "domain/audit.h"
#include "domain/incident.h"
#include "domain/organisation.h"
#include "domain/pii.h"
#include "domain/retention.h"
#include "domain/sharing.h"
#include "domain/trust.h"
#include "store/store.h"

static char dir[256];

static struct sv_store *
fresh(const char *name, char *path, size_t len)
{
	struct sv_store *s = NULL;
	struct sv_diag d;

	snprintf(path, len, "%s/%s.db", dir, name);
	unlink(path);
	assert_int_equal(store_open(path, &s, &d), SV_OK);
	assert_int_equal(store_migrate(s, NULL, &d), SV_OK);
	return s;
}

/* ---- personnummer ---- */

static const struct {
	const char	*s;
	int		 ok;
	int		 samordning;
} pnr_table[] = {
	/* valid personnummer, every accepted spelling */
	{ "811218-9876", 1, 0 },
	{ "8112189876", 1, 0 },
	{ "811218+9876", 1, 0 },	/* 100 years or older */
	{ "19811218-9876", 1, 0 },
	{ "198112189876", 1, 0 },
	{ "121212-1212", 1, 0 },
	{ "19121212-1212", 1, 0 },
	{ "640823-3234", 1, 0 },
	{ "0101010106", 1, 0 },
	{ "200002291235", 1, 0 },	/* 2000 was a leap year */
	{ "0002291235", 1, 0 },		/* century unknown: 00 is leap */
	{ "040229-5554", 1, 0 },
	/* valid samordningsnummer (day + 60) */
	{ "850171-1231", 1, 1 },
	{ "8808912342", 1, 1 },
	{ "19880891-2342", 1, 1 },
	/* wrong check digit */
	{ "811218-9877", 0, 0 },
	{ "198112189870", 0, 0 },
	{ "121212-1213", 0, 0 },
	/* impossible dates with a correct Luhn digit */
	{ "861350-1231", 0, 0 },	/* month 13 */
	{ "860432-1235", 0, 0 },	/* day 32 */
	{ "860431-1236", 0, 0 },	/* 31 April */
	{ "860230-1239", 0, 0 },	/* 30 February */
	{ "900229-1236", 0, 0 },	/* 1990 was no leap year */
	{ "190002291235", 0, 0 },	/* nor was 1900 */
	{ "860100-1236", 0, 0 },	/* day 0 */
	{ "860192-1235", 0, 1 },	/* samordningsnummer day 32 */
	/* wrong shapes */
	{ "81121-89876", 0, 0 },	/* separator misplaced */
	{ "811218--9876", 0, 0 },
	{ "811218-98760", 0, 0 },
	{ "81121898761", 0, 0 },	/* 11 digits */
	{ "21811218-9876", 0, 0 },	/* century 21 */
	{ "19811218+9876", 0, 0 },	/* '+' only with 10 digits */
	{ "811218-987", 0, 0 },
	{ "", 0, 0 },
};

static void
test_personnummer_table(void **state)
{
	enum sv_pii_kind k;
	char text[64];
	size_t i, n;
	struct sv_pii_hit h[2];

	(void)state;
	for (i = 0; i < sizeof(pnr_table) / sizeof(pnr_table[0]); i++) {
		k = SV_PII__MAX;
		if (pii_personnummer(pnr_table[i].s, strlen(pnr_table[i].s),
		    &k) != pnr_table[i].ok)
			fail_msg("%s: expected %s", pnr_table[i].s,
			    pnr_table[i].ok ? "valid" : "invalid");
		if (pnr_table[i].ok)
			assert_int_equal(k, pnr_table[i].samordning ?
			    SV_PII_SAMORDNINGSNUMMER : SV_PII_PERSONNUMMER);
		/* The same inside running text. */
		snprintf(text, sizeof(text), "Mannen (%s) syntes.",
		    pnr_table[i].s);
		if (text_has_personnummer(text) != pnr_table[i].ok)
			fail_msg("in text: %s", text);
		if (pnr_table[i].ok) {
			n = pii_scan(text, h, 2);
			assert_int_equal(n, 1);
			assert_int_equal(h[0].off, 8);
			assert_int_equal(h[0].len, strlen(pnr_table[i].s));
		}
	}
	/* Part of a longer digit run is not a personnummer. */
	assert_false(text_has_personnummer("ref 98112189876"));
	assert_false(text_has_personnummer("ref 81121898761"));
	assert_false(text_has_personnummer(NULL));
}

/* ---- the scanner ---- */

static const struct {
	const char	*text;
	const char	*kinds;	/* P personnummer, S samordning, T phone, E mail */
} scan_table[] = {
	{ "Ring 070-123 45 67 om något händer", "T" },
	{ "mobil 0701234567.", "T" },
	{ "tel +46 70 123 45 67", "T" },
	{ "tel +46 (0)8 123 456 78", "T" },
	{ "tel 0046701234567", "T" },
	{ "växeln 08-123 456 78 eller 021-39 00 00", "TT" },
	{ "skriv till anna.svensson@vasteras.se.", "E" },
	{ "x.y+z@example.org och 811218-9876", "EP" },
	{ "8808912342 och 19121212-1212", "SP" },
	/* no personal data */
	{ "Klotter på 12 väggar, 3 personer", "" },
	{ "Den 2026-11-20 kl 22.10 vid Stora torget", "" },
	{ "Datum 01-02-2026 och 01/02/2026", "" },
	{ "Postnummer 722 15 Västerås", "" },
	{ "Org.nr 212000-1975 (Västerås stad)", "" },
	{ "mejla admin@localhost eller @kommun", "" },
	{ "0-3 personer, 070 st", "" },
	{ "", "" },
};

static void
test_scan_table(void **state)
{
	static const char code[SV_PII__MAX] = { 'P', 'S', 'T', 'E' };
	struct sv_pii_hit h[8];
	char got[9];
	size_t i, n, j;

	(void)state;
	for (i = 0; i < sizeof(scan_table) / sizeof(scan_table[0]); i++) {
		n = pii_scan(scan_table[i].text, h, 8);
		assert_true(n <= 8);
		for (j = 0; j < n; j++)
			got[j] = code[h[j].kind];
		got[n] = '\0';
		if (strcmp(got, scan_table[i].kinds) != 0)
			fail_msg("'%s': found '%s', expected '%s'",
			    scan_table[i].text, got, scan_table[i].kinds);
	}
}

static void
test_mask_refuse(void **state)
{
	struct sv_arena *a = sv_arena_new();
	const char *out;
	struct sv_diag d;

	(void)state;
	sv_diag_clear(&d);
	assert_int_equal(pii_check("Ring 070-123 45 67 eller mejla "
	    "a.b@kommun.se om 811218-9876", SV_PII_MASK, "description", a,
	    &out, &d), SV_OK);
	assert_string_equal(out, "Ring [telefonnummer] eller mejla [e-post] "
	    "om [personnummer]");
	assert_int_equal(pii_check("Ring 070-123 45 67", SV_PII_REFUSE,
	    "description", a, &out, &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "description");
	assert_non_null(strstr(d.message, "telefonnummer"));
	assert_null(strstr(d.message, "123"));	/* never echoed */
	/* Clean text passes through untouched (same pointer). */
	assert_int_equal(pii_check("Klotter", SV_PII_REFUSE, "description",
	    a, &out, &d), SV_OK);
	assert_string_equal(out, "Klotter");
	assert_int_equal(pii_check(NULL, SV_PII_MASK, "description", a, &out,
	    &d), SV_OK);
	assert_null(out);
	sv_arena_free(a);
}

/* ---- suppression ---- */

static void
test_suppress_table(void **state)
{
	static const struct {
		int64_t		counts[6];
		size_t		n;
		const char	*hide;	/* '1' hidden */
	} t[] = {
		{ { 7, 6, 3, 1 }, 4, "0111" },	/* 3+1 < 5: 6 goes too */
		{ { 10, 4, 9 }, 3, "011" },	/* one hidden: next smallest */
		{ { 10, 3, 2, 9 }, 4, "0110" },	/* 3+2 = 5: enough */
		{ { 5, 6, 7 }, 3, "000" },
		{ { 0, 8, 0 }, 3, "000" },	/* zeros stay */
		{ { 2 }, 1, "1" },
		{ { 4, 0 }, 2, "10" },
	};
	unsigned char hide[6];
	size_t i, j, nh, want;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		nh = sharing_suppress(t[i].counts, t[i].n, 5, hide);
		for (j = 0; j < t[i].n; j++)
			if (hide[j] != (t[i].hide[j] == '1'))
				fail_msg("case %zu cell %zu", i, j);
		want = 0;
		for (j = 0; j < t[i].n; j++)
			want += t[i].hide[j] == '1';
		assert_int_equal(nh, want);
	}
}

/* ---- sharing on a database ---- */

struct world {
	struct sv_store	*s;
	struct sv_actor	 sys, rep_a, adm_a, adm_b, read_b, read_c, lasare_a;
	int64_t		 org_a, org_b, org_c;
};

static void
world_init(struct world *w, const char *name)
{
	struct sv_org_input a = { "KOMMUN", "Kommunen", "kommun", NULL, NULL };
	struct sv_org_input b = { "POLIS", "Polisen", "lokalpolisomrade", NULL,
	    NULL };
	struct sv_org_input c = { "BOLAG", "Bostadsbolaget", "bostadsbolag",
	    NULL, NULL };
	struct sv_diag d;
	char path[512];

	memset(w, 0, sizeof(*w));
	w->s = fresh(name, path, sizeof(path));
	actor_system(&w->sys);
	assert_int_equal(org_create(w->s, &w->sys, &a, &w->org_a, &d), SV_OK);
	assert_int_equal(org_create(w->s, &w->sys, &b, &w->org_b, &d), SV_OK);
	assert_int_equal(org_create(w->s, &w->sys, &c, &w->org_c, &d), SV_OK);
	w->rep_a.org_id = w->org_a;
	w->rep_a.role = SV_ROLE_RAPPORTOR;
	w->adm_a.org_id = w->org_a;
	w->adm_a.role = SV_ROLE_ADMIN;
	w->lasare_a.org_id = w->org_a;
	w->lasare_a.role = SV_ROLE_LASARE;
	w->adm_b.org_id = w->org_b;
	w->adm_b.role = SV_ROLE_ADMIN;
	w->read_b.org_id = w->org_b;
	w->read_b.role = SV_ROLE_LASARE;
	w->read_c.org_id = w->org_c;
	w->read_c.role = SV_ROLE_LASARE;
}

static int64_t
report(struct world *w, const char *cat, const char *text, int64_t t)
{
	struct sv_incident_input in;
	struct sv_diag d;
	int64_t id = 0;

	incident_input_init(&in);
	in.category = cat;
	in.observed_from = t;
	in.locate = SV_LOCATE_WGS84;
	in.a = 59.6099;
	in.b = 16.5448;
	in.description = text;
	sv_diag_clear(&d);
	if (incident_create(w->s, &w->rep_a, &in, &id, &d) != SV_OK)
		fail_msg("incident_create: %s: %s", d.field, d.message);
	return id;
}

/* How many incidents the actor gets listed. */
static size_t
listed(struct world *w, const struct sv_actor *a)
{
	struct sv_incident_filter f;
	struct sv_arena *ar = sv_arena_new();
	struct sv_incident *v;
	struct sv_diag d;
	char *next;
	size_t n;

	incident_filter_init(&f);
	f.limit = 1000;
	assert_int_equal(incident_query(w->s, a, &f, ar, &v, &n, &next, &d),
	    SV_OK);
	sv_arena_free(ar);
	return n;
}

static void
set_rule(struct world *w, const char *reader, const char *level)
{
	struct sv_diag d;

	sv_diag_clear(&d);
	if (sharing_set(w->s, &w->adm_a, "KOMMUN", reader, "incident", level,
	    &d) != SV_OK)
		fail_msg("sharing_set: %s", d.message);
}

static void
test_sharing(void **state)
{
	struct world w;
	struct sv_arena *ar = sv_arena_new();
	struct sv_incident inc;
	struct sv_incident_filter f;
	struct sv_count *c;
	struct sv_share_rule *rules;
	struct sv_diag d;
	int64_t id, total, bad;
	size_t n, i;
	int agg;

	(void)state;
	world_init(&w, "sharing");
	id = report(&w, "skadegorelse", "Klotter på skolan", 1763800000);
	for (i = 1; i < 7; i++)
		report(&w, "skadegorelse", "Klotter", 1763800000 + 3600 * i);
	for (i = 0; i < 6; i++)
		report(&w, "brand", NULL, 1763800000 + 60 * i);
	for (i = 0; i < 3; i++)
		report(&w, "inbrott", NULL, 1763800000 + 60 * i);
	report(&w, "vald", NULL, 1763800000);

	/* Default: others see everything but the free text. */
	assert_int_equal(sharing_level(w.s, &w.read_b, w.org_a,
	    SV_SHARE_INCIDENT), SV_SHARE_NO_TEXT);
	assert_int_equal(incident_get(w.s, &w.read_b, id, ar, &inc, &d), SV_OK);
	assert_null(inc.description);
	assert_int_equal(incident_get(w.s, &w.lasare_a, id, ar, &inc, &d),
	    SV_OK);
	assert_string_equal(inc.description, "Klotter på skolan");
	assert_int_equal(listed(&w, &w.read_b), 17);

	/* Full for POLIS only. */
	set_rule(&w, "POLIS", "full");
	assert_int_equal(incident_get(w.s, &w.read_b, id, ar, &inc, &d), SV_OK);
	assert_string_equal(inc.description, "Klotter på skolan");
	assert_int_equal(incident_get(w.s, &w.read_c, id, ar, &inc, &d), SV_OK);
	assert_null(inc.description);

	/* The owner's default none, POLIS still full by its own rule. */
	set_rule(&w, NULL, "none");
	assert_int_equal(listed(&w, &w.read_c), 0);
	assert_int_equal(incident_get(w.s, &w.read_c, id, ar, &inc, &d),
	    SV_ERR_NOTFOUND);
	assert_int_equal(listed(&w, &w.read_b), 17);
	incident_filter_init(&f);
	assert_int_equal(incident_counts(w.s, &w.read_c, &f,
	    SV_COUNT_CATEGORY, NULL, ar, &c, &n, &total, &d), SV_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);

	/* Aggregated: not listed, not found, counted with suppression. */
	set_rule(&w, "POLIS", "aggregated");
	assert_int_equal(sharing_has_aggregated(w.s, &w.read_b,
	    SV_SHARE_INCIDENT, &agg, &d), SV_OK);
	assert_true(agg);
	assert_int_equal(listed(&w, &w.read_b), 0);
	assert_int_equal(incident_get(w.s, &w.read_b, id, ar, &inc, &d),
	    SV_ERR_NOTFOUND);
	assert_int_equal(incident_counts(w.s, &w.read_b, &f,
	    SV_COUNT_CATEGORY, NULL, ar, &c, &n, &total, &d), SV_OK);
	assert_int_equal(total, 17);
	assert_int_equal(n, 4);
	/* brand 6, inbrott 3, skadegorelse 7, vald 1 (ordered by code) */
	assert_string_equal(c[0].key, "brand");
	assert_true(c[0].suppressed);		/* secondary */
	assert_string_equal(c[1].key, "inbrott");
	assert_true(c[1].suppressed);
	assert_int_equal(c[1].count, 0);
	assert_string_equal(c[2].key, "skadegorelse");
	assert_false(c[2].suppressed);
	assert_int_equal(c[2].count, 7);
	assert_true(c[3].suppressed);
	/* Week counts: one week with 17, shown. */
	assert_int_equal(incident_counts(w.s, &w.read_b, &f, SV_COUNT_WEEK,
	    NULL, ar, &c, &n, &total, &d), SV_OK);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].count, 17);
	/* A smaller total is hidden as well. */
	f.category = "inbrott";
	assert_int_equal(incident_counts(w.s, &w.read_b, &f,
	    SV_COUNT_CATEGORY, NULL, ar, &c, &n, &total, &d), SV_OK);
	assert_int_equal(total, -1);
	assert_true(c[0].suppressed);
	/* The owner's own readers are never suppressed. */
	assert_int_equal(incident_counts(w.s, &w.lasare_a, &f,
	    SV_COUNT_CATEGORY, NULL, ar, &c, &n, &total, &d), SV_OK);
	assert_int_equal(total, 3);
	assert_false(c[0].suppressed);
	assert_int_equal(c[0].count, 3);

	/* Rights: only the owner's admin sets its rules. */
	assert_int_equal(sharing_set(w.s, &w.adm_b, "KOMMUN", "POLIS",
	    "incident", "full", &d), SV_ERR_FORBIDDEN);
	assert_int_equal(sharing_set(w.s, &w.lasare_a, "KOMMUN", "POLIS",
	    "incident", "full", &d), SV_ERR_FORBIDDEN);
	assert_int_equal(sharing_set(w.s, &w.adm_a, "KOMMUN", "KOMMUN",
	    "incident", "full", &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "reader");
	assert_int_equal(sharing_set(w.s, &w.adm_a, "KOMMUN", "POLIS",
	    "incident", "everything", &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "level");
	assert_int_equal(sharing_set(w.s, &w.adm_a, "KOMMUN", "POLIS",
	    "weather", "full", &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "kind");
	assert_int_equal(sharing_set(w.s, &w.adm_a, "NOPE", "POLIS",
	    "incident", "full", &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "owner");

	/* List, delete back to the default. */
	assert_int_equal(sharing_list(w.s, &w.read_c, ar, &rules, &n, &d),
	    SV_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rules[0].owner, "KOMMUN");
	assert_null(rules[0].reader);
	assert_int_equal(rules[0].level, SV_SHARE_NONE);
	assert_string_equal(rules[1].reader, "POLIS");
	assert_int_equal(rules[1].level, SV_SHARE_AGGREGATED);
	assert_int_equal(sharing_delete(w.s, &w.adm_a, "KOMMUN", NULL,
	    "incident", &d), SV_OK);
	assert_int_equal(sharing_delete(w.s, &w.adm_a, "KOMMUN", NULL,
	    "incident", &d), SV_ERR_NOTFOUND);
	assert_int_equal(listed(&w, &w.read_c), 17);
	/* Other kinds are separate. */
	assert_int_equal(sharing_level(w.s, &w.read_b, w.org_a,
	    SV_SHARE_DIALOGUE), SV_SHARE_NO_TEXT);
	assert_int_equal(sharing_level(w.s, &w.read_b, w.org_a,
	    SV_SHARE_INCIDENT), SV_SHARE_AGGREGATED);
	assert_int_equal(sharing_level(w.s, &w.read_b, w.org_b,
	    SV_SHARE_INCIDENT), SV_SHARE_FULL);

	/* Every change is in the audit trail, and the chain holds. */
	assert_int_equal(audit_verify(w.s, &bad), SV_OK);
	sv_arena_free(ar);
	store_close(w.s);
}

static void
test_settings(void **state)
{
	struct world w;
	struct sv_arena *ar = sv_arena_new();
	struct sv_trust_value *v;
	struct sv_incident_input in;
	struct sv_incident inc;
	struct sv_diag d;
	int64_t id;
	size_t n;

	(void)state;
	world_init(&w, "settings");
	assert_int_equal(trust_int(w.s, SV_TRUST_MIN_COUNT), 5);
	assert_int_equal(trust_pii_mode(w.s), SV_PII_REFUSE);
	/* KOMMUN has no parent: its admin is a national admin. */
	assert_true(trust_is_national_admin(w.s, &w.adm_a));
	assert_false(trust_is_national_admin(w.s, &w.lasare_a));
	assert_int_equal(trust_set(w.s, &w.lasare_a, "min_count", "3", &d),
	    SV_ERR_FORBIDDEN);
	assert_int_equal(trust_set(w.s, &w.sys, "min_count", "0", &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "min_count");
	assert_int_equal(trust_set(w.s, &w.sys, "min_count", "3x", &d),
	    SV_ERR_INVALID);
	assert_int_equal(trust_set(w.s, &w.sys, "pii_mode", "ignore", &d),
	    SV_ERR_INVALID);
	assert_int_equal(trust_set(w.s, &w.sys, "colour", "red", &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "name");
	assert_int_equal(trust_set(w.s, &w.sys, "min_count", "3", &d), SV_OK);
	assert_int_equal(trust_int(w.s, SV_TRUST_MIN_COUNT), 3);
	assert_int_equal(trust_list(w.s, &w.read_b, ar, &v, &n, &d), SV_OK);
	assert_int_equal(n, SV_TRUST__MAX);
	assert_string_equal(v[SV_TRUST_MIN_COUNT].value, "3");
	assert_false(v[SV_TRUST_MIN_COUNT].is_default);
	assert_true(v[SV_TRUST_PII_MODE].is_default);
	assert_int_equal(trust_set(w.s, &w.sys, "min_count", NULL, &d), SV_OK);
	assert_int_equal(trust_int(w.s, SV_TRUST_MIN_COUNT), 5);

	/* Personal data in an incident: refused, then masked. */
	incident_input_init(&in);
	in.category = "skadegorelse";
	in.observed_from = 1763800000;
	in.locate = SV_LOCATE_WGS84;
	in.a = 59.6099;
	in.b = 16.5448;
	in.description = "Ring 070-123 45 67, pnr 19121212-1212";
	assert_int_equal(incident_create(w.s, &w.rep_a, &in, &id, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "description");
	assert_int_equal(trust_set(w.s, &w.sys, "pii_mode", "mask", &d),
	    SV_OK);
	assert_int_equal(incident_create(w.s, &w.rep_a, &in, &id, &d), SV_OK);
	assert_int_equal(incident_get(w.s, &w.rep_a, id, ar, &inc, &d), SV_OK);
	assert_string_equal(inc.description,
	    "Ring [telefonnummer], pnr [personnummer]");
	sv_arena_free(ar);
	store_close(w.s);
}

/* ---- retention ---- */

static int64_t
count_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t n = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
test_retention(void **state)
{
	struct sv_retention_result r[SV_RET__MAX];
	struct world w;
	struct sv_diag d;
	char path[512];
	const int64_t now = 1763800000;	/* 2025-11-22 */
	const int64_t day = 86400;
	int64_t bad, i, audits;

	(void)state;
	world_init(&w, "retention");
	snprintf(path, sizeof(path), "%s/retention.db", dir);
	/* 400 incidents, one every 5 days back from now: 2000 days. */
	for (i = 0; i < 400; i++)
		report(&w, i % 2 ? "brand" : "skadegorelse", "Text",
		    now - i * 5 * day - 3600);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM incident"), 400);
	assert_int_equal(retention_run(w.s, &w.read_b, now, 0, 0, r, &d),
	    SV_ERR_FORBIDDEN);
	/* Dry run: counts only. Text older than 365 days: i*5 >= 365 for
	 * i >= 73 (i = 73 is 365 days and an hour old): 327. Incidents
	 * older than 1826 days: i >= 366: 34 of them. */
	assert_int_equal(retention_run(w.s, &w.sys, now, 1, 0, r, &d), SV_OK);
	assert_int_equal(r[SV_RET_INCIDENT_TEXT].rows, 327);
	assert_int_equal(r[SV_RET_INCIDENT].rows, 34);
	assert_int_equal(r[SV_RET_INCIDENT_TEXT].batches, 0);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM incident WHERE "
	    "description IS NOT NULL"), 400);
	audits = count_sql(path, "SELECT count(*) FROM audit_event");

	/* The run, in batches of 50. */
	assert_int_equal(retention_run(w.s, &w.sys, now, 0, 50, r, &d), SV_OK);
	assert_int_equal(r[SV_RET_INCIDENT_TEXT].rows, 327);
	assert_int_equal(r[SV_RET_INCIDENT_TEXT].batches, 7);
	assert_int_equal(r[SV_RET_INCIDENT].rows, 34);
	assert_int_equal(r[SV_RET_INCIDENT].batches, 1);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM incident"), 366);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM incident WHERE "
	    "description IS NOT NULL"), 73);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM incident WHERE "
	    "created_by IS NOT NULL OR (description IS NOT NULL AND "
	    "observed_from < 1763800000 - 365 * 86400)"), 0);
	/* The read model follows the deletions. */
	assert_int_equal(count_sql(path, "SELECT count(*) FROM incident_fact "
	    "WHERE incident_id NOT IN (SELECT id FROM incident)"), 0);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM audit_event") -
	    audits, 8);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM audit_event "
	    "WHERE action = 'retention' AND detail LIKE "
	    "'{\"before\":null,\"after\":{\"kind\":\"incident\","
	    "\"action\":\"deleted\",\"count\":34,%'"), 1);

	/* Again: nothing to do, nothing logged. */
	audits = count_sql(path, "SELECT count(*) FROM audit_event");
	assert_int_equal(retention_run(w.s, &w.sys, now, 0, 50, r, &d), SV_OK);
	for (i = 0; i < SV_RET__MAX; i++)
		assert_int_equal(r[i].rows, 0);
	assert_int_equal(count_sql(path, "SELECT count(*) FROM audit_event"),
	    audits);

	/* Periods are settings; 0 keeps. */
	assert_int_equal(trust_set(w.s, &w.sys, "retention.incident", "0", &d),
	    SV_OK);
	assert_int_equal(trust_set(w.s, &w.sys, "retention.incident_text",
	    "30", &d), SV_OK);
	assert_int_equal(retention_run(w.s, &w.sys, now, 0, 0, r, &d), SV_OK);
	assert_int_equal(r[SV_RET_INCIDENT].days, 0);
	assert_int_equal(r[SV_RET_INCIDENT].rows, 0);
	/* i*5 days + 1 h >= 30 days for i >= 6: 73 - 6 = 67 more. */
	assert_int_equal(r[SV_RET_INCIDENT_TEXT].rows, 67);
	assert_int_equal(audit_verify(w.s, &bad), SV_OK);
	store_close(w.s);
}

/* ---- audit tampering ---- */

static void
raw(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static void
make_trail(const char *name, char *path, size_t len)
{
	struct sv_store *s = fresh(name, path, len);
	struct sv_actor sys;
	struct sv_org_input o = { NULL, "Org", "kommun", NULL, NULL };
	struct sv_diag d;
	char code[8];
	int64_t bad;
	int i;

	actor_system(&sys);
	for (i = 0; i < 6; i++) {
		snprintf(code, sizeof(code), "O%d", i);
		o.code = code;
		assert_int_equal(org_create(s, &sys, &o, NULL, &d), SV_OK);
	}
	assert_int_equal(audit_verify(s, &bad), SV_OK);
	store_close(s);
}

static int64_t
verify_file(const char *path)
{
	struct sv_store *s;
	struct sv_diag d;
	int64_t bad = -1;
	enum sv_err e;

	assert_int_equal(store_open(path, &s, &d), SV_OK);
	e = audit_verify(s, &bad);
	store_close(s);
	return e == SV_OK ? 0 : e == SV_ERR_CONFLICT ? bad : -1;
}

static void
test_audit_tamper(void **state)
{
	char path[512];

	(void)state;
	/* The triggers refuse changes made through SQL... */
	make_trail("tamper_trigger", path, sizeof(path));
	{
		sqlite3 *db;

		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_not_equal(sqlite3_exec(db, "UPDATE audit_event SET "
		    "detail = 'x' WHERE id = 3", NULL, NULL, NULL), SQLITE_OK);
		assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit_event "
		    "WHERE id = 3", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	assert_int_equal(verify_file(path), 0);

	/* ...so an attacker drops them first. An altered detail: */
	make_trail("tamper_update", path, sizeof(path));
	raw(path, "DROP TRIGGER audit_event_no_update; UPDATE audit_event "
	    "SET detail = 'O9' WHERE id = 3");
	assert_int_equal(verify_file(path), 3);
	/* An altered time, user or action: */
	make_trail("tamper_at", path, sizeof(path));
	raw(path, "DROP TRIGGER audit_event_no_update; UPDATE audit_event "
	    "SET at = at + 1 WHERE id = 5");
	assert_int_equal(verify_file(path), 5);
	make_trail("tamper_action", path, sizeof(path));
	raw(path, "DROP TRIGGER audit_event_no_update; UPDATE audit_event "
	    "SET action = 'read' WHERE id = 1");
	assert_int_equal(verify_file(path), 1);
	/* A removed entry: the next one no longer links. */
	make_trail("tamper_delete", path, sizeof(path));
	raw(path, "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event "
	    "WHERE id = 3");
	assert_int_equal(verify_file(path), 4);
	/* The first one removed. */
	make_trail("tamper_first", path, sizeof(path));
	raw(path, "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event "
	    "WHERE id = 1");
	assert_int_equal(verify_file(path), 2);
	/* A forged entry appended with hashes copied from another. */
	make_trail("tamper_insert", path, sizeof(path));
	raw(path, "INSERT INTO audit_event(id, at, action, entity, prev_hash, "
	    "hash) SELECT 100, at, 'create', 'organisation', prev_hash, hash "
	    "FROM audit_event WHERE id = 4; DROP TRIGGER audit_event_no_update; "
	    "UPDATE audit_event SET id = 7 WHERE id = 100");
	assert_int_equal(verify_file(path), 7);
}

static int
rm_tree(void)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char p[512];

	if (dp == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(dp);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_personnummer_table),
		cmocka_unit_test(test_scan_table),
		cmocka_unit_test(test_mask_refuse),
		cmocka_unit_test(test_suppress_table),
		cmocka_unit_test(test_sharing),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_retention),
		cmocka_unit_test(test_audit_tamper),
	};
	char tmpl[] = "/tmp/sv-trust-XXXXXX";
	int rc;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	snprintf(dir, sizeof(dir), "%s", tmpl);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rm_tree();
	return rc;
}
