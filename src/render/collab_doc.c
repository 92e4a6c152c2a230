/*
 * The agreement, action plan and follow-up report as document blocks
 * (see collab_doc.h). Swedish labels for the enumerations live here, in
 * tables parallel to the domain's value lists.
 */
#include <inttypes.h>
#include <string.h>

#include "core/svtime.h"
#include "domain/agreement.h"
#include "domain/area.h"
#include "domain/body.h"
#include "domain/collab.h"
#include "domain/dialogue.h"
#include "domain/document.h"
#include "domain/due.h"
#include "domain/incident.h"
#include "domain/organisation.h"
#include "domain/plan.h"
#include "domain/sharing.h"
#include "domain/trust.h"
#include "render/collab_doc.h"
#include "store/store.h"

#define HAS(v)	((v)->set && !(v)->null)

/* Swedish words for stored enumeration values. */
static const char *const words[][2] = {
	{ "utkast", "Utkast" }, { "gallande", "Gällande" },
	{ "upphord", "Upphörd" }, { "samverkansoverenskommelse",
	"Samverkansöverenskommelse" }, { "lokal_overenskommelse",
	"Lokal samverkansöverenskommelse" }, { "ramoverenskommelse",
	"Övergripande överenskommelse" }, { "operativ_overenskommelse",
	"Operativ överenskommelse" }, { "avsiktsforklaring",
	"Avsiktsförklaring" }, { "strategisk_ledning", "Strategisk ledning" },
	{ "operativ_ledning", "Operativ ledning" }, { "styrgrupp",
	"Styrgrupp" }, { "beredningsgrupp", "Beredningsgrupp" },
	{ "projektgrupp", "Projektgrupp" }, { "arbetsgrupp", "Arbetsgrupp" },
	{ "est_grupp", "EST-grupp" }, { "trygghetsrad", "Trygghetsråd" },
	{ "brottsforebyggande_rad", "Brottsförebyggande råd" },
	{ "samordningsfunktion", "Samordnande funktion" },
	{ "namnd", "Nämnd eller styrelse" }, { "ledamot", "ledamot" },
	{ "sammankallande", "sammankallande" }, { "ordforande",
	"ordförande" }, { "vice_ordforande", "vice ordförande" },
	{ "adjungerad", "adjungerad" }, { "sekreterare", "sekreterare" },
	{ "ersattare", "ersättare" }, { "effekt", "Effektmål" },
	{ "process", "Processmål" }, { "produktion", "Produktionsmål" },
	{ "reaktiv", "reaktivt" }, { "forebyggande", "förebyggande" },
	{ "langsiktig", "långsiktigt" }, { "planerad", "planerad" },
	{ "pagar", "pågår" }, { "klar", "klar" }, { "installd", "inställd" },
	{ "orsak", "Orsak" }, { "rotorsak", "Grundorsak" },
	{ "handelse", "Händelsekedja" }, { "plats", "plats" },
	{ "gerningsperson", "gärningsperson" }, { "mal", "mål/offer" },
	{ "polisen", "Polisen" }, { "kommunen", "Kommunen" },
	{ "gemensamt", "Gemensamt" }, { "partner", "Partner" },
	{ "ej_paborjad", "ej påbörjad" }, { "delvis", "delvis" },
	{ "genomford", "genomförd" }, { "ej_genomford", "ej genomförd" },
	{ "gron", "grön" }, { "gul", "gul" }, { "rod", "röd" },
	{ "omfattning", "Omfattning" }, { "allvarlighet", "Allvarlighet" },
	{ "otrygghet", "Otrygghet" }, { "utveckling", "Utveckling" },
	{ "paverkbarhet", "Påverkbarhet" }, { "samhallskostnad",
	"Samhällskostnad" }, { "minst", "minst" }, { "hogst", "högst" },
	{ "exakt", "exakt" }, { "dag", "per dag" }, { "vecka", "per vecka" },
	{ "manad", "per månad" }, { "tertial", "per tertial" },
	{ "ar", "per år" }, { "period", "under perioden" },
	{ "tillfalle", "per tillfälle" }, { "medborgardialog",
	"Medborgardialog" }, { "medarbetardialog", "Medarbetardialog" },
	{ "trygghetsvandring", "Trygghetsvandring" }, { "beslutad",
	"beslutad" }, { "arkiverad", "arkiverad" },
};

static const char *
sv(const char *v)
{
	size_t i;

	if (v == NULL)
		return "";
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i][0], v) == 0)
			return words[i][1];
	return v;
}

static const char *const weekdays[] = {
	"", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag",
	"söndag",
};

static const char *
txt(const struct co_rec *r, const char *f)
{
	const struct co_val *v = co_rec_val(r, f);

	return HAS(v) ? v->s : NULL;
}

static const char *
org_name(struct sv_store *s, struct sv_arena *a, const char *code)
{
	struct sv_org o;

	if (code == NULL)
		return NULL;
	if (org_get(s, code, a, &o, NULL) != SV_OK)
		return code;
	return o.name;
}

