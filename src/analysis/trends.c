/* trends.c: the observatory's time series; see trends.h. */
#define _GNU_SOURCE  /* vasprintf */
#include "trends.h"

#include "../core/codelist.h"
#include "../io/csvread.h"

#include <jansson.h>
#include <libintl.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const enum codelist_id list_id[TL_N] = {CL_PARTNERSHIP_KIND, CL_ACTION_DOMAIN, CL_FUNDING_SOURCE,
					       CL_ORG_SUBTYPE};

const char *trends_code(enum trends_list l, size_t i)
{
	const struct codelist *cl = codelist_get(list_id[l]);
	return cl && i < cl->n && i < TRENDS_MAX_CODES ? cl->v[i].code : NULL;
}

/* The index of a code in its list, -1 when it is not there. */
static int code_index(enum trends_list l, const char *code, size_t len)
{
	const struct codelist *cl = codelist_get(list_id[l]);
	for (size_t i = 0; code && cl && i < cl->n && i < TRENDS_MAX_CODES; i++)
		if (strlen(cl->v[i].code) == len && strncmp(cl->v[i].code, code, len) == 0)
			return (int)i;
	return -1;
}

const char *trends_income_name(enum trends_income g)
{
	static const char *const names[TI_N] = {"low", "lower_middle", "upper_middle", "high", "unclassified"};
	return names[g];
}

enum trends_income trends_income_of(const char *country)
{
	const struct code *c = country ? codelist_find(CL_COUNTRY, country) : NULL;
	const char *g = c ? c->attr[CL_ATTR_WB_INCOME] : NULL;
	if (!g)
		return TI_UNCLASSIFIED;
	if (strcmp(g, "Low income") == 0)
		return TI_LOW;
	if (strcmp(g, "Lower middle income") == 0)
		return TI_LOWER_MIDDLE;
	if (strcmp(g, "Upper middle income") == 0)
		return TI_UPPER_MIDDLE;
	if (strcmp(g, "High income") == 0)
		return TI_HIGH;
	return TI_UNCLASSIFIED;
}

int trends_in_europe(const char *country)
{
	static const char *const central_asia[] = {"KZ", "KG", "TJ", "TM", "UZ"};
	const struct code *c = country ? codelist_find(CL_COUNTRY, country) : NULL;
	if (!c || !c->attr[CL_ATTR_WB_REGION] || strcmp(c->attr[CL_ATTR_WB_REGION], "Europe & Central Asia") != 0)
		return 0;
	for (size_t i = 0; i < sizeof(central_asia) / sizeof(*central_asia); i++)
		if (strcmp(country, central_asia[i]) == 0)
			return 0;
	return 1;
}

void trends_init(struct trends_result *r, int from, int to)
{
	memset(r, 0, sizeof(*r));
	r->from = from;
	r->to = to;
	for (int y = TRENDS_FIRST_YEAR; y <= TRENDS_LAST_YEAR; y++)
		r->years[y - TRENDS_FIRST_YEAR].year = y;
}

static struct trends_year *year_of(struct trends_result *r, int y)
{
	return y >= TRENDS_FIRST_YEAR && y <= TRENDS_LAST_YEAR ? &r->years[y - TRENDS_FIRST_YEAR] : NULL;
}

/* The partner countries of a group of new partnerships: each income group
 * and Europe count the group once, however many of its countries are in them. */
static void add_partners(struct trends_year *y, const char *countries, int64_t n)
{
	int in[TI_N] = {0}, europe = 0;
	if (!countries || !*countries)
		return;
	for (const char *c = countries; *c;) {
		size_t len = strcspn(c, "|");
		char code[8] = "";
		if (len < sizeof(code)) {
			memcpy(code, c, len);
			code[len] = '\0';
			in[trends_income_of(code)] = 1;
			europe |= trends_in_europe(code);
		}
		c += len + (c[len] == '|');
	}
	y->abroad += n;
	for (int g = 0; g < TI_N; g++)
		y->income[g] += in[g] ? n : 0;
	y->europe += europe ? n : 0;
}

