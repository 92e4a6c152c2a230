/*
 * The lägesbild as text: a summary for a terminal or an e-mail, written
 * from the JSON the engine built (so both forms always agree).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lagesbild/lagesbild.h"

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static long long
num(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/*
 * Columns as a terminal shows them: one per UTF-8 code point (Swedish
 * names hold no wide characters), so "Skadegörelse" is 12 wide, not 13.
 */
static size_t
display_width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* s left-aligned in w columns (printf's %-*s pads by bytes). */
static void
put_left(FILE *f, const char *s, size_t w)
{
	size_t n = display_width(s);

	fputs(s, f);
	for (; n < w; n++)
		fputc(' ', f);
}

/*
 * A count of width w, or "dolt" when it is null (suppressed by the
 * sharing rules: too small a count holding another organisation's
 * aggregated-only data).
 */
static void
put_count(FILE *f, int w, const json_t *v)
{
	if (json_is_null(v))
		fprintf(f, "%*s", w, "dolt");
	else
		fprintf(f, "%*lld", w, (long long)json_integer_value(v));
}

/* "12 (förra: 9, +33.3 %, p = 0.51)" for a change object. */
static void
write_change(FILE *f, const char *label, const json_t *c)
{
	const json_t *r = json_object_get(c, "change_pct");
	const json_t *p = json_object_get(c, "p");

	fprintf(f, "%s ", label);
	put_count(f, 0, json_object_get(c, "count"));
	if (json_is_number(r))
		fprintf(f, ", %+.1f %%", json_number_value(r));
	if (json_is_number(p))
		fprintf(f, ", p = %.3g%s", json_number_value(p),
		    json_is_true(json_object_get(c, "significant")) ?
		    " *" : "");
	fputc(')', f);
}

static void
write_counts(FILE *f, const char *name, const json_t *o)
{
	fputs("  ", f);
	put_left(f, name, 40);
	fputc(' ', f);
	put_count(f, 6, json_object_get(o, "count"));
	fputs("  (", f);
	write_change(f, "förra:", json_object_get(o, "previous"));
	fputs(" (", f);
	write_change(f, "året före:", json_object_get(o, "year_before"));
	fputc('\n', f);
}

void
lagesbild_write_text(const json_t *lb, FILE *f)
{
	static const char *const abbr[7] = {
		"mån", "tis", "ons", "tor", "fre", "lör", "sön",
	};
	const json_t *a = json_object_get(lb, "area");
	const json_t *per = json_object_get(json_object_get(lb, "period"),
	    "current");
	const json_t *v, *o, *row, *hs;
	size_t i, j;

	fprintf(f, "Lägesbild %s %s (%s), %s\n", str(a, "layer"),
	    str(a, "code"), str(a, "name"), str(per, "label"));
	fprintf(f, "Period %s -- %s, beräknad %s\n\n", str(per, "from"),
	    str(per, "to"), str(lb, "computed_at"));
	fputs("Händelser\n", f);
	write_counts(f, "Totalt", json_object_get(lb, "total"));
	json_array_foreach(json_object_get(lb, "categories"), i, o)
		write_counts(f, str(o, "name"), o);
	v = json_object_get(lb, "subareas");
	if (json_array_size(json_object_get(v, "items")) > 0) {
		fprintf(f, "\nDelområden (%s)\n", str(v, "layer"));
		json_array_foreach(json_object_get(v, "items"), i, o)
			write_counts(f, str(o, "name"), o);
	}
	v = json_object_get(lb, "new");
	fprintf(f, "\nNytt jämfört med de %lld veckorna före\n",
	    num(v, "weeks"));
	json_array_foreach(json_object_get(v, "categories"), i, o) {
		fprintf(f, "  kategori %s: ", str(o, "name"));
		put_count(f, 0, json_object_get(o, "count"));
		fputc('\n', f);
	}
	json_array_foreach(json_object_get(v, "subareas"), i, o) {
		fprintf(f, "  delområde %s: ", str(o, "name"));
		put_count(f, 0, json_object_get(o, "count"));
		fputc('\n', f);
	}
	fprintf(f, "  händelser i rutor utan tidigare händelser: %lld\n",
	    num(json_object_get(v, "places"), "count"));
	hs = json_object_get(lb, "hotspots");
	o = json_object_get(hs, "grid");
	fprintf(f, "\nHotspots (Gi*, FDR %g)\n", json_number_value(
	    json_object_get(hs, "fdr")));
	if (json_object_get(o, "not_computed") != NULL)
		fprintf(f, "  rutnät: ej beräknat (%s)\n",
		    str(o, "not_computed"));
	else
		fprintf(f, "  rutnät %g m: %lld heta, %lld kalla rutor\n",
		    json_number_value(json_object_get(o, "cell")),
		    num(o, "hot"), num(o, "cold"));
	o = json_object_get(hs, "areas");
	json_array_foreach(json_object_get(o, "items"), i, row) {
		if (strcmp(str(row, "class"), "hot") != 0)
			continue;
		if (json_object_get(row, "z") == NULL)	/* sharing: withheld */
			fprintf(f, "  hett delområde: %s (z dolt)\n",
			    str(row, "name"));
		else
			fprintf(f, "  hett delområde: %s (z = %.2f)\n",
			    str(row, "name"), json_number_value(
			    json_object_get(row, "z")));
	}
	v = json_object_get(lb, "near_repeat");
	fprintf(f, "\nUpprepningar nära tidigare händelser (%g m, %lld "
	    "dagar): %lld\n", json_number_value(json_object_get(v,
	    "distance_m")), num(v, "days"), num(v, "count"));
	json_array_foreach(json_object_get(v, "alerts"), i, o) {
		if (i >= 10)
			break;
		fprintf(f, "  %s %s, %lld tidigare, närmast %.0f m\n",
		    str(o, "observed_from"), str(o, "category"),
		    num(o, "earlier"), json_number_value(json_object_get(o,
		    "nearest_m")));
	}
	v = json_object_get(lb, "concentration");
	if (json_is_true(json_object_get(v, "suppressed")))
		fputs("\nKoncentration: dold (delningsreglerna)\n", f);
	else if (v != NULL)
		fprintf(f, "\nKoncentration: %.1f %% i de 5 %% tätaste rutorna, "
		    "Gini %.3f\n", 100 * json_number_value(json_object_get(v,
		    "top5_share")), json_number_value(json_object_get(v,
		    "gini")));
	v = json_object_get(lb, "hour_weekday");
	fputs("\nVeckodag x timme\n      ", f);
	for (j = 0; j < 24; j++)
		fprintf(f, "%3zu", j);
	fputc('\n', f);
	json_array_foreach(json_object_get(v, "counts"), i, row) {
		fprintf(f, "  %s ", i < 7 ? abbr[i] : "?");
		json_array_foreach(row, j, o) {
			if (json_is_null(o))
				fputs("  -", f);
			else
				fprintf(f, "%3lld",
				    (long long)json_integer_value(o));
		}
		fputc('\n', f);
	}
	v = json_object_get(lb, "series");
	/* the label as wide as "  totalt" below it */
	fputc('\n', f);
	put_left(f, "Månader", 8);
	json_array_foreach(json_object_get(v, "months"), i, o)
		fprintf(f, " %7s", json_is_string(o) ?
		    json_string_value(o) : "");
	fputs("\n  totalt", f);
	json_array_foreach(json_object_get(json_object_get(v, "total"),
	    "counts"), i, o) {
		fputc(' ', f);
		put_count(f, 7, o);
	}
	fputc('\n', f);
	v = json_object_get(lb, "sharing");
	if (num(v, "suppressed") > 0)
		fprintf(f, "\n%lld tal dolda (\"dolt\", \"-\"): små tal med "
		    "data som en annan organisation bara delar som summor "
		    "(gräns %lld)\n", num(v, "suppressed"),
		    num(v, "min_count"));
}