static const char *
area_name(struct sv_store *s, struct sv_arena *a, const struct co_val *v)
{
	struct sv_area ar;

	if (!HAS(v))
		return NULL;
	if (area_get(s, v->i, 0, a, &ar, NULL) != SV_OK)
		return "?";
	return ar.name;
}

static void
kv(struct rdoc *d, const char *label, const char *text)
{
	if (text != NULL && *text != '\0')
		rdoc_add(d, RDOC_KV, label, text);
}

static void
finish(struct rdoc *d, int64_t now, struct sv_arena *a, const char *what)
{
	char day[11], dig[13];

	co_date_of(now > 0 ? now : co_now(), day);
	rdoc_digest(d, dig);
	rdoc_footer(d, day, sv_arena_printf(a, "%s, version %s", what, dig));
}

static const char *
cadence_text(struct sv_arena *a, const struct co_rec *b)
{
	const struct co_val *min = co_rec_val(b, "meetings_min");
	const struct co_val *max = co_rec_val(b, "meetings_max");
	const struct co_val *wd = co_rec_val(b, "weekday");
	const char *c = co_rec_val(b, "cadence")->s;
	const char *day = HAS(wd) && wd->i >= 1 && wd->i <= 7 ?
	    sv_arena_printf(a, " på %s", weekdays[wd->i]) : "";

	if (strcmp(c, "per_ar") == 0) {
		if (HAS(max) && max->i != min->i)
			return sv_arena_printf(a, "%" PRId64 "–%" PRId64
			    " möten per år", min->i, max->i);
		return sv_arena_printf(a, "%" PRId64 " möten per år", min->i);
	}
	if (strcmp(c, "veckovis") == 0)
		return sv_arena_printf(a, "varje vecka%s", day);
	if (strcmp(c, "varannan_vecka") == 0)
		return sv_arena_printf(a, "varannan vecka%s", day);
	if (strcmp(c, "manadsvis") == 0)
		return "varje månad";
	if (strcmp(c, "kvartalsvis") == 0)
		return "varje kvartal";
	return "vid behov";
}

static enum sv_err
bodies(struct sv_store *s, int64_t agr, struct sv_arena *a, struct rdoc *d,
    struct sv_diag *diag)
{
	struct co_rec **b, **m, *t;
	const struct co_val *rt, *ap;
	const char *org, *role;
	size_t nb, nm, i, k;
	enum sv_err e;

	if ((e = co_list(s, CO_BODY, agr, 0, a, &b, &nb, diag)) != SV_OK)
		return e;
	if (nb == 0)
		return SV_OK;
	rdoc_add(d, RDOC_H1, NULL, "Ledningsstruktur och organ");
	for (i = 0; i < nb; i++) {
		rdoc_addf(d, RDOC_H2, "%s (%s)", txt(b[i], "name"),
		    sv(txt(b[i], "kind")));
		kv(d, "Mandat:", txt(b[i], "mandate"));
		kv(d, "Möten:", cadence_text(a, b[i]));
		rt = co_rec_val(b[i], "reports_to_id");
		if (HAS(rt) && co_get(s, CO_BODY, rt->i, a, &t, NULL) == SV_OK)
			kv(d, "Rapporterar till:", txt(t, "name"));
		ap = co_rec_val(b[i], "appointed_by_id");
		if (HAS(ap) && co_get(s, CO_BODY, ap->i, a, &t, NULL) == SV_OK)
			kv(d, "Tillsätts av:", txt(t, "name"));
		if (!co_rec_val(b[i], "permanent")->i) {
			kv(d, "Tillfällig, uppdrag:", txt(b[i], "mission"));
			kv(d, "Upphör:", txt(b[i], "ends_on"));
		}
		if (co_rec_val(b[i], "may_co_opt")->i)
			rdoc_add(d, RDOC_P, NULL, "Fler deltagare kan "
			    "adjungeras vid behov.");
		if ((e = co_list(s, CO_MEMBER, b[i]->id, 0, a, &m, &nm,
		    diag)) != SV_OK)
			return e;
		for (k = 0; k < nm; k++) {
			org = org_name(s, a, txt(m[k], "organisation"));
			role = txt(m[k], "role");
			rdoc_addf(d, RDOC_ITEM, "%s%s%s%s%s%s%s",
			    txt(m[k], "function"), org ? ", " : "",
			    org ? org : "", txt(m[k], "person") ? ": " : "",
			    txt(m[k], "person") ? txt(m[k], "person") : "",
			    role && strcmp(role, "ledamot") != 0 ? " – " : "",
			    role && strcmp(role, "ledamot") != 0 ? sv(role) :
			    "");
		}
	}
	return SV_OK;
}

static enum sv_err
attachments(struct sv_store *s, int64_t agr, struct sv_arena *a,
    struct rdoc *d, struct sv_diag *diag)
{
	struct co_rec **v;
	struct sv_adoption ad;
	char day[11];
	size_t n, i, j;
	int64_t num;
	enum sv_err e;
	int adopted;