void trends_add(struct trends_result *r, enum store_trend t, const struct store_trend_row *row)
{
	struct trends_year *y = year_of(r, row->year);
	if (!y)
		return;
	int k;
	switch (t) {
	case STORE_TREND_STARTED:
		if ((k = code_index(TL_KIND, row->key, row->key ? strlen(row->key) : 0)) >= 0)
			y->started[k] += row->n;
		y->n_started += row->n;
		add_partners(y, row->countries, row->n);
		break;
	case STORE_TREND_ENDED:
		if ((k = code_index(TL_KIND, row->key, row->key ? strlen(row->key) : 0)) >= 0)
			y->ended[k] += row->n;
		y->n_ended += row->n;
		break;
	case STORE_TREND_AGREEMENTS:
		y->agreements += row->n;
		break;
	case STORE_TREND_ACTIONS:
		y->actions += row->n;
		y->oneoff += row->n_oneoff;
		for (const char *d = row->key; d && *d;) {
			size_t len = strcspn(d, "|");
			if ((k = code_index(TL_DOMAIN, d, len)) >= 0)
				y->domains[k] += row->n;
			d += len + (d[len] == '|');
		}
		break;
	case STORE_TREND_FINANCING:
		if (row->currency && strcmp(row->currency, "EUR") != 0) {
			y->other_currency += row->n;
			break;
		}
		if ((k = code_index(TL_SOURCE, row->key, row->key ? strlen(row->key) : 0)) >= 0) {
			y->planned[k] += row->planned;
			y->actual[k] += row->actual;
		}
		y->planned_total += row->planned;
		y->actual_total += row->actual;
		break;
	case STORE_TREND_ORGANISATIONS:
		if ((k = code_index(TL_SUBTYPE, row->key, row->key ? strlen(row->key) : 0)) < 0)
			k = code_index(TL_SUBTYPE, "other", 5);
		if (k >= 0 && (!r->first_seen[k] || row->year < r->first_seen[k]))
			r->first_seen[k] = row->year;
		if (k >= 0)
			y->organisations[k] += row->n;
		y->n_organisations += row->n;
		break;
	}
}

static int year_empty(const struct trends_year *y)
{
	return !y->n_started && !y->n_ended && !y->agreements && !y->actions && !y->planned_total &&
	       !y->actual_total && !y->other_currency && !y->n_organisations;
}

void trends_finish(struct trends_result *r)
{
	r->first = r->from;
	r->last = r->to;
	if (!r->from || !r->to) {
		int lo = 0, hi = 0;
		for (int y = TRENDS_FIRST_YEAR; y <= TRENDS_LAST_YEAR; y++) {
			const struct trends_year *ty = &r->years[y - TRENDS_FIRST_YEAR];
			if (year_empty(ty))
				continue;
			if (!lo)
				lo = y;
			hi = y;
		}
		if (!r->from)
			r->first = lo;
		if (!r->to)
			r->last = hi;
		if (r->from && r->last < r->from)
			r->last = r->from;
		if (r->to && r->first > r->to)
			r->first = r->to;
	}
	if (!r->first || !r->last)
		r->first = r->last = 0;
	for (int y = r->first; r->first && y <= r->last; y++) {
		const struct trends_year *ty = &r->years[y - TRENDS_FIRST_YEAR];
		r->n_started += ty->n_started;
		r->n_ended += ty->n_ended;
		r->abroad += ty->abroad;
		for (int g = 0; g < TI_N; g++)
			r->income[g] += ty->income[g];
		r->europe += ty->europe;
		r->agreements += ty->agreements;
		r->actions += ty->actions;
		r->oneoff += ty->oneoff;
		r->organisations += ty->n_organisations;
	}
}

/* The organisations appear from the first action they take part in, read
 * over every year; the other aggregates only over the years asked for. */
static int keep(void *ctx, const struct store_trend_row *row);
struct loading {
	struct trends_result *r;
	enum store_trend t;
};
static int keep(void *ctx, const struct store_trend_row *row)
{
	struct loading *l = ctx;
	trends_add(l->r, l->t, row);
	return 0;
}

int trends_load(struct store *st, int from, int to, int public_only, struct trends_result *r, char **errmsg)
{
	trends_init(r, from, to);
	int lo = from ? from : TRENDS_FIRST_YEAR, hi = to ? to : TRENDS_LAST_YEAR;
	int rc = EALA_OK;
	for (int t = STORE_TREND_STARTED; !rc && t <= STORE_TREND_ORGANISATIONS; t++) {
		struct loading l = {r, (enum store_trend)t};
		rc = store_trend_each(st, (enum store_trend)t, lo, hi, public_only, keep, &l, errmsg);
	}
	if (!rc)
		trends_finish(r);
	return rc;
}

double trends_share(int64_t n, int64_t d)
{
	return d ? 100.0 * (double)n / (double)d : -1;
}

/* ---- JSON and CSV ---- */

static json_t *counts(const int64_t *v, enum trends_list l)
{
	json_t *o = json_object();
	for (size_t i = 0; trends_code(l, i); i++)
		if (v[i])
			json_object_set_new(o, trends_code(l, i), json_integer(v[i]));
	return o;
}

