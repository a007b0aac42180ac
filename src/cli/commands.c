/* commands.c: the command table and the commands but 'show' (show.c). */
#include "cli.h"

#include "../core/codelist.h"
#include "../io/codelist_load.h"
#include "../io/dataset_json.h"
#include "../io/iati.h"
#include "../io/export.h"
#include "../io/record_json.h"
#include "../io/links_csv.h"
#include "../io/records_csv.h"
#include "../io/twincity.h"
#include "../web/web.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmd_init(struct cli *c);
static int cmd_demo(struct cli *c);
static int cmd_import(struct cli *c);
static int cmd_export(struct cli *c);
static int cmd_list(struct cli *c);
static int cmd_stats(struct cli *c);
static int cmd_serve(struct cli *c);
static int cmd_backup(struct cli *c);
static int cmd_restore(struct cli *c);

const struct command commands[] = {
	{"init", 0, 0, 0, CMD_DB | CMD_CREATE, "",
	 "create the database, or upgrade it to this eala's schema", cmd_init},
	{"demo", 0, 0, 0, CMD_DB | CMD_CREATE, "",
	 "load the demo dataset (the seeds' real cases) and the twin-city list", cmd_demo},
	{"import", 2, -1, OPT_DRYRUN | OPT_KIND, CMD_DB,
	 "twin-cities|csv|json|iati FILE... [--dry-run] [--kind K]",
	 "import files, all or nothing; --dry-run only checks them", cmd_import},
	{"export", 1, 2, OPT_OUTPUT | OPT_FILTERS | OPT_EXPORT | OPT_LANG, CMD_DB,
	 "csv|xlsx|geojson|json|ndjson [KIND] [filters] [--columns A,B] [--labels] [--lang en|fr] [-o FILE|DIR]; "
	 "csv stakeholder_links --template [--lang fr]"
	 "\n       iati [organisations] [--authority ID] [-o FILE]"
	 "\n       eapd --authority ID --year Y [-o FILE.csv|FILE.xlsx]",
	 "write records: CSV of one kind (or of every kind into DIR), an XLSX workbook, GeoJSON, "
	 "JSON or NDJSON of one kind (without KIND, json is the whole dataset), IATI 2.03 "
	 "activities (or organisations), or an authority's yearly ODA declaration",
	 cmd_export},
	{"list", 1, 1, OPT_JSON | OPT_FILTERS | OPT_PAGING, CMD_DB,
	 "authorities|organisations|partnerships|actions [filters] [--limit N] [--after ID] [--json]",
	 "list records matching the filters", cmd_list},
	{"show", 2, 2, OPT_JSON, CMD_DB, "authority|organisation|partnership|action ID [--json]",
	 "one record with what is linked to it", cmd_show},
	{"stats", 0, 0, OPT_JSON, CMD_DB, "[--json]", "counts of every kind of record", cmd_stats},
	{"user", 1, 2, OPT_USER | OPT_JSON, CMD_DB,
	 "add LOGIN --role R [--authority ID] [--name N] | grant LOGIN --role R [--authority ID] | passwd LOGIN | list",
	 "accounts and their roles, scoped to an authority for editors and partner contributors",
	 cmd_user},
	{"analyze", 1, 1, OPT_JSON | OPT_FILTERS | OPT_CALL | OPT_PORTFOLIO | OPT_ANALYSIS, CMD_DB,
	 "gap|compliance|portfolio [--authority ID] [--year Y] [--json] | compliance --action ID --call NAME [--json]"
	 "\n       portfolio [--authority ID] [--year Y] [--threshold EUR] [--dormant-years N] [--json]"
	 "\n       | trends [--from Y] [--to Y] [--json|--csv]"
	 "\n       diagnostic --authority ID [--json]"
	 "\n       | coordination --country ISO2 [--territory ID] [--domain D] [--year Y] [--json]"
	 "\n       match --call ID | --authority ID [--country ISO2] [--top N] [--json]"
	 "\n       network [--authority ID] [--top N] [--only components|pagerank|communities|betweenness] [--json]"
	 "\n       | network --from ID --to ID | network --memberships | network --practice NAME|ID | network --edges",
	 "gap: expected against observed impacts; compliance: the money and law checks, or what an "
	 "application to a call lacks; portfolio: where the actions and the money go, concentration, "
	 "thin spread, strategy, dormant partnerships; trends: the observatory's series per year; diagnostic: the local actors' links abroad against "
	 "the authority's partnerships (the potential), diaspora associations; coordination: who else acts in a "
	 "country, overlapping actions, a city and its inter-municipal body, ranked suggestions to pool; match: partner candidates for a call or an authority, "
	 "ranked with the parts of their score; network: the graph of partnerships (degree, PageRank, "
	 "betweenness, communities, components, chains), city networks, the paths of practices", cmd_analyze},
	{"report", 1, 1, OPT_FILTERS | OPT_OUTPUT | OPT_LANG, CMD_DB,
	 "annual --authority ID --year Y -o FILE.html|FILE.pdf [--lang en|fr]",
	 "the annual report of an authority for its citizens: one HTML file, or a PDF printed by Chromium",
	 cmd_report},
	{"serve", 0, 0, OPT_LISTEN, 0, "[--listen 127.0.0.1:8080]",
	 "serve the pages and the JSON API (/api/v1) until Ctrl-C or SIGTERM", cmd_serve},
	{"backup", 1, 1, OPT_FORCE, CMD_DB, "FILE [--force]",
	 "copy the database to FILE as it is now, while a server keeps writing", cmd_backup},
	{"restore", 1, 1, 0, CMD_DB | CMD_CREATE, "FILE",
	 "replace every record by those of the backup FILE (checked first), a running server "
	 "included; everyone signs in again", cmd_restore},
	{NULL, 0, 0, 0, 0, NULL, NULL, NULL},
};