	if ((e = co_list(s, CO_ATTACHMENT, agr, 0, a, &v, &n, diag)) != SV_OK)
		return e;
	if (n == 0)
		return SV_OK;
	rdoc_add(d, RDOC_H1, NULL, "Bilagor");
	/* per number: the newest adopted version counts; later ones are
	 * drafts */
	for (i = 0; i < n; i = j) {
		num = co_rec_val(v[i], "number")->i;
		for (j = i; j < n && co_rec_val(v[j], "number")->i == num; j++)
			;
		adopted = 0;
		for (size_t k = j; k-- > i; ) {
			if ((e = attachment_adoption(s, v[k]->id, a, &ad,
			    diag)) != SV_OK)
				return e;
			if (ad.decision_id == 0) {
				rdoc_addf(d, RDOC_NOTE, "Bilaga %" PRId64 ", "
				    "version %" PRId64 " (daterad %s) är ett "
				    "utkast och gäller först när ett beslut "
				    "antagit den.", num,
				    co_rec_val(v[k], "version")->i,
				    txt(v[k], "dated"));
				continue;
			}
			co_date_of(ad.decided_at, day);
			rdoc_addf(d, RDOC_H2, "Bilaga %" PRId64 ": %s", num,
			    txt(v[k], "title"));
			rdoc_addf(d, RDOC_KV, "Version %" PRId64 ", daterad "
			    "%s, antagen av %s %s, § %" PRId64 ".",
			    co_rec_val(v[k], "version")->i,
			    txt(v[k], "dated"), ad.body ? ad.body : "", day,
			    ad.paragraph);
			if (txt(v[k], "content"))
				rdoc_add(d, RDOC_P, NULL, txt(v[k], "content"));
			if (txt(v[k], "file_name"))
				kv(d, "Fil:", txt(v[k], "file_name"));
			adopted = 1;
			break;
		}
		if (!adopted)
			rdoc_addf(d, RDOC_NOTE, "Bilaga %" PRId64 " (%s) har "
			    "ingen antagen version.", num, txt(v[i], "title"));
	}
	return SV_OK;
}

/*
 * The agreement's filed documents as the viewer may see them: the
 * domain's list applies the rules of kind document (nothing below
 * no_text); the file is named only at full, as the JSON gives its href.
 */
static enum sv_err
documents(struct sv_store *s, const struct sv_actor *viewer, int64_t agr,
    struct sv_arena *a, struct rdoc *d, struct sv_diag *diag)
{
	struct sv_document_filter f;
	struct sv_document *v;
	size_t n, i;
	enum sv_err e;

	memset(&f, 0, sizeof(f));
	f.agreement_id = agr;
	if ((e = document_list(s, viewer, &f, a, &v, &n, diag)) != SV_OK)
		return e;
	if (n == 0)
		return SV_OK;
	rdoc_add(d, RDOC_H1, NULL, "Diarieförda dokument");
	for (i = 0; i < n; i++) {
		rdoc_addf(d, RDOC_ITEM, "%s, version %" PRId64 " (%s, %s%s%s)"
		    "%s%s", v[i].title, v[i].version,
		    sv_doc_kind_labels[v[i].kind],
		    sv(sv_doc_status_names[v[i].status]),
		    v[i].decision_text ? ", " : "",
		    v[i].decision_text ? v[i].decision_text : "",
		    v[i].diarienummer ? ", dnr " : "",
		    v[i].diarienummer ? v[i].diarienummer : "");
		if (v[i].may_read_file)
			kv(d, "Fil:", sv_arena_printf(a, "%s (%" PRId64
			    " byte, SHA-256 %s)", v[i].file_name, v[i].bytes,
			    v[i].sha256));
	}
	return SV_OK;
}

/*
 * The agreement's dialogues held in [from, to] (dates, NULL = open) as
 * the viewer may see them (domain/dialogue.h, the JSON routes' rule):
 * below no_text a dialogue is left out, below full its free text is.
 */
static enum sv_err
dialogues(struct sv_store *s, const struct sv_actor *viewer, int64_t agr,
    const char *from, const char *to, struct sv_arena *a, struct rdoc *d,
    struct sv_diag *diag)
{
	struct co_rec **v;
	const struct co_val *np;
	enum sv_share_level l;
	const char *on, *org;
	size_t n, i;
	enum sv_err e;
	int head = 0;

	if ((e = co_list(s, CO_DIALOGUE, 0, 0, a, &v, &n, diag)) != SV_OK)
		return e;
	for (i = 0; i < n; i++) {
		on = txt(v[i], "held_on");
		if (v[i]->agreement_id != agr || on == NULL ||
		    (from != NULL && strcmp(on, from) < 0) ||
		    (to != NULL && strcmp(on, to) > 0))
			continue;
		if ((l = dialogue_share_level(s, viewer, v[i])) <
		    SV_SHARE_NO_TEXT)
			continue;
		if (l < SV_SHARE_FULL)
			dialogue_withhold_text(v[i]);
		if (!head++)
			rdoc_add(d, RDOC_H1, NULL, "Dialoger och "
			    "trygghetsvandringar");
		org = org_name(s, a, txt(v[i], "organisation"));
		np = co_rec_val(v[i], "participants");
		rdoc_addf(d, RDOC_H2, "%s %s%s%s", sv(txt(v[i], "kind")), on,
		    HAS(co_rec_val(v[i], "area_id")) ? ", " : "",
		    HAS(co_rec_val(v[i], "area_id")) ? area_name(s, a,
		    co_rec_val(v[i], "area_id")) : "");
		kv(d, "Arrangör:", org);
		if (HAS(np))
			kv(d, "Antal deltagare:", sv_arena_printf(a, "%" PRId64,
			    np->i));
		if (l < SV_SHARE_FULL) {
			rdoc_add(d, RDOC_NOTE, NULL, "Anteckningarna delas "
			    "inte med din organisation.");
			continue;
		}
		kv(d, "Deltagare:", txt(v[i], "participant_groups"));
		kv(d, "Teman:", txt(v[i], "themes"));
		kv(d, "Anteckningar:", txt(v[i], "notes"));
	}
	return SV_OK;
}