static json_t *labels(enum trends_list l, int lang)
{
	json_t *o = json_object();
	for (size_t i = 0; trends_code(l, i); i++)
		json_object_set_new(o, trends_code(l, i), json_string(codelist_label(list_id[l], trends_code(l, i), lang)));
	return o;
}

static json_t *share_or_null(int64_t n, int64_t d)
{
	return d ? json_real(round(1000.0 * n / d) / 10) : json_null();
}

static json_t *year_json(const struct trends_result *r, const struct trends_year *y)
{
	json_t *income = json_object(), *shares = json_object(), *money = json_object(), *fresh = json_array();
	for (int g = 0; g < TI_N; g++) {
		json_object_set_new(income, trends_income_name(g), json_integer(y->income[g]));
		json_object_set_new(shares, trends_income_name(g), share_or_null(y->income[g], y->abroad));
	}
	json_object_set_new(shares, "europe", share_or_null(y->europe, y->abroad));
	for (size_t i = 0; trends_code(TL_SOURCE, i); i++)
		if (y->planned[i] || y->actual[i])
			json_object_set_new(money, trends_code(TL_SOURCE, i),
					    json_pack("{s:f, s:f}", "planned", y->planned[i], "actual", y->actual[i]));
	for (size_t i = 0; trends_code(TL_SUBTYPE, i); i++)
		if (r->first_seen[i] == y->year)
			json_array_append_new(fresh, json_string(trends_code(TL_SUBTYPE, i)));
	json_t *j = json_pack("{s:i, s:I, s:o, s:I, s:o, s:I, s:o, s:I, s:o}", "year", y->year, "started",
			      (json_int_t)y->n_started, "started_by_kind", counts(y->started, TL_KIND), "ended",
			      (json_int_t)y->n_ended, "ended_by_kind", counts(y->ended, TL_KIND), "with_partners_abroad",
			      (json_int_t)y->abroad, "by_income", income, "with_europe", (json_int_t)y->europe,
			      "shares", shares);
	json_object_set_new(j, "agreements_signed", json_integer(y->agreements));
	json_object_set_new(j, "actions", json_integer(y->actions));
	json_object_set_new(j, "one_off_actions", json_integer(y->oneoff));
	json_object_set_new(j, "domains", counts(y->domains, TL_DOMAIN));
	json_object_set_new(j, "planned_eur", json_real(y->planned_total));
	json_object_set_new(j, "actual_eur", json_real(y->actual_total));
	json_object_set_new(j, "financing_by_source", money);
	json_object_set_new(j, "financing_rows_other_currency", json_integer(y->other_currency));
	json_object_set_new(j, "new_organisations", json_integer(y->n_organisations));
	json_object_set_new(j, "new_organisations_by_subtype", counts(y->organisations, TL_SUBTYPE));
	json_object_set_new(j, "new_kinds_of_stakeholders", fresh);
	return j;
}

json_t *trends_json(const struct trends_result *r, int lang)
{
	json_t *years = json_array();
	for (int y = r->first; r->first && y <= r->last; y++)
		json_array_append_new(years, year_json(r, &r->years[y - TRENDS_FIRST_YEAR]));
	json_t *income = json_object();
	for (int g = 0; g < TI_N; g++)
		json_object_set_new(income, trends_income_name(g), json_integer(r->income[g]));
	json_t *tot = json_pack("{s:I, s:I, s:I, s:o, s:I, s:I, s:I, s:I, s:I}", "started", (json_int_t)r->n_started,
				"ended", (json_int_t)r->n_ended, "with_partners_abroad", (json_int_t)r->abroad,
				"by_income", income, "with_europe", (json_int_t)r->europe, "agreements_signed",
				(json_int_t)r->agreements, "actions", (json_int_t)r->actions, "one_off_actions",
				(json_int_t)r->oneoff, "new_organisations", (json_int_t)r->organisations);
	json_t *lab = json_pack("{s:o, s:o, s:o, s:o}", "kinds", labels(TL_KIND, lang), "domains",
				labels(TL_DOMAIN, lang), "funding_sources", labels(TL_SOURCE, lang), "subtypes",
				labels(TL_SUBTYPE, lang));
	json_t *j = json_pack("{s:o, s:o, s:o, s:o, s:o}", "from",
			      r->first ? json_integer(r->first) : json_null(), "to",
			      r->last ? json_integer(r->last) : json_null(), "totals", tot, "years", years, "labels", lab);
	char *s[TRENDS_MAX_SENTENCES];
	size_t n = trends_sentences(r, lang, s);
	json_t *sent = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(sent, json_string(s[i]));
		free(s[i]);
	}
	json_object_set_new(j, "sentences", sent);
	return j;
}

