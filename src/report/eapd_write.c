/* eapd_write.c: the yearly ODA declaration as text, CSV and XLSX; see eapd_write.h. */
#include "eapd_write.h"

#include "../core/codelist.h"
#include "../io/csvread.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static const char *label(enum codelist_id id, const char *code, const char *none)
{
	if (!code)
		return none;
	const char *l = codelist_label(id, code, CL_LANG_EN);
	return l ? l : code;
}

static const char *country_label(const char *code)
{
	return label(CL_COUNTRY, code, "not allocated to a country");
}

static const char *sector_label(const char *code)
{
	return label(CL_IATI_SECTOR, code, "sector not given");
}

static const char *category_label(const char *code)
{
	return label(CL_EAPD_CATEGORY, code, "");
}

static size_t count_issues(const struct eapd_return *r, int lacking)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_issues; i++)
		n += r->issues[i].lacking == lacking;
	return n;
}

/* "12,345.50" */
static void amount(double v, char out[48])
{
	char digits[40];
	int len = snprintf(digits, sizeof(digits), "%.2f", v < 0 ? -v : v);
	int whole = len - 3;
	size_t o = 0;
	if (v < 0)
		out[o++] = '-';
	for (int i = 0; i < len; i++) {
		if (i > 0 && i < whole && (whole - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* ---- text ---- */

static void text_totals(FILE *out, const char *title, const struct eapd_total *t, size_t n,
			const char *(*name)(const char *))
{
	char a[48];
	fprintf(out, "%s:\n", title);
	for (size_t i = 0; i < n; i++) {
		amount(t[i].amount, a);
		fprintf(out, "  %-21s %-45.45s %14s\n", t[i].key ? t[i].key : "-", name(t[i].key), a);
	}
}

int eapd_write_text(FILE *out, const struct eapd_doc *d)
{
	const struct eapd_return *r = d->r;
	char a[48];
	fprintf(out, "Yearly ODA declaration of %s (#%lld) for %d, in euros\n", d->authority_name,
		(long long)r->authority_id, r->year);
	fprintf(out, "ODA-eligible countries: %s\n\n", r->basis ? r->basis : "?");
	amount(r->total, a);
	fprintf(out, "%-67s %14s\n", "total declared", a);
	text_totals(out, "by category", r->by_category, r->n_category, category_label);
	text_totals(out, "by recipient country", r->by_country, r->n_country, country_label);
	text_totals(out, "by DAC sector", r->by_sector, r->n_sector, sector_label);
	size_t lacking = count_issues(r, 1), left = count_issues(r, 0);
	if (lacking)
		fprintf(out, "\nto complete: %zu %s of actions lacking a field the return needs\n", lacking,
			lacking == 1 ? "problem" : "problems");
	for (size_t i = 0; i < r->n_issues; i++)
		if (r->issues[i].lacking) {
			amount(r->issues[i].amount, a);
			fprintf(out, "  #%lld %s: field '%s': %s (%s %s)\n", (long long)r->issues[i].action_id,
				r->issues[i].title, r->issues[i].field, r->issues[i].problem, a,
				r->issues[i].counted ? "counted" : "not counted");
		}
	if (left)
		fprintf(out, "\nleft out of the return:\n");
	for (size_t i = 0; i < r->n_issues; i++)
		if (!r->issues[i].lacking) {
			amount(r->issues[i].amount, a);
			fprintf(out, "  #%lld %s: %s (%s)\n", (long long)r->issues[i].action_id, r->issues[i].title,
				r->issues[i].problem, a);
		}
	if (!lacking && !left)
		fprintf(out, "\nevery action of the year has what the return needs\n");
	return ferror(out) ? EALA_EIO : EALA_OK;
}

/* ---- CSV ---- */

static void csv_row(FILE *out, const char *section, int64_t action_id, const char *action, const char *category,
		    const char *country, const char *sector, const double *value, const char *note)
{
	char id[24] = "", num[48] = "";
	if (action_id)
		snprintf(id, sizeof(id), "%lld", (long long)action_id);
	if (value)
		snprintf(num, sizeof(num), "%.2f", *value);
	const char *f[] = {section, id, action, category, country, sector, num, note};
	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++)
		csv_write_field(out, f[i] ? f[i] : "", i > 0);
	fputc('\n', out);
}

int eapd_write_csv(FILE *out, const struct eapd_doc *d)
{
	const struct eapd_return *r = d->r;
	char *about = xasprintf("Yearly ODA declaration of %s (#%lld) for %d, in euros; ODA-eligible countries: %s",
				d->authority_name, (long long)r->authority_id, r->year, r->basis ? r->basis : "?");
	fputs("section,action_id,action,category,country,sector,amount_eur,note\n", out);
	csv_row(out, "about", 0, NULL, NULL, NULL, NULL, NULL, about);
	free(about);
	csv_row(out, "total", 0, NULL, NULL, NULL, NULL, &r->total, "total declared");
	for (size_t i = 0; i < r->n_category; i++)
		csv_row(out, "category", 0, NULL, r->by_category[i].key, NULL, NULL, &r->by_category[i].amount,
			category_label(r->by_category[i].key));
	for (size_t i = 0; i < r->n_country; i++)
		csv_row(out, "country", 0, NULL, NULL, r->by_country[i].key, NULL, &r->by_country[i].amount,
			country_label(r->by_country[i].key));
	for (size_t i = 0; i < r->n_sector; i++)
		csv_row(out, "sector", 0, NULL, NULL, NULL, r->by_sector[i].key, &r->by_sector[i].amount,
			sector_label(r->by_sector[i].key));
	for (size_t i = 0; i < r->n_lines; i++) {
		const struct eapd_line *l = &r->lines[i];
		csv_row(out, "line", l->action_id, l->title, l->category, l->country, l->sector, &l->amount, NULL);
	}
	for (int lacking = 1; lacking >= 0; lacking--)
		for (size_t i = 0; i < r->n_issues; i++) {
			const struct eapd_issue *x = &r->issues[i];
			if (x->lacking != lacking)
				continue;
			char *note = xasprintf("field '%s': %s%s", x->field, x->problem,
					       x->lacking ? (x->counted ? " (counted)" : " (not counted)") : "");
			csv_row(out, lacking ? "lacking" : "left_out", x->action_id, x->title, NULL, NULL, NULL,
				&x->amount, note);
			free(note);
		}
	return ferror(out) ? EALA_EIO : EALA_OK;
}

/* ---- XLSX ---- */

struct sheet {
	lxw_worksheet *ws;
	lxw_format *bold, *money;
	lxw_row_t row;
};

static void xl_head(struct sheet *s, const char *const *cols)
{
	for (lxw_col_t c = 0; cols[c]; c++) {
		worksheet_write_string(s->ws, s->row, c, cols[c], s->bold);
		worksheet_set_column(s->ws, c, c, c == 0 ? 12 : 28, NULL);
	}
	s->row++;
}

static void xl_str(struct sheet *s, lxw_col_t c, const char *v)
{
	if (v)
		worksheet_write_string(s->ws, s->row, c, v, NULL);
}

static void xl_totals(struct sheet *s, const struct eapd_total *t, size_t n, const char *(*name)(const char *))
{
	static const char *const cols[] = {"code", "label", "amount (EUR)", NULL};
	xl_head(s, cols);
	for (size_t i = 0; i < n; i++, s->row++) {
		xl_str(s, 0, t[i].key ? t[i].key : "-");
		xl_str(s, 1, name(t[i].key));
		worksheet_write_number(s->ws, s->row, 2, t[i].amount, s->money);
	}
}

static struct sheet xl_sheet(lxw_workbook *wb, const char *name, lxw_format *bold, lxw_format *money)
{
	struct sheet s = {workbook_add_worksheet(wb, name), bold, money, 0};
	return s;
}

int eapd_write_xlsx(const char *path, const struct eapd_doc *d, char **errmsg)
{
	const struct eapd_return *r = d->r;
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		*errmsg = xasprintf("%s: cannot create the workbook", path);
		return EALA_EIO;
	}
	lxw_format *bold = workbook_add_format(wb), *money = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(money, "#,##0.00");
	struct sheet s = xl_sheet(wb, "Summary", bold, money);
	char *title = xasprintf("Yearly ODA declaration of %s (#%lld) for %d, in euros", d->authority_name,
				(long long)r->authority_id, r->year);
	char *basis = xasprintf("ODA-eligible countries: %s", r->basis ? r->basis : "?");
	worksheet_write_string(s.ws, s.row++, 0, title, bold);
	worksheet_write_string(s.ws, s.row++, 0, basis, NULL);
	free(title), free(basis);
	worksheet_write_string(s.ws, s.row, 1, "total declared", bold);
	worksheet_write_number(s.ws, s.row, 2, r->total, money);
	s.row += 2;
	xl_totals(&s, r->by_category, r->n_category, category_label);
	s = xl_sheet(wb, "By country", bold, money);
	xl_totals(&s, r->by_country, r->n_country, country_label);
	s = xl_sheet(wb, "By sector", bold, money);
	xl_totals(&s, r->by_sector, r->n_sector, sector_label);
	s = xl_sheet(wb, "Lines", bold, money);
	static const char *const lcols[] = {"action", "title", "category", "country", "sector", "amount (EUR)", NULL};
	xl_head(&s, lcols);
	for (size_t i = 0; i < r->n_lines; i++, s.row++) {
		const struct eapd_line *l = &r->lines[i];
		worksheet_write_number(s.ws, s.row, 0, (double)l->action_id, NULL);
		xl_str(&s, 1, l->title);
		xl_str(&s, 2, l->category);
		xl_str(&s, 3, l->country ? l->country : "-");
		xl_str(&s, 4, l->sector ? l->sector : "-");
		worksheet_write_number(s.ws, s.row, 5, l->amount, money);
	}
	s = xl_sheet(wb, "To complete", bold, money);
	static const char *const icols[] = {"action", "title", "field", "problem", "amount (EUR)", "in the totals", NULL};
	xl_head(&s, icols);
	for (size_t i = 0; i < r->n_issues; i++, s.row++) {
		const struct eapd_issue *x = &r->issues[i];
		worksheet_write_number(s.ws, s.row, 0, (double)x->action_id, NULL);
		xl_str(&s, 1, x->title);
		xl_str(&s, 2, x->field);
		xl_str(&s, 3, x->problem);
		worksheet_write_number(s.ws, s.row, 4, x->amount, money);
		xl_str(&s, 5, x->counted ? "yes" : "no");
	}
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		*errmsg = xasprintf("%s: %s", path, lxw_strerror(e));
		return EALA_EIO;
	}
	return EALA_OK;
}