/* Instant of the Stockholm midnight that starts date ymd plus days. */
static int
date_instant(const char *ymd, int days, int64_t *out)
{
	struct sv_diag dg;
	struct sv_civil c;
	int64_t t;
	int y, m, dd;

	if (ymd == NULL || sv_time_parse(ymd, &t, "date", &dg) != SV_OK)
		return 0;
	sv_stockholm_civil(t, &c);
	sv_civil_from_days(sv_days_from_civil(c.year, c.month, c.day) + days,
	    &y, &m, &dd);
	*out = sv_stockholm_instant(y, m, dd, 0, 0, 0);
	return 1;
}

/*
 * The incidents reported in each of a problem's areas in the plan's
 * period, by the problem's categories (all when it names none), as the
 * viewer may count them: incident_counts applies the sharing rules in
 * SQL and suppresses small counts when some reach the viewer only as
 * aggregated figures, as /stats/counts does.
 */
static enum sv_err
incident_figures(struct sv_store *s, const struct sv_actor *viewer,
    const struct co_rec *plan, const struct co_rec *pr, struct sv_arena *a,
    struct rdoc *d, struct sv_diag *diag)
{
	struct sv_incident_filter f;
	struct co_rec **ar, **cat;
	struct sv_count *c;
	struct sv_area area;
	size_t nar, ncat, nc, i, k, j;
	int64_t total, min;
	enum sv_err e;
	int shown;

	if ((e = co_list(s, CO_PROBLEM_AREA, pr->id, 0, a, &ar, &nar, diag)) !=
	    SV_OK || (e = co_list(s, CO_PROBLEM_CATEGORY, pr->id, 0, a, &cat,
	    &ncat, diag)) != SV_OK)
		return e;
	if (nar == 0)
		return SV_OK;
	incident_filter_init(&f);
	if (!date_instant(txt(plan, "period_from"), 0, &f.from) ||
	    !date_instant(txt(plan, "period_to"), 1, &f.to))
		return SV_OK;
	f.has_from = f.has_to = 1;
	min = trust_int(s, SV_TRUST_MIN_COUNT);
	rdoc_add(d, RDOC_H2, NULL, "Anmälda händelser under perioden");
	for (i = 0; i < nar; i++) {
		if (area_get(s, co_rec_val(ar[i], "area_id")->i, 0, a, &area,
		    diag) != SV_OK)
			continue;
		f.area = area.code;
		f.layer = area.layer;
		if ((e = incident_counts(s, viewer, &f, SV_COUNT_CATEGORY,
		    NULL, a, &c, &nc, &total, diag)) != SV_OK)
			return e;
		rdoc_add(d, RDOC_KV, sv_arena_printf(a, "%s:", area.name),
		    total < 0 ? sv_arena_printf(a, "färre än %" PRId64
		    " (dolt)", min) : sv_arena_printf(a, "%" PRId64, total));
		for (k = 0; k < nc; k++) {
			shown = ncat == 0;
			for (j = 0; j < ncat && !shown; j++)
				shown = strcmp(c[k].key, txt(cat[j],
				    "category")) == 0;
			if (!shown)
				continue;
			rdoc_addf(d, RDOC_ITEM, "%s: %s", c[k].label,
			    c[k].suppressed ? "dolt (för få att visa)" :
			    sv_arena_printf(a, "%" PRId64, c[k].count));
		}
	}
	return SV_OK;
}

enum sv_err
collab_doc_agreement(struct sv_store *s, const struct sv_actor *viewer,
    int64_t id, int64_t now, struct sv_arena *a, struct rdoc **out,
    struct sv_diag *diag)
{
	struct co_rec *g, *p, **v;
	const struct co_val *to, *par;
	struct rdoc *d;
	struct sv_org o;
	size_t n, i;
	enum sv_err e;
	const char *ext;