static int csv_line(FILE *out, int year, const char *measure, const char *key, const char *value)
{
	char y[16];
	snprintf(y, sizeof(y), "%d", year);
	int rc = csv_write_field(out, y, 0) | csv_write_field(out, measure, 1) | csv_write_field(out, key, 1) |
		 csv_write_field(out, value, 1);
	return rc || fputc('\n', out) == EOF ? EALA_EIO : EALA_OK;
}

static int csv_int(FILE *out, int year, const char *measure, const char *key, int64_t v)
{
	char s[32];
	snprintf(s, sizeof(s), "%lld", (long long)v);
	return csv_line(out, year, measure, key, s);
}

static int csv_money(FILE *out, int year, const char *measure, const char *key, double v)
{
	char s[64];
	snprintf(s, sizeof(s), "%.2f", v);
	return csv_line(out, year, measure, key, s);
}

int trends_csv(const struct trends_result *r, FILE *out)
{
	int rc = fputs("year,measure,key,value\n", out) == EOF ? EALA_EIO : EALA_OK;
	for (int yr = r->first; !rc && r->first && yr <= r->last; yr++) {
		const struct trends_year *y = &r->years[yr - TRENDS_FIRST_YEAR];
		rc |= csv_int(out, yr, "started", "", y->n_started);
		for (size_t i = 0; trends_code(TL_KIND, i); i++)
			if (y->started[i])
				rc |= csv_int(out, yr, "started", trends_code(TL_KIND, i), y->started[i]);
		rc |= csv_int(out, yr, "ended", "", y->n_ended);
		for (size_t i = 0; trends_code(TL_KIND, i); i++)
			if (y->ended[i])
				rc |= csv_int(out, yr, "ended", trends_code(TL_KIND, i), y->ended[i]);
		rc |= csv_int(out, yr, "with_partners_abroad", "", y->abroad);
		for (int g = 0; g < TI_N; g++)
			rc |= csv_int(out, yr, "by_income", trends_income_name(g), y->income[g]);
		rc |= csv_int(out, yr, "with_europe", "", y->europe);
		rc |= csv_int(out, yr, "agreements_signed", "", y->agreements);
		rc |= csv_int(out, yr, "actions", "", y->actions);
		rc |= csv_int(out, yr, "one_off_actions", "", y->oneoff);
		for (size_t i = 0; trends_code(TL_DOMAIN, i); i++)
			if (y->domains[i])
				rc |= csv_int(out, yr, "domain", trends_code(TL_DOMAIN, i), y->domains[i]);
		rc |= csv_money(out, yr, "planned_eur", "", y->planned_total);
		rc |= csv_money(out, yr, "actual_eur", "", y->actual_total);
		for (size_t i = 0; trends_code(TL_SOURCE, i); i++)
			if (y->planned[i] || y->actual[i]) {
				rc |= csv_money(out, yr, "planned_eur", trends_code(TL_SOURCE, i), y->planned[i]);
				rc |= csv_money(out, yr, "actual_eur", trends_code(TL_SOURCE, i), y->actual[i]);
			}
		if (y->other_currency)
			rc |= csv_int(out, yr, "financing_rows_other_currency", "", y->other_currency);
		rc |= csv_int(out, yr, "new_organisations", "", y->n_organisations);
		for (size_t i = 0; trends_code(TL_SUBTYPE, i); i++) {
			if (y->organisations[i])
				rc |= csv_int(out, yr, "new_organisations", trends_code(TL_SUBTYPE, i), y->organisations[i]);
			if (r->first_seen[i] == yr)
				rc |= csv_int(out, yr, "new_kind_of_stakeholder", trends_code(TL_SUBTYPE, i), 1);
		}
	}
	return rc ? EALA_EIO : EALA_OK;
}

/* ---- sentences ---- */

static const char *ctr(int lang, const char *en) __attribute__((format_arg(2)));
static const char *ctr(int lang, const char *en)
{
	return lang == CL_LANG_EN ? en : dgettext("eala", en);
}

static char *say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* The share of new partnerships with partners in low or lower-middle income
 * countries over the years a..b; -1 when none had partners abroad. */
static double poorer_share(const struct trends_result *r, int a, int b)
{
	int64_t n = 0, d = 0;
	for (int y = a; y <= b; y++) {
		const struct trends_year *ty = &r->years[y - TRENDS_FIRST_YEAR];
		n += ty->income[TI_LOW] + ty->income[TI_LOWER_MIDDLE];
		d += ty->abroad;
	}
	return trends_share(n, d);
}