int cli_print_json(json_t *j)
{
	if (!j)
		return 1;
	int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(j);
	fputc('\n', stdout);
	return rc ? 1 : 0;
}

/* 12345 -> "12,345" (a static buffer per call site is enough for printf lists) */
static const char *num(size_t n, char buf[32])
{
	char tmp[32];
	int len = snprintf(tmp, sizeof(tmp), "%zu", n), o = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* ---- init ---- */

static int cmd_init(struct cli *c)
{
	int from, to;
	char *errmsg = NULL;
	if (store_init(c->st, &from, &to, &errmsg)) {
		cli_error("%s", errmsg);
		free(errmsg);
		return 1;
	}
	if (from == 0)
		printf("created %s (schema %d)\n", c->db, to);
	else if (from != to)
		printf("upgraded %s from schema %d to %d\n", c->db, from, to);
	else
		printf("%s is up to date (schema %d)\n", c->db, to);
	return 0;
}

/* ---- import ---- */

static void print_twin_report(const char *path, const struct twin_report *r, int dry_run)
{
	char a[32], b[32], c[32], d[32], e[32], f[32], g[32];
	printf("%s%s: %s rows read, %s rejected\n"
	       "  authorities: %s created, %s matched to known ones (%s new spellings recorded)\n"
	       "  partnerships: %s created, %s duplicates merged\n",
	       dry_run ? "dry run, nothing written: " : "", path, num(r->rows_read, a),
	       num(r->rows_rejected, b), num(r->authorities_created, d),
	       num(r->authorities_matched, e), num(r->names_added, f),
	       num(r->partnerships_created, g), num(r->duplicates_merged, c));
	if (r->rejected.n) {
		fprintf(stderr, "rows skipped:\n");
		cli_errors(&r->rejected);
	}
}

static int import_twin(struct cli *c)
{
	int status = 0;
	for (int i = 1; i < c->nargs; i++) {
		struct twin_report rep = {0};
		struct errlist errors;
		errlist_init(&errors);
		errors.max = 1000;
		int rc = twin_import(c->st, c->args[i], c->dry_run, &rep, &errors);
		if (rc) {
			cli_errors(&errors);
			cli_error("%s: nothing imported", c->args[i]);
			status = 1;
		} else {
			print_twin_report(c->args[i], &rep, c->dry_run);
		}
		errlist_clear(&errors);
		twin_report_clear(&rep);
	}
	return status;
}

static int import_csv(struct cli *c)
{
	enum record_kind kind = RK_NONE;
	if (c->filter.kind && (kind = csv_kind_parse(c->filter.kind)) == RK_NONE) {
		cli_error("--kind %s: expected authorities, organisations, partnerships, actions, "
			  "expected_impacts, observed_outcomes or stakeholder_links", c->filter.kind);
		return 2;
	}
	struct csv_import_report rep = {0};
	struct errlist errors;
	errlist_init(&errors);
	errors.max = 1000;
	int rc = records_csv_import(c->st, c->args + 1, (size_t)c->nargs - 1, kind, c->dry_run, &rep,
				    &errors);
	if (rc) {
		cli_errors(&errors);
		cli_error("nothing imported");
		errlist_clear(&errors);
		return 1;
	}
	printf("%s%zu %s, %zu %s:", c->dry_run ? "dry run, nothing written: " : "", rep.files,
	       rep.files == 1 ? "file" : "files", rep.rows, rep.rows == 1 ? "row" : "rows");
	for (int k = 0; k < RK_CSV_COUNT; k++)
		if (rep.created[k] || rep.updated[k])
			printf(" %s %zu created, %zu updated;", record_kind_name((enum record_kind)k),
			       rep.created[k], rep.updated[k]);
	printf("\n");
	errlist_clear(&errors);
	return 0;
}

static int import_json(struct cli *c)
{
	int status = 0;
	for (int i = 1; i < c->nargs; i++) {
		struct dataset_report rep = {0};
		struct errlist errors;
		errlist_init(&errors);
		errors.max = 1000;
		if (dataset_json_load(c->st, c->args[i], c->dry_run, &rep, &errors)) {
			cli_errors(&errors);
			cli_error("%s: nothing imported", c->args[i]);
			status = 1;
		} else {
			printf("%s%s: %zu authorities, %zu organisations, %zu partnerships, %zu actions, "
			       "%zu financing rows, %zu expected impacts, %zu observed outcomes",
			       c->dry_run ? "dry run, nothing written: " : "", c->args[i],
			       rep.authorities, rep.organisations, rep.partnerships, rep.actions,
			       rep.financing, rep.expected_impacts, rep.observed_outcomes);
			if (rep.stakeholder_links)
				printf(", %zu local actors' links abroad", rep.stakeholder_links);
			printf("\n");
		}
		errlist_clear(&errors);
	}
	return status;
}

static int import_iati(struct cli *c)
{
	struct errlist errors;
	errlist_init(&errors);
	errors.max = 1000;
	struct iati_import_report rep = {0};
	char a[32], b[32];
	int rc = iati_import(c->st, c->args + 1, (size_t)c->nargs - 1, c->dry_run, &rep, &errors);
	if (rc) {
		cli_errors(&errors);
		cli_error("nothing imported");
	} else {
		printf("%s%zu %s, %s activities, %zu organisation records: actions %zu created, %zu updated, "
		       "%zu left out; authorities %zu created, %zu matched; organisations %zu created, "
		       "%zu matched; %zu financing rows; %zu expected impacts\n",
		       c->dry_run ? "dry run, nothing written: " : "", rep.files,
		       rep.files == 1 ? "file" : "files", num(rep.activities, a), rep.organisation_records,
		       rep.actions_created, rep.actions_updated, rep.skipped, rep.authorities_created,
		       rep.authorities_matched, rep.organisations_created, rep.organisations_matched,
		       rep.financing_rows, rep.expected_impacts);
		(void)b;
		if (errlist_count(&rep.notes)) {
			fprintf(stderr, "left out:\n");
			cli_errors(&rep.notes);
		}
	}
	iati_import_report_clear(&rep);
	errlist_clear(&errors);
	return rc ? 1 : 0;
}

static int cmd_import(struct cli *c)
{
	const char *fmt = c->args[0];
	if (c->filter.kind && strcmp(fmt, "csv") != 0) {
		cli_error("--kind applies to 'import csv' only");
		return 2;
	}
	if (strcmp(fmt, "twin-cities") == 0)
		return import_twin(c);
	if (strcmp(fmt, "csv") == 0)
		return import_csv(c);
	if (strcmp(fmt, "json") == 0)
		return import_json(c);
	if (strcmp(fmt, "iati") == 0)
		return import_iati(c);
	cli_error("import: unknown format '%s' (twin-cities, csv, json or iati)", fmt);
	return 2;
}

/* ---- export ---- */

FILE *cli_open_output(const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return stdout;
	FILE *f = fopen(path, "w");
	if (!f)
		cli_error("%s: cannot write: %s", path, strerror(errno));
	return f;
}

int cli_close_output(FILE *f, const char *path)
{
	if (f == stdout)
		return 0;
	if (ferror(f) | fclose(f)) {
		cli_error("%s: write failed", path);
		return 1;
	}
	return 0;
}

static int export_csv_kind(struct cli *c, enum record_kind k, const char *path)
{
	struct store_filter all = {0};
	char *errmsg = NULL;
	FILE *f = cli_open_output(path);
	if (!f)
		return 1;
	int rc = records_csv_export(c->st, k, &all, f, &errmsg);
	if (rc) {
		cli_error("%s", errmsg ? errmsg : "export failed");
		free(errmsg);
	}
	return cli_close_output(f, path) || rc ? 1 : 0;
}

/* Whether options only the record exports take were given. */
static int record_options(const struct cli *c)
{
	const struct store_filter *f = &c->filter;
	return f->q || f->country || f->authority_id || f->kind || f->status || f->domain || f->year ||
	       c->columns || c->labels || c->lang;
}

static int export_iati(struct cli *c)
{
	int orgs = c->nargs == 2 && strcmp(c->args[1], "organisations") == 0;
	if (c->nargs == 2 && !orgs) {
		cli_error("export iati: unknown part '%s' (give nothing for activities, or organisations)",
			  c->args[1]);
		return 2;
	}
	if (c->filter.authority_id && !store_authority_exists(c->st, c->filter.authority_id)) {
		cli_error("authority #%lld does not exist", (long long)c->filter.authority_id);
		return 1;
	}
	struct errlist skipped;
	errlist_init(&skipped);
	char *errmsg = NULL;
	size_t n = 0;
	FILE *f = cli_open_output(c->output);
	if (!f)
		return 1;
	int rc = orgs ? iati_export_organisations(c->st, c->filter.authority_id, f, &n, &errmsg)
		      : iati_export_activities(c->st, c->filter.authority_id, f, &n, &skipped, &errmsg);
	if (rc)
		cli_error("%s", errmsg ? errmsg : "export failed");
	cli_errors(&skipped);
	free(errmsg);
	errlist_clear(&skipped);
	return cli_close_output(f, c->output) || rc ? 1 : 0;
}

/* The header row an authority sends to its local actors (links_csv.c). */
static int export_template(struct cli *c, int format, enum record_kind k)
{
	const struct store_filter *f = &c->filter;
	if (format != EXPORT_CSV || k != RK_STAKEHOLDER_LINK) {
		cli_error("--template: only 'export csv stakeholder_links --template' has one");
		return 2;
	}
	if (f->q || f->country || f->authority_id || f->kind || f->status || f->domain || f->year || c->columns ||
	    c->labels) {
		cli_error("export csv stakeholder_links --template takes --lang and -o FILE only");
		return 2;
	}
	if (c->lang && strcmp(c->lang, "en") != 0 && strcmp(c->lang, "fr") != 0) {
		cli_error("--lang: '%s' is not a language of the template (en or fr)", c->lang);
		return 2;
	}
	FILE *out = cli_open_output(c->output);
	if (!out)
		return 1;
	int rc = links_csv_template(out, c->lang);
	if (rc)
		cli_error("the template: %s", eala_strerror(rc));
	return cli_close_output(out, c->output) || rc ? 1 : 0;
}

static int cmd_export(struct cli *c)
{
	const char *fmt = c->args[0];
	if (strcmp(fmt, "eapd") == 0)
		return cli_export_eapd(c);
	if (strcmp(fmt, "iati") == 0) {
		const struct store_filter *f = &c->filter;
		if (f->q || f->country || f->kind || f->status || f->domain || f->year || c->columns || c->labels ||
		    c->lang) {
			cli_error("export iati takes --authority ID and -o FILE only");
			return 2;
		}
		return export_iati(c);
	}
	int format = export_format_parse(fmt);
	if (format < 0) {
		cli_error("export: unknown format '%s' (csv, xlsx, geojson, json, ndjson, iati or eapd)", fmt);
		return 2;
	}
	enum record_kind k = c->nargs == 2 ? csv_kind_parse(c->args[1]) : RK_NONE;
	if (c->template)
		return export_template(c, format, k);
	/* the four kinds with their options go through the record exports; the
	 * CSV of the results chain, of every kind, and the dataset stay as they were */
	if (format != EXPORT_CSV && format != EXPORT_JSON)
		return cli_export_records(c, format);
	if (c->nargs == 2 && (k == RK_NONE || k < RK_COUNT))
		return cli_export_records(c, format);
	if (record_options(c)) {
		cli_error("export %s%s%s takes no filters, --columns, --labels or --lang", fmt,
			  c->nargs == 2 ? " " : "", c->nargs == 2 ? c->args[1] : "");
		return 2;
	}
	if (format == EXPORT_JSON) {
		char *errmsg = NULL;
		FILE *f = cli_open_output(c->output);
		if (!f)
			return 1;
		int rc = dataset_json_export(c->st, f, &errmsg);
		if (rc) {
			cli_error("%s", errmsg ? errmsg : "export failed");
			free(errmsg);
		}
		return cli_close_output(f, c->output) || rc ? 1 : 0;
	}
	if (c->nargs == 2)
		return export_csv_kind(c, k, c->output);
	if (!c->output) {
		cli_error("export csv without a kind writes one file per kind: give a folder with -o DIR");
		return 2;
	}
	if (mkdir(c->output, 0777) != 0 && errno != EEXIST) {
		cli_error("%s: cannot create the folder: %s", c->output, strerror(errno));
		return 1;
	}
	int status = 0;
	for (int i = 0; i < RK_CSV_COUNT && !status; i++) {
		char *path = xasprintf("%s/%s.csv", c->output, record_kind_name((enum record_kind)i));
		status = export_csv_kind(c, (enum record_kind)i, path);
		if (!status)
			printf("wrote %s\n", path);
		free(path);
	}
	return status;
}

/* ---- list ---- */

struct list_ctx {
	struct cli *c;
	json_t *array;
	size_t shown;
	int64_t last_id;
};

static const char *authority_name(struct store *st, int64_t id, char *buf, size_t len)
{
	struct authority a;
	if (store_authority_get(st, id, &a) == EALA_OK) {
		snprintf(buf, len, "%s (%s)", a.name, a.country);
		authority_clear(&a);
	} else {
		snprintf(buf, len, "#%lld", (long long)id);
	}
	return buf;
}

static int list_authority(void *ctx, const struct authority *a)
{
	struct list_ctx *l = ctx;
	l->shown++;
	l->last_id = a->id;
	if (l->array)
		return json_array_append_new(l->array, authority_json(a));
	printf("%-7lld %-2s  %-13s %s\n", (long long)a->id, a->country, a->level, a->name);
	return 0;
}

static int list_organisation(void *ctx, const struct organisation *o)
{
	struct list_ctx *l = ctx;
	l->shown++;
	l->last_id = o->id;
	if (l->array)
		return json_array_append_new(l->array, organisation_json(o));
	printf("%-7lld %-2s  %-22s %s\n", (long long)o->id, o->country ? o->country : "--",
	       o->subtype ? o->subtype : codelist_label(CL_IATI_ORG_TYPE, o->iati_type, CL_LANG_EN),
	       o->name);
	return 0;
}

static int list_partnership(void *ctx, const struct partnership *p)
{
	struct list_ctx *l = ctx;
	l->shown++;
	l->last_id = p->id;
	if (l->array)
		return json_array_append_new(l->array, partnership_json_with_partners(l->c->st, p));
	char m1[160] = "", m2[160] = "";
	if (p->n_members > 0)
		authority_name(l->c->st, p->members[0], m1, sizeof(m1));
	if (p->n_members > 1)
		authority_name(l->c->st, p->members[1], m2, sizeof(m2));
	printf("%-7lld %-25s %-8s %s – %s%s\n", (long long)p->id, p->kind, p->status, m1, m2,
	       p->n_members > 2 ? " and others" : "");
	return 0;
}

static int list_action(void *ctx, const struct action *a)
{
	struct list_ctx *l = ctx;
	l->shown++;
	l->last_id = a->id;
	if (l->array)
		return json_array_append_new(l->array, action_json(a));
	printf("%-7lld %-22s %-10s %s\n", (long long)a->id, a->type, a->start_date ? a->start_date : "",
	       a->title);
	return 0;
}

/* Check a filter value against a code list; 1 when fine. */
static int check_code(const char *opt, enum codelist_id id, const char *v)
{
	if (!v || codelist_has(id, v))
		return 1;
	const struct codelist *cl = codelist_get(id);
	fprintf(stderr, "eala: %s '%s' is not a code of the %s list", opt, v, codelist_name(id));
	if (cl && cl->n <= 40) {
		fprintf(stderr, "; one of:");
		for (size_t i = 0; i < cl->n; i++)
			fprintf(stderr, " %s", cl->v[i].code);
	}
	fputc('\n', stderr);
	return 0;
}

int cli_check_filters(struct cli *c, int kind, char *country)
{
	enum record_kind k = (enum record_kind)kind;
	struct store_filter *f = &c->filter;
	if (f->country) {
		for (char *p = country; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		f->country = country;
		if (!check_code("--country", CL_COUNTRY, country))
			return 0;
	}
	static const enum codelist_id kinds[RK_COUNT] = {
		[RK_AUTHORITY] = CL_AUTHORITY_LEVEL, [RK_ORGANISATION] = CL_ORG_SUBTYPE,
		[RK_PARTNERSHIP] = CL_PARTNERSHIP_KIND, [RK_ACTION] = CL_ACTION_TYPE};
	if (!check_code("--kind", kinds[k], f->kind))
		return 0;
	if ((f->status || f->year) && (k == RK_AUTHORITY || k == RK_ORGANISATION)) {
		cli_error("--status and --year apply to partnerships and actions");
		return 0;
	}
	if (f->domain && (k == RK_AUTHORITY || k == RK_ORGANISATION)) {
		cli_error("--domain applies to partnerships and actions");
		return 0;
	}
	if (k == RK_PARTNERSHIP && !check_code("--status", CL_PARTNERSHIP_STATUS, f->status))
		return 0;
	if (k == RK_ACTION && !check_code("--status", CL_IATI_ACTIVITY_STATUS, f->status))
		return 0;
	return check_code("--domain", CL_ACTION_DOMAIN, f->domain);
}

static int cmd_list(struct cli *c)
{
	enum record_kind k = record_kind_parse(c->args[0]);
	if (k == RK_NONE) {
		cli_error("list: unknown kind '%s' (authorities, organisations, partnerships, actions)",
			  c->args[0]);
		return 2;
	}
	char country[8] = "";
	if (c->filter.country)
		snprintf(country, sizeof(country), "%s", c->filter.country);
	if (!cli_check_filters(c, k, country))
		return 2;
	struct list_ctx l = {.c = c, .array = c->json ? json_array() : NULL};
	int64_t total = 0;
	char *errmsg = NULL;
	int rc;
	switch (k) {
	case RK_AUTHORITY:
		rc = store_authority_list(c->st, &c->filter, list_authority, &l, &total, &errmsg);
		break;
	case RK_ORGANISATION:
		rc = store_organisation_list(c->st, &c->filter, list_organisation, &l, &total, &errmsg);
		break;
	case RK_PARTNERSHIP:
		rc = store_partnership_list(c->st, &c->filter, list_partnership, &l, &total, &errmsg);
		break;
	default:
		rc = store_action_list(c->st, &c->filter, list_action, &l, &total, &errmsg);
		break;
	}
	if (rc) {
		cli_error("%s", errmsg ? errmsg : "listing failed");
		free(errmsg);
		json_decref(l.array);
		return 1;
	}
	if (l.array && cli_print_json(l.array))
		return 1;
	if ((int64_t)l.shown < total - (c->filter.after_id ? 0 : 0) && c->filter.limit &&
	    (int64_t)l.shown == c->filter.limit)
		fprintf(stderr, "%zu of %lld shown; more with --after %lld, all with --limit 0\n",
			l.shown, (long long)total, (long long)l.last_id);
	return 0;
}

/* ---- demo ---- */

static int cmd_demo(struct cli *c)
{
	int from, to, status = 1;
	int64_t done = 0;
	char *errmsg = NULL;
	char *twins = eala_datapath("twin_cities.csv"), *demo = eala_datapath("demo/demo.json");
	struct twin_report tr = {0};
	struct dataset_report dr = {0};
	struct errlist errors;
	errlist_init(&errors);
	errors.max = 1000;

	if (store_init(c->st, &from, &to, &errmsg) ||
	    store_audit_count(c->st, "demo", NULL, &done, &errmsg)) {
		cli_error("%s", errmsg);
		goto out;
	}
	if (done) {
		printf("the demo dataset is already in %s\n", c->db);
		status = 0;
		goto out;
	}
	if (store_begin(c->st)) {
		cli_error("%s: cannot start a transaction", c->db);
		goto out;
	}
	struct audit_event ev = {.operation = "demo", .kind = "dataset"};
	int failed = twin_import(c->st, twins, 0, &tr, &errors) ||
		     dataset_json_load(c->st, demo, 0, &dr, &errors) ||
		     store_audit_add(c->st, &ev, &errmsg);
	if (!failed && store_commit(c->st)) {
		failed = 1;
		errmsg = xstrdup(store_error(c->st));
	}
	if (failed) {
		store_rollback(c->st);
		cli_errors(&errors);
		if (errmsg)
			cli_error("%s", errmsg);
		cli_error("the demo dataset was not loaded");
		goto out;
	}
	char a[32], b[32], d[32];
	printf("loaded the demo dataset into %s\n"
	       "  twin-city list: %s pairs read, %s twinnings between %s authorities (%zu rows skipped)\n"
	       "  seeds' cases: %zu authorities, %zu organisations, %zu partnerships, %zu actions,\n"
	       "                %zu financing rows, %zu expected impacts, %zu observed outcomes\n",
	       c->db, num(tr.rows_read, a), num(tr.partnerships_created, b),
	       num(tr.authorities_created, d), tr.rows_rejected, dr.authorities, dr.organisations,
	       dr.partnerships, dr.actions, dr.financing, dr.expected_impacts, dr.observed_outcomes);
	status = 0;
out:
	free(errmsg);
	free(twins);
	free(demo);
	twin_report_clear(&tr);
	errlist_clear(&errors);
	return status;
}

/* ---- stats ---- */

static int cmd_stats(struct cli *c)
{
	struct store_stats s;
	char *errmsg = NULL;
	if (store_stats_get(c->st, &s, &errmsg)) {
		cli_error("%s", errmsg);
		free(errmsg);
		return 1;
	}
	struct { const char *name; int64_t n; } rows[] = {
		{"authorities", s.authorities}, {"organisations", s.organisations},
		{"network_memberships", s.network_memberships}, {"partnerships", s.partnerships},
		{"twinnings", s.twinnings}, {"actions", s.actions}, {"financing", s.financing},
		{"budget_years", s.budget_years}, {"strategies", s.strategies},
		{"expected_impacts", s.expected_impacts}, {"observed_outcomes", s.observed_outcomes},
		{"practices", s.practices}, {"partner_calls", s.partner_calls},
		{"countries", s.countries}, {"users", s.users}, {"audit_events", s.audit_events},
	};
	size_t n = sizeof(rows) / sizeof(*rows);
	if (c->json) {
		json_t *o = json_object();
		for (size_t i = 0; i < n; i++)
			json_object_set_new(o, rows[i].name, json_integer((json_int_t)rows[i].n));
		return cli_print_json(o);
	}
	char buf[32];
	printf("%s (schema %d)\n", c->db, store_schema_version());
	for (size_t i = 0; i < n; i++) {
		char label[32];
		snprintf(label, sizeof(label), "%s", rows[i].name);
		for (char *p = label; *p; p++)
			if (*p == '_')
				*p = ' ';
		printf("  %-20s %10s\n", label, num((size_t)rows[i].n, buf));
	}
	return 0;
}

/* ---- serve ---- */

static int cmd_serve(struct cli *c)
{
	char *errmsg = NULL;
	int rc = web_serve(c->db, c->listen ? c->listen : "127.0.0.1:8080", &errmsg);
	if (rc) {
		cli_error("%s", errmsg ? errmsg : eala_strerror(rc));
		free(errmsg);
		return rc == EALA_EINVAL ? 2 : 1;
	}
	return 0;
}

/* ---- backup, restore ---- */

static int cmd_backup(struct cli *c)
{
	char *errmsg = NULL;
	if (store_backup(c->st, c->args[0], c->force, &errmsg)) {
		cli_error("%s", errmsg ? errmsg : "backup failed");
		free(errmsg);
		return 1;
	}
	printf("backed up %s to %s\n", c->db, c->args[0]);
	return 0;
}

static int cmd_restore(struct cli *c)
{
	char *errmsg = NULL;
	if (store_restore(c->st, c->args[0], &errmsg)) {
		cli_error("%s", errmsg ? errmsg : "restore failed");
		free(errmsg);
		return 1;
	}
	printf("restored %s from %s; every login session has ended\n", c->db, c->args[0]);
	return 0;
}