	if ((e = co_get(s, CO_AGREEMENT, id, a, &g, diag)) != SV_OK)
		return e;
	d = rdoc_new(a, txt(g, "title"));
	rdoc_add(d, RDOC_TITLE, NULL, txt(g, "title"));
	kv(d, "Slag:", sv(txt(g, "kind")));
	kv(d, "Status:", sv(txt(g, "status")));
	kv(d, "Diarienummer:", txt(g, "diarienummer"));
	to = co_rec_val(g, "valid_to");
	ext = txt(g, "extension");
	kv(d, "Giltighet:", HAS(to) ? sv_arena_printf(a, "%s – %s%s",
	    txt(g, "valid_from"), to->s, strcmp(ext, "antagen") == 0 ?
	    ", med antagande om förlängning" : strcmp(ext, "automatisk") ==
	    0 ? ", förlängs automatiskt" : strcmp(ext, "genom_beslut") == 0 ?
	    ", kan förlängas genom beslut" : "") : sv_arena_printf(a,
	    "från %s tills vidare", txt(g, "valid_from")));
	if (HAS(co_rec_val(g, "revision_months")))
		kv(d, "Revideras:", sv_arena_printf(a, "var %" PRId64 ":e "
		    "månad", co_rec_val(g, "revision_months")->i));
	if (HAS(co_rec_val(g, "lagesbild_revision_months")))
		kv(d, "Lägesbilden revideras:", sv_arena_printf(a, "minst var "
		    "%" PRId64 ":e månad", co_rec_val(g,
		    "lagesbild_revision_months")->i));
	par = co_rec_val(g, "parent_id");
	if (HAS(par) && co_get(s, CO_AGREEMENT, par->i, a, &p, NULL) == SV_OK)
		kv(d, "Överordnad överenskommelse:", txt(p, "title"));
	if (txt(g, "approved_by"))
		kv(d, "Godkänd:", sv_arena_printf(a, "%s%s%s%s%s",
		    txt(g, "approved_by"), txt(g, "approval_date") ? " " : "",
		    txt(g, "approval_date") ? txt(g, "approval_date") : "",
		    txt(g, "approval_case") ? ", dnr " : "",
		    txt(g, "approval_case") ? txt(g, "approval_case") : ""));
	if ((e = co_list(s, CO_PARTY, id, 0, a, &v, &n, diag)) != SV_OK)
		return e;
	if (n > 0)
		rdoc_add(d, RDOC_H1, NULL, "Parter");
	for (i = 0; i < n; i++) {
		if (org_get(s, txt(v[i], "organisation"), a, &o, NULL) != SV_OK)
			continue;
		rdoc_addf(d, RDOC_ITEM, "%s%s%s%s%s%s%s", o.name,
		    o.org_number ? ", org.nr " : "",
		    o.org_number ? o.org_number : "",
		    txt(v[i], "address") ? ", " : "",
		    txt(v[i], "address") ? txt(v[i], "address") : "",
		    txt(v[i], "designation") ? sv_arena_printf(a, " (”%s”)",
		    txt(v[i], "designation")) : "", txt(v[i], "role") ?
		    sv_arena_printf(a, ": %s", txt(v[i], "role")) : "");
	}
	if (txt(g, "purpose")) {
		rdoc_add(d, RDOC_H1, NULL, "Syfte");
		rdoc_add(d, RDOC_P, NULL, txt(g, "purpose"));
	}
	if (txt(g, "long_term_goal")) {
		rdoc_add(d, RDOC_H1, NULL, "Långsiktigt mål");
		rdoc_add(d, RDOC_P, NULL, txt(g, "long_term_goal"));
	}
	if ((e = co_list(s, CO_PRINCIPLE, id, 0, a, &v, &n, diag)) != SV_OK)
		return e;
	if (n > 0)
		rdoc_add(d, RDOC_H1, NULL, "Principer för arbetet");
	for (i = 0; i < n; i++)
		rdoc_addf(d, RDOC_ITEM, "%s%s%s", txt(v[i], "title"),
		    txt(v[i], "description") ? " – " : "",
		    txt(v[i], "description") ? txt(v[i], "description") : "");
	if (co_rec_val(g, "time_perspectives")->i) {
		rdoc_add(d, RDOC_H1, NULL, "Tidsperspektiv");
		rdoc_add(d, RDOC_P, NULL, "Parterna arbetar i tre "
		    "tidsperspektiv samtidigt: kortsiktigt med insatser av "
		    "reaktiv karaktär, förebyggande mot problemens uppkomst "
		    "och långsiktigt för att förändra förutsättningarna.");
	}
	if ((e = co_list(s, CO_AGR_AREA, id, 0, a, &v, &n, diag)) != SV_OK)
		return e;
	if (n > 0)
		rdoc_add(d, RDOC_H1, NULL, "Geografiskt fokus");
	for (i = 0; i < n; i++)
		rdoc_addf(d, RDOC_ITEM, "%s%s%s", area_name(s, a,
		    co_rec_val(v[i], "area_id")), txt(v[i], "reason") ?
		    " – " : "", txt(v[i], "reason") ? txt(v[i], "reason") : "");
	if ((e = bodies(s, id, a, d, diag)) != SV_OK)
		return e;
	if (co_rec_val(g, "info_duty")->i) {
		rdoc_add(d, RDOC_H1, NULL, "Information");
		rdoc_add(d, RDOC_P, NULL, "Respektive part lämnar till den "
		    "andra partens beslutsfattare information om händelser "
		    "eller åtgärder som kan antas ha väsentlig betydelse för "
		    "överenskommelsen eller dess bilagor, så snart det är "
		    "möjligt.");
	}
	if ((e = attachments(s, id, a, d, diag)) != SV_OK ||
	    (e = documents(s, viewer, id, a, d, diag)) != SV_OK)
		return e;
	if ((e = co_list(s, CO_SIGNATORY, id, 0, a, &v, &n, diag)) != SV_OK)
		return e;
	if (n > 0 || txt(g, "signed_place")) {
		rdoc_add(d, RDOC_H1, NULL, "Underskrifter");
		kv(d, "Ort och datum:", sv_arena_printf(a, "%s %s",
		    txt(g, "signed_place") ? txt(g, "signed_place") : "",
		    txt(g, "signed_on") ? txt(g, "signed_on") : ""));
	}
	for (i = 0; i < n; i++)
		rdoc_addf(d, RDOC_ITEM, "%s, %s%s, %s%s%s", txt(v[i], "name"),
		    co_rec_val(v[i], "acting")->i ? "tf. " : "",
		    txt(v[i], "title"), org_name(s, a,
		    txt(v[i], "organisation")), txt(v[i], "signed_on") ?
		    ", undertecknat " : "", txt(v[i], "signed_on") ?
		    txt(v[i], "signed_on") : "");
	finish(d, now, a, sv_arena_printf(a, "överenskommelse %" PRId64, id));
	*out = d;
	return SV_OK;
}