size_t trends_sentences(const struct trends_result *r, int lang, char **out)
{
	size_t n = 0;
	if (!r->first) {
		out[n++] = say("%s", ctr(lang, "No partnership, action or financing is dated in these years."));
		return n;
	}
	out[n++] = say(ctr(lang, "From %d to %d, %lld partnerships began and %lld ended (net %+lld)."), r->first,
		       r->last, (long long)r->n_started, (long long)r->n_ended,
		       (long long)(r->n_started - r->n_ended));
	int busiest = 0;
	for (int y = r->first; y <= r->last; y++)
		if (r->years[y - TRENDS_FIRST_YEAR].n_started >
		    (busiest ? r->years[busiest - TRENDS_FIRST_YEAR].n_started : 0))
			busiest = y;
	if (busiest)
		out[n++] = say(ctr(lang, "The most partnerships began in %d (%lld)."), busiest,
			       (long long)r->years[busiest - TRENDS_FIRST_YEAR].n_started);
	if (r->abroad) {
		out[n++] = say(ctr(lang, "Of the %lld new partnerships with partners abroad, %.0f%% were with low or "
				       "lower-middle income countries, %.0f%% with high-income countries and %.0f%% with Europe."),
			       (long long)r->abroad, trends_share(r->income[TI_LOW] + r->income[TI_LOWER_MIDDLE], r->abroad),
			       trends_share(r->income[TI_HIGH], r->abroad), trends_share(r->europe, r->abroad));
		int mid = r->first + (r->last - r->first) / 2;
		double early = poorer_share(r, r->first, mid), late = mid < r->last ? poorer_share(r, mid + 1, r->last) : -1;
		if (early >= 0 && late >= 0)
			out[n++] = say(ctr(lang, "The share with low or lower-middle income countries went from %.0f%% "
					       "(%d–%d) to %.0f%% (%d–%d)."),
				       early, r->first, mid, late, mid + 1, r->last);
	}
	out[n++] = say(ctr(lang, "%lld agreements were signed, against %lld one-off actions outside any partnership "
			       "(of %lld actions)."),
		       (long long)r->agreements, (long long)r->oneoff, (long long)r->actions);
	int64_t dom[TRENDS_MAX_CODES] = {0};
	double planned = 0, actual = 0, src[TRENDS_MAX_CODES] = {0};
	for (int y = r->first; y <= r->last; y++) {
		const struct trends_year *ty = &r->years[y - TRENDS_FIRST_YEAR];
		for (size_t i = 0; i < TRENDS_MAX_CODES; i++) {
			dom[i] += ty->domains[i];
			src[i] += ty->actual[i] ? ty->actual[i] : ty->planned[i];
		}
		planned += ty->planned_total;
		actual += ty->actual_total;
	}
	size_t top = 0, topsrc = 0;
	for (size_t i = 1; i < TRENDS_MAX_CODES; i++) {
		top = dom[i] > dom[top] ? i : top;
		topsrc = src[i] > src[topsrc] ? i : topsrc;
	}
	if (dom[top])
		out[n++] = say(ctr(lang, "The most frequent domain of the actions is %s (%lld actions)."),
			       codelist_label(CL_ACTION_DOMAIN, trends_code(TL_DOMAIN, top), lang), (long long)dom[top]);
	if (planned || actual)
		out[n++] = say(ctr(lang, "Financing: %.0f euros planned, %.0f euros spent; the largest source is %s."),
			       planned, actual, codelist_label(CL_FUNDING_SOURCE, trends_code(TL_SOURCE, topsrc), lang));
	struct strv fresh = {0};
	for (int y = r->first; y <= r->last; y++)
		for (size_t i = 0; trends_code(TL_SUBTYPE, i); i++) {
			if (r->first_seen[i] != y)
				continue;
			char *s = say("%s (%d)", codelist_label(CL_ORG_SUBTYPE, trends_code(TL_SUBTYPE, i), lang),
				      r->first_seen[i]);
			if (s)
				strv_push(&fresh, s);
			free(s);
		}
	if (fresh.n) {
		char *list = strv_join(&fresh, ", ");
		out[n++] = say(ctr(lang, "New kinds of stakeholders: %s."), list ? list : "");
		free(list);
	}
	strv_clear(&fresh);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)   /* out of memory: a sentence less */
		if (out[i])
			out[k++] = out[i];
	return k;
}