static int
in_plan(const struct co_rec *r, int64_t plan)
{
	const struct co_val *p = co_rec_val(r, "plan_id");

	return HAS(p) && p->i == plan;
}

static enum sv_err
goal_block(struct sv_store *s, struct sv_arena *a, struct rdoc *d,
    const struct co_rec *g, struct co_rec **act, size_t nact,
    struct sv_diag *diag)
{
	const struct co_val *b = co_rec_val(g, "baseline");
	const struct co_val *t = co_rec_val(g, "target");
	struct co_rec **up;
	size_t k, nup;
	enum sv_err e;

	rdoc_addf(d, RDOC_KV, "%s: %s", sv(txt(g, "kind")), txt(g, "text"));
	if (HAS(t))
		rdoc_addf(d, RDOC_P, "Utgångsvärde %s%s, målvärde %g%s%s "
		    "(%s).", HAS(b) ? sv_arena_printf(a, "%g", b->d) : "–",
		    txt(g, "baseline_date") ? sv_arena_printf(a, " (%s)",
		    txt(g, "baseline_date")) : "", t->d, txt(g, "target_date") ?
		    " senast " : "", txt(g, "target_date") ?
		    txt(g, "target_date") : "", sv(txt(g, "direction")));
	for (k = 0; k < nact; k++) {
		if (co_rec_val(act[k], "goal_id")->i != g->id)
			continue;
		rdoc_addf(d, RDOC_ITEM, "%s – %s%s%s; ansvarig: %s; %s%s%s; "
		    "status: %s", txt(act[k], "title"),
		    txt(act[k], "method") ? "metod: " : "",
		    txt(act[k], "method") ? txt(act[k], "method") : "",
		    txt(act[k], "method") ? "" : "ingen metod angiven",
		    txt(act[k], "organisation") ? org_name(s, a,
		    txt(act[k], "organisation")) : "SAKNAS",
		    sv(txt(act[k], "time_perspective")),
		    txt(act[k], "due_on") ? ", klar senast " : "",
		    txt(act[k], "due_on") ? txt(act[k], "due_on") : "",
		    sv(txt(act[k], "status")));
		/* the newest update says where the activity stands */
		if ((e = co_list(s, CO_ACTIVITY_UPDATE, act[k]->id, 0, a, &up,
		    &nup, diag)) != SV_OK)
			return e;
		if (nup > 0)
			rdoc_addf(d, RDOC_P, "Senaste uppföljning %s: %s",
			    txt(up[nup - 1], "dated"), txt(up[nup - 1],
			    "text"));
	}
	return SV_OK;
}

enum sv_err
collab_doc_plan(struct sv_store *s, const struct sv_actor *viewer,
    int64_t plan_id, int64_t now, struct sv_arena *a, struct rdoc **out,
    struct sv_diag *diag)
{
	struct co_rec *plan, *g, **pr, **sc, **fig, **ca, **goals, **act, **pm;
	size_t npr, nsc, nfig, nca, ngo, nact, npm, i, k;
	int64_t score, max;
	struct rdoc *d;
	enum sv_err e;

	if ((e = co_get(s, CO_PLAN, plan_id, a, &plan, diag)) != SV_OK ||
	    (e = co_get(s, CO_AGREEMENT, plan->agreement_id, a, &g,
	    diag)) != SV_OK)
		return e;
	d = rdoc_new(a, txt(plan, "title"));
	rdoc_add(d, RDOC_TITLE, NULL, txt(plan, "title"));
	kv(d, "Överenskommelse:", txt(g, "title"));
	kv(d, "Period:", sv_arena_printf(a, "%s – %s",
	    txt(plan, "period_from"), txt(plan, "period_to")));
	if ((e = co_list(s, CO_PROBLEM, g->id, 0, a, &pr, &npr, diag)) !=
	    SV_OK || (e = co_list(s, CO_GOAL, g->id, 0, a, &goals, &ngo,
	    diag)) != SV_OK || (e = co_list(s, CO_ACTIVITY, g->id, 0, a, &act,
	    &nact, diag)) != SV_OK || (e = co_list(s, CO_PROMISE, g->id, 0, a,
	    &pm, &npm, diag)) != SV_OK)
		return e;
	for (i = 0; i < npr; i++) {
		if (!in_plan(pr[i], plan_id))
			continue;
		rdoc_addf(d, RDOC_H1, "%s%s", HAS(co_rec_val(pr[i],
		    "priority")) ? sv_arena_printf(a, "Prioritet %" PRId64
		    ": ", co_rec_val(pr[i], "priority")->i) : "",
		    txt(pr[i], "title"));
		if (txt(pr[i], "description"))
			rdoc_add(d, RDOC_P, NULL, txt(pr[i], "description"));
		if ((e = problem_impact(s, pr[i]->id, &score, &max, diag)) !=
		    SV_OK || (e = co_list(s, CO_PROBLEM_SCORE, pr[i]->id, 0, a,
		    &sc, &nsc, diag)) != SV_OK || (e = co_list(s,
		    CO_PROBLEM_FIGURE, pr[i]->id, 0, a, &fig, &nfig, diag)) !=
		    SV_OK || (e = co_list(s, CO_CAUSE, pr[i]->id, 0, a, &ca,
		    &nca, diag)) != SV_OK)
			return e;
		if (nsc > 0) {
			rdoc_addf(d, RDOC_KV, "Påverkan: %" PRId64 " av %"
			    PRId64 " poäng", score, max);
			for (k = 0; k < nsc; k++)
				rdoc_addf(d, RDOC_ITEM, "%s: %" PRId64 " av 5 "
				    "(vikt %" PRId64 ")%s%s",
				    sv(txt(sc[k], "criterion")),
				    co_rec_val(sc[k], "score")->i,
				    co_rec_val(sc[k], "weight")->i,
				    txt(sc[k], "motivation") ? " – " : "",
				    txt(sc[k], "motivation") ?
				    txt(sc[k], "motivation") : "");
		}
		for (k = 0; k < nfig; k++)
			rdoc_addf(d, RDOC_ITEM, "%s: %g %s%s%s (källa: %s)",
			    txt(fig[k], "label"), co_rec_val(fig[k],
			    "value")->d, txt(fig[k], "unit") ?
			    txt(fig[k], "unit") : "", txt(fig[k], "period") ?
			    ", " : "", txt(fig[k], "period") ?
			    txt(fig[k], "period") : "", txt(fig[k], "source"));
		if ((e = incident_figures(s, viewer, plan, pr[i], a, d,
		    diag)) != SV_OK)
			return e;
		if (nca > 0)
			rdoc_add(d, RDOC_H2, NULL, "Orsaksanalys");
		for (k = 0; k < nca; k++)
			rdoc_addf(d, RDOC_ITEM, "%s%s: %s%s%s%s",
			    HAS(co_rec_val(ca[k], "parent_id")) ? "– " : "",
			    sv(txt(ca[k], "kind")), txt(ca[k], "text"),
			    txt(ca[k], "triangle") ? " (" : "",
			    txt(ca[k], "triangle") ? sv(txt(ca[k],
			    "triangle")) : "", txt(ca[k], "triangle") ? ")" :
			    "");
		rdoc_add(d, RDOC_H2, NULL, "Mål och aktiviteter");
		for (k = 0; k < ngo; k++)
			if (HAS(co_rec_val(goals[k], "problem_id")) &&
			    co_rec_val(goals[k], "problem_id")->i == pr[i]->id &&
			    (e = goal_block(s, a, d, goals[k], act, nact,
			    diag)) != SV_OK)
				return e;
	}
	for (k = 0; k < ngo; k++)
		if (!HAS(co_rec_val(goals[k], "problem_id")) &&
		    in_plan(goals[k], plan_id) && (e = goal_block(s, a, d,
		    goals[k], act, nact, diag)) != SV_OK)
			return e;
	for (i = 0; i < npm; i++) {
		if (!in_plan(pm[i], plan_id))
			continue;
		rdoc_addf(d, RDOC_H1, "Medborgarlöfte: %s", txt(pm[i], "title"));
		kv(d, "Polisen lovar:", txt(pm[i], "police"));
		kv(d, "Kommunen lovar:", txt(pm[i], "kommun"));
		kv(d, "Vi lovar tillsammans:", txt(pm[i], "joint"));
	}
	if ((e = dialogues(s, viewer, g->id, txt(plan, "period_from"),
	    txt(plan, "period_to"), a, d, diag)) != SV_OK)
		return e;
	finish(d, now, a, sv_arena_printf(a, "åtgärdsplan %" PRId64, plan_id));
	*out = d;
	return SV_OK;
}

enum sv_err
collab_doc_followup(struct sv_store *s, const struct sv_actor *viewer,
    int64_t id, int64_t now, struct sv_arena *a, struct rdoc **out,
    struct sv_diag *diag)
{
	struct co_rec *g, **pm, **tg, **fu, **act, **up;
	struct sv_due_item *due;
	size_t npm, ntg, nfu, nact, nup, ndue, i, k;
	struct rdoc *d;
	enum sv_err e;

	if ((e = co_get(s, CO_AGREEMENT, id, a, &g, diag)) != SV_OK)
		return e;
	d = rdoc_new(a, sv_arena_printf(a, "Uppföljning: %s",
	    txt(g, "title")));
	rdoc_addf(d, RDOC_TITLE, "Uppföljning: %s", txt(g, "title"));
	if ((e = co_list(s, CO_PROMISE, id, 0, a, &pm, &npm, diag)) != SV_OK)
		return e;
	if (npm > 0)
		rdoc_add(d, RDOC_H1, NULL, "Medborgarlöften: lovat och levererat");
	for (i = 0; i < npm; i++) {
		rdoc_addf(d, RDOC_H2, "%s (%s – %s)", txt(pm[i], "title"),
		    txt(pm[i], "period_from"), txt(pm[i], "period_to"));
		if ((e = co_list(s, CO_PROMISE_TARGET, pm[i]->id, 0, a, &tg,
		    &ntg, diag)) != SV_OK || (e = co_list(s,
		    CO_PROMISE_FOLLOWUP, pm[i]->id, 0, a, &fu, &nfu, diag)) !=
		    SV_OK)
			return e;
		for (k = 0; k < ntg; k++)
			rdoc_addf(d, RDOC_ITEM, "%s lovar: %s%s", sv(txt(tg[k],
			    "party")), txt(tg[k], "description"),
			    HAS(co_rec_val(tg[k], "value")) ?
			    sv_arena_printf(a, " (%s %g %s %s)",
			    sv(txt(tg[k], "comparator")), co_rec_val(tg[k],
			    "value")->d, txt(tg[k], "unit") ? txt(tg[k], "unit") :
			    "", sv(txt(tg[k], "per"))) : "");
		if (nfu == 0)
			rdoc_add(d, RDOC_NOTE, NULL, "Ingen uppföljning "
			    "rapporterad.");
		for (k = 0; k < nfu; k++)
			rdoc_addf(d, RDOC_KV, "%s – %s, %s: %s%s%s%s%s%s",
			    txt(fu[k], "period_from"), txt(fu[k], "period_to"),
			    sv(txt(fu[k], "party")), sv(txt(fu[k], "status")),
			    HAS(co_rec_val(fu[k], "delivered")) ?
			    sv_arena_printf(a, ", levererat %g",
			    co_rec_val(fu[k], "delivered")->d) : "",
			    txt(fu[k], "light") ? sv_arena_printf(a, ", %s",
			    sv(txt(fu[k], "light"))) : "",
			    txt(fu[k], "effect") ? sv_arena_printf(a,
			    "; effekt: %s", txt(fu[k], "effect")) : "",
			    txt(fu[k], "shortfall_reason") ?
			    sv_arena_printf(a, "; avvikelse: %s",
			    txt(fu[k], "shortfall_reason")) : "",
			    txt(fu[k], "note") ? sv_arena_printf(a, "; %s",
			    txt(fu[k], "note")) : "");
	}
	if ((e = co_list(s, CO_ACTIVITY, id, 0, a, &act, &nact, diag)) !=
	    SV_OK)
		return e;
	if (nact > 0)
		rdoc_add(d, RDOC_H1, NULL, "Aktiviteter");
	for (i = 0; i < nact; i++) {
		rdoc_addf(d, RDOC_KV, "%s: %s%s%s", txt(act[i], "title"),
		    sv(txt(act[i], "status")), HAS(co_rec_val(act[i],
		    "hours")) ? sv_arena_printf(a, ", %g timmar",
		    co_rec_val(act[i], "hours")->d) : "",
		    HAS(co_rec_val(act[i], "cost_sek")) ? sv_arena_printf(a,
		    ", %g kr", co_rec_val(act[i], "cost_sek")->d) : "");
		if ((e = co_list(s, CO_ACTIVITY_UPDATE, act[i]->id, 0, a, &up,
		    &nup, diag)) != SV_OK)
			return e;
		for (k = 0; k < nup; k++)
			rdoc_addf(d, RDOC_ITEM, "%s (%s): %s",
			    txt(up[k], "dated"), sv(txt(up[k], "status")),
			    txt(up[k], "text"));
	}
	if ((e = dialogues(s, viewer, id, NULL, NULL, a, d, diag)) != SV_OK ||
	    (e = due_list(s, now, id, a, &due, &ndue, diag)) != SV_OK)
		return e;
	rdoc_add(d, RDOC_H1, NULL, "Att åtgärda");
	if (ndue == 0)
		rdoc_add(d, RDOC_P, NULL, "Inget är försenat.");
	for (i = 0; i < ndue; i++)
		rdoc_addf(d, RDOC_NOTE, "%s: %s – %s",
		    sv_due_kind_labels[due[i].kind], due[i].title ?
		    due[i].title : "", due[i].detail ? due[i].detail : "");
	finish(d, now, a, sv_arena_printf(a, "uppföljning %" PRId64, id));
	*out = d;
	return SV_OK;
}
