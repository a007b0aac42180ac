/* sqlite_results.c: the results chain in SQLite (issue 4): expected impacts
 * with their indicators and periods, observed outcomes, and the documents
 * uploaded as evidence. */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

static int64_t cited_document(struct store *st, int64_t outcome_id);
static int drop_document(struct store *st, int64_t doc, char **errmsg);

/* ---- expected impacts, indicators and periods ---- */

static int insert_indicator(struct store *st, int64_t expected_id, struct indicator *ind,
			    char **errmsg)
{
	static const char sql[] =
		"INSERT INTO indicator(id, expected_impact_id, title, unit, measure, ascending,"
		" cumulative, baseline, baseline_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	static const char per[] =
		"INSERT INTO indicator_period(indicator_id, start, end, target, actual)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, ind->id);
	sq_id(s, 2, expected_id);
	sq_text(s, 3, ind->title);
	sq_text(s, 4, ind->unit);
	sq_text(s, 5, ind->measure);
	sq_int(s, 6, ind->ascending != 0);
	sq_int(s, 7, ind->cumulative != 0);
	sq_real_opt(s, 8, ind->has_baseline, ind->baseline);
	sq_text(s, 9, ind->baseline_date);
	int rc = sq_exec_stmt(st, s, errmsg, "adding an indicator");
	if (rc)
		return rc;
	ind->id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; !rc && i < ind->n_periods; i++) {
		const struct indicator_period *p = &ind->periods[i];
		if (!(s = sq_cached(st, per, errmsg)))
			return EALA_EIO;
		sq_id(s, 1, ind->id);
		sq_text(s, 2, p->start);
		sq_text(s, 3, p->end);
		sq_real_opt(s, 4, p->has_target, p->target);
		sq_real_opt(s, 5, p->has_actual, p->actual);
		rc = sq_exec_stmt(st, s, errmsg, "adding an indicator period");
	}
	return rc;
}

int store_expected_impact_insert(struct store *st, struct expected_impact *e, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO expected_impact(id, partnership_id, action_id, category, side,"
		" description, source, illustrative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, e->id);
	sq_id(s, 2, e->partnership_id);
	sq_id(s, 3, e->action_id);
	sq_text(s, 4, e->category);
	sq_text(s, 5, e->side);
	sq_text(s, 6, e->description);
	sq_text(s, 7, e->source);
	sq_text(s, 8, e->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "adding an expected impact");
	if (rc)
		return rc;
	e->id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; !rc && i < e->n_indicators; i++)
		rc = insert_indicator(st, e->id, &e->indicators[i], errmsg);
	return rc;
}

static int read_periods(struct store *st, struct indicator *ind)
{
	static const char sql[] = "SELECT start, end, target, actual FROM indicator_period"
				  " WHERE indicator_id = ?1 ORDER BY start";
	sqlite3_stmt *p = sq_cached(st, sql, NULL);
	if (!p)
		return EALA_EIO;
	sq_id(p, 1, ind->id);
	while (sqlite3_step(p) == SQLITE_ROW) {
		struct indicator_period *v = realloc(ind->periods, (ind->n_periods + 1) * sizeof(*v));
		if (!v)
			break;
		ind->periods = v;
		struct indicator_period *x = &v[ind->n_periods++];
		x->start = sq_col_text(p, 0);
		x->end = sq_col_text(p, 1);
		x->has_target = sqlite3_column_type(p, 2) != SQLITE_NULL;
		x->target = sqlite3_column_double(p, 2);
		x->has_actual = sqlite3_column_type(p, 3) != SQLITE_NULL;
		x->actual = sqlite3_column_double(p, 3);
	}
	sqlite3_reset(p);
	return EALA_OK;
}

static int read_expected(struct store *st, sqlite3_stmt *s, struct expected_impact *e)
{
	static const char ind_sql[] =
		"SELECT id, title, unit, measure, ascending, cumulative, baseline, baseline_date"
		" FROM indicator WHERE expected_impact_id = ?1 ORDER BY id";
	e->id = sqlite3_column_int64(s, 0);
	e->partnership_id = sq_col_id(s, 1);
	e->action_id = sq_col_id(s, 2);
	e->category = sq_col_text(s, 3);
	e->side = sq_col_text(s, 4);
	e->description = sq_col_text(s, 5);
	e->source = sq_col_text(s, 6);
	e->illustrative = sq_col_text(s, 7);
	/* indicators are read whole (the cached statement stepped to its end)
	 * before read_periods uses its own */
	sqlite3_stmt *q = sq_cached(st, ind_sql, NULL);
	if (!q)
		return EALA_EIO;
	sq_id(q, 1, e->id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct indicator *v = realloc(e->indicators, (e->n_indicators + 1) * sizeof(*v));
		if (!v)
			break;
		e->indicators = v;
		struct indicator *ind = &v[e->n_indicators++];
		memset(ind, 0, sizeof(*ind));
		ind->id = sqlite3_column_int64(q, 0);
		ind->title = sq_col_text(q, 1);
		ind->unit = sq_col_text(q, 2);
		ind->measure = sq_col_text(q, 3);
		ind->ascending = sqlite3_column_int(q, 4);
		ind->cumulative = sqlite3_column_int(q, 5);
		ind->has_baseline = sqlite3_column_type(q, 6) != SQLITE_NULL;
		ind->baseline = sqlite3_column_double(q, 6);
		ind->baseline_date = sq_col_text(q, 7);
	}
	sqlite3_reset(q);
	for (size_t i = 0; i < e->n_indicators; i++)
		read_periods(st, &e->indicators[i]);
	return EALA_OK;
}

/* The rows a results_filter selects: ?1 partnership, ?2 public only, ?3
 * action, ?4 authority (a member of the partnership, or the action's lead or
 * a member of the action's partnership). Drafts: the partnership's and the
 * action's. Each statement leads with the condition an index answers (an
 * "?1 IS NULL OR" test alone would read every row); the rest filters. */
#define RESULTS_FILTER \
	" (?1 IS NULL OR partnership_id = ?1) AND (?3 IS NULL OR action_id = ?3)" \
	" AND (?4 IS NULL OR partnership_id IN (SELECT partnership_id FROM partnership_member" \
	"      WHERE authority_id = ?4) OR action_id IN (SELECT id FROM action WHERE authority_id = ?4" \
	"      OR partnership_id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ?4)))" \
	" AND (?2 IS NULL OR ((partnership_id IS NULL" \
	"      OR partnership_id NOT IN (SELECT id FROM partnership WHERE draft = 1))" \
	"  AND (action_id IS NULL OR action_id NOT IN (SELECT id FROM action WHERE draft = 1))))"
#define BY_ACTION " WHERE action_id = ?3 AND"
#define BY_PARTNERSHIP " WHERE partnership_id = ?1 AND"
#define BY_AUTHORITY \
	" WHERE (partnership_id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ?4)" \
	"  OR action_id IN (SELECT id FROM action WHERE authority_id = ?4)" \
	"  OR action_id IN (SELECT a.id FROM action a JOIN partnership_member m" \
	"      ON m.partnership_id = a.partnership_id WHERE m.authority_id = ?4)) AND"
#define BY_NOTHING " WHERE"

/* The statement of the four for f's leading condition. */
static const char *results_sql(const struct results_filter *f, const char *by_action, const char *by_partnership,
			       const char *by_authority, const char *all)
{
	return f->action_id ? by_action : f->partnership_id ? by_partnership : f->authority_id ? by_authority : all;
}

static void bind_results(sqlite3_stmt *s, const struct results_filter *f)
{
	sq_id(s, 1, f->partnership_id);
	sq_id(s, 2, f->public_only ? 1 : 0);
	sq_id(s, 3, f->action_id);
	sq_id(s, 4, f->authority_id);
}

#define EXPECTED_COLUMNS "SELECT id, partnership_id, action_id, category, side, description, source," \
	" illustrative FROM expected_impact"

int store_expected_impact_list(struct store *st, const struct results_filter *f, store_expected_fn fn,
			       void *ctx, char **errmsg)
{
	static const char a[] = EXPECTED_COLUMNS BY_ACTION RESULTS_FILTER " ORDER BY id";
	static const char p[] = EXPECTED_COLUMNS BY_PARTNERSHIP RESULTS_FILTER " ORDER BY id";
	static const char o[] = EXPECTED_COLUMNS BY_AUTHORITY RESULTS_FILTER " ORDER BY id";
	static const char all[] = EXPECTED_COLUMNS BY_NOTHING RESULTS_FILTER " ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, results_sql(f, a, p, o, all), errmsg);
	if (!s)
		return EALA_EIO;
	bind_results(s, f);
	WALK(struct expected_impact, read_expected, expected_impact_clear, "reading expected impacts");
}

int store_expected_impact_each(struct store *st, int64_t partnership_id, int public_only,
			       store_expected_fn fn, void *ctx, char **errmsg)
{
	struct results_filter f = {.partnership_id = partnership_id, .public_only = public_only};
	return store_expected_impact_list(st, &f, fn, ctx, errmsg);
}

int store_expected_impact_get(struct store *st, int64_t id, struct expected_impact *out)
{
	static const char sql[] = EXPECTED_COLUMNS " WHERE id = ?1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = sq_prepare(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sqlite3_step(s) == SQLITE_ROW ? read_expected(st, s, out) : EALA_ENOTFOUND;
	sqlite3_finalize(s);
	return rc;
}

/* Replace the periods of an indicator by ind's. */
static int put_periods(struct store *st, const struct indicator *ind, char **errmsg)
{
	static const char del[] = "DELETE FROM indicator_period WHERE indicator_id = ?1";
	static const char per[] =
		"INSERT INTO indicator_period(indicator_id, start, end, target, actual)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *s = sq_cached(st, del, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, ind->id);
	int rc = sq_exec_stmt(st, s, errmsg, "replacing indicator periods");
	for (size_t i = 0; !rc && i < ind->n_periods; i++) {
		const struct indicator_period *p = &ind->periods[i];
		if (!(s = sq_cached(st, per, errmsg)))
			return EALA_EIO;
		sq_id(s, 1, ind->id);
		sq_text(s, 2, p->start);
		sq_text(s, 3, p->end);
		sq_real_opt(s, 4, p->has_target, p->target);
		sq_real_opt(s, 5, p->has_actual, p->actual);
		rc = sq_exec_stmt(st, s, errmsg, "adding an indicator period");
	}
	return rc;
}

int store_expected_impact_update(struct store *st, struct expected_impact *e, char **errmsg)
{
	static const char sql[] =
		"UPDATE expected_impact SET partnership_id = ?2, action_id = ?3, category = ?4, side = ?5,"
		" description = ?6, source = ?7, illustrative = ?8 WHERE id = ?1";
	static const char drop[] =
		"DELETE FROM indicator WHERE expected_impact_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))";
	static const char upd[] =
		"UPDATE indicator SET title = ?3, unit = ?4, measure = ?5, ascending = ?6, cumulative = ?7,"
		" baseline = ?8, baseline_date = ?9 WHERE id = ?1 AND expected_impact_id = ?2";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, e->id);
	sq_id(s, 2, e->partnership_id);
	sq_id(s, 3, e->action_id);
	sq_text(s, 4, e->category);
	sq_text(s, 5, e->side);
	sq_text(s, 6, e->description);
	sq_text(s, 7, e->source);
	sq_text(s, 8, e->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "updating an expected impact");
	if (!rc && sqlite3_changes(st->db) == 0)
		return EALA_ENOTFOUND;
	/* indicators it no longer has go, with their periods */
	int64_t *keep = calloc(e->n_indicators + 1, sizeof(*keep));
	if (!keep)
		return EALA_ENOMEM;
	size_t nk = 0;
	for (size_t i = 0; i < e->n_indicators; i++)
		if (e->indicators[i].id)
			keep[nk++] = e->indicators[i].id;
	char *ids = sq_ids_json(keep, nk);
	free(keep);
	if (!rc && !(s = sq_cached(st, drop, errmsg)))
		rc = EALA_EIO;
	if (!rc) {
		sq_id(s, 1, e->id);
		sq_text(s, 2, ids);
		rc = sq_exec_stmt(st, s, errmsg, "removing indicators");
	}
	free(ids);
	/* those it keeps are updated in place (their ids stay), the new ones added */
	for (size_t i = 0; !rc && i < e->n_indicators; i++) {
		struct indicator *ind = &e->indicators[i];
		int found = 0;
		if (ind->id) {
			if (!(s = sq_cached(st, upd, errmsg)))
				return EALA_EIO;
			sq_id(s, 1, ind->id);
			sq_id(s, 2, e->id);
			sq_text(s, 3, ind->title);
			sq_text(s, 4, ind->unit);
			sq_text(s, 5, ind->measure);
			sq_int(s, 6, ind->ascending != 0);
			sq_int(s, 7, ind->cumulative != 0);
			sq_real_opt(s, 8, ind->has_baseline, ind->baseline);
			sq_text(s, 9, ind->baseline_date);
			rc = sq_exec_stmt(st, s, errmsg, "updating an indicator");
			found = !rc && sqlite3_changes(st->db) > 0;
			if (found)
				rc = put_periods(st, ind, errmsg);
		}
		if (!rc && !found) {
			ind->id = 0;   /* an id of another impact's indicator is not taken */
			rc = insert_indicator(st, e->id, ind, errmsg);
		}
	}
	return rc;
}

int store_expected_impact_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char sql[] = "DELETE FROM expected_impact WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sq_exec_stmt(st, s, errmsg, "deleting an expected impact");
	return !rc && sqlite3_changes(st->db) == 0 ? EALA_ENOTFOUND : rc;
}

/* ---- observed outcomes ---- */

int store_observed_outcome_insert(struct store *st, struct observed_outcome *o, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO observed_outcome(id, partnership_id, action_id, expected_id, category,"
		" side, reported_by, description, date, evidence_url, unexpected, source,"
		" illustrative, reporter, evidence_document)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, o->id);
	sq_id(s, 2, o->partnership_id);
	sq_id(s, 3, o->action_id);
	sq_id(s, 4, o->expected_id);
	sq_text(s, 5, o->category);
	sq_text(s, 6, o->side);
	sq_text(s, 7, o->reported_by);
	sq_text(s, 8, o->description);
	sq_text(s, 9, o->date);
	sq_text(s, 10, o->evidence_url);
	sq_int(s, 11, o->unexpected != 0);
	sq_text(s, 12, o->source);
	sq_text(s, 13, o->illustrative);
	sq_text(s, 14, o->reporter);
	sq_id(s, 15, o->evidence_document);
	int rc = sq_exec_stmt(st, s, errmsg, "adding an observed outcome");
	if (!rc)
		o->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int read_outcome(struct store *st, sqlite3_stmt *s, struct observed_outcome *o)
{
	(void)st;
	o->id = sqlite3_column_int64(s, 0);
	o->partnership_id = sq_col_id(s, 1);
	o->action_id = sq_col_id(s, 2);
	o->expected_id = sq_col_id(s, 3);
	o->category = sq_col_text(s, 4);
	o->side = sq_col_text(s, 5);
	o->reported_by = sq_col_text(s, 6);
	o->description = sq_col_text(s, 7);
	o->date = sq_col_text(s, 8);
	o->evidence_url = sq_col_text(s, 9);
	o->unexpected = sqlite3_column_int(s, 10);
	o->source = sq_col_text(s, 11);
	o->illustrative = sq_col_text(s, 12);
	o->reporter = sq_col_text(s, 13);
	o->evidence_document = sq_col_id(s, 14);
	return EALA_OK;
}

#define OUTCOME_COLUMNS "SELECT id, partnership_id, action_id, expected_id, category, side," \
	" reported_by, description, date, evidence_url, unexpected, source, illustrative, reporter," \
	" evidence_document FROM observed_outcome"

int store_observed_outcome_list(struct store *st, const struct results_filter *f, store_outcome_fn fn,
				void *ctx, char **errmsg)
{
	static const char a[] = OUTCOME_COLUMNS BY_ACTION RESULTS_FILTER " ORDER BY id";
	static const char p[] = OUTCOME_COLUMNS BY_PARTNERSHIP RESULTS_FILTER " ORDER BY id";
	static const char o[] = OUTCOME_COLUMNS BY_AUTHORITY RESULTS_FILTER " ORDER BY id";
	static const char all[] = OUTCOME_COLUMNS BY_NOTHING RESULTS_FILTER " ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, results_sql(f, a, p, o, all), errmsg);
	if (!s)
		return EALA_EIO;
	bind_results(s, f);
	WALK(struct observed_outcome, read_outcome, observed_outcome_clear, "reading observed outcomes");
}

int store_observed_outcome_each(struct store *st, int64_t partnership_id, int public_only,
				store_outcome_fn fn, void *ctx, char **errmsg)
{
	struct results_filter f = {.partnership_id = partnership_id, .public_only = public_only};
	return store_observed_outcome_list(st, &f, fn, ctx, errmsg);
}

int store_observed_outcome_get(struct store *st, int64_t id, struct observed_outcome *out)
{
	static const char sql[] = OUTCOME_COLUMNS " WHERE id = ?1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sqlite3_step(s) == SQLITE_ROW ? read_outcome(st, s, out) : EALA_ENOTFOUND;
	sqlite3_reset(s);
	return rc;
}

int store_observed_outcome_update(struct store *st, const struct observed_outcome *o, char **errmsg)
{
	static const char sql[] =
		"UPDATE observed_outcome SET partnership_id = ?2, action_id = ?3, expected_id = ?4,"
		" category = ?5, side = ?6, reported_by = ?7, description = ?8, date = ?9,"
		" evidence_url = ?10, unexpected = ?11, source = ?12, illustrative = ?13, reporter = ?14,"
		" evidence_document = ?15 WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, o->id);
	sq_id(s, 2, o->partnership_id);
	sq_id(s, 3, o->action_id);
	sq_id(s, 4, o->expected_id);
	sq_text(s, 5, o->category);
	sq_text(s, 6, o->side);
	sq_text(s, 7, o->reported_by);
	sq_text(s, 8, o->description);
	sq_text(s, 9, o->date);
	sq_text(s, 10, o->evidence_url);
	sq_int(s, 11, o->unexpected != 0);
	sq_text(s, 12, o->source);
	sq_text(s, 13, o->illustrative);
	sq_text(s, 14, o->reporter);
	sq_id(s, 15, o->evidence_document);
	int64_t old = cited_document(st, o->id);
	int rc = sq_exec_stmt(st, s, errmsg, "updating an observed outcome");
	if (!rc && sqlite3_changes(st->db) == 0)
		return EALA_ENOTFOUND;
	return rc || !old || old == o->evidence_document ? rc : drop_document(st, old, errmsg);
}

int store_observed_outcome_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char sql[] = "DELETE FROM observed_outcome WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int64_t old = cited_document(st, id);
	int rc = sq_exec_stmt(st, s, errmsg, "deleting an observed outcome");
	if (!rc && sqlite3_changes(st->db) == 0)
		return EALA_ENOTFOUND;
	return rc || !old ? rc : drop_document(st, old, errmsg);
}

/* ---- documents ---- */

/* The document an outcome cites (0: none). */
static int64_t cited_document(struct store *st, int64_t outcome_id)
{
	static const char sql[] = "SELECT evidence_document FROM observed_outcome WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return 0;
	sq_id(s, 1, outcome_id);
	int64_t doc = sqlite3_step(s) == SQLITE_ROW ? sq_col_id(s, 0) : 0;
	sqlite3_reset(s);
	return doc;
}

/* A document replaced or left by a deleted outcome goes, unless another
 * outcome cites it too: no file stays behind that nothing shows. */
static int drop_document(struct store *st, int64_t doc, char **errmsg)
{
	static const char sql[] =
		"DELETE FROM document WHERE id = ?1 AND NOT EXISTS"
		" (SELECT 1 FROM observed_outcome WHERE evidence_document = ?1)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, doc);
	return sq_exec_stmt(st, s, errmsg, "removing a document no outcome cites");
}

int store_document_insert(struct store *st, struct document *d, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO document(name, media_type, size, sha256, content, uploaded_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id, uploaded_at";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, d->name);
	sq_text(s, 2, d->media_type);
	sq_int(s, 3, (int64_t)d->size);
	sq_text(s, 4, d->sha256);
	sqlite3_bind_blob64(s, 5, d->content ? (const void *)d->content : "", d->size, SQLITE_STATIC);
	sq_text(s, 6, d->uploaded_by);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW)
		return sq_fail(st, errmsg, "storing a document");
	d->id = sqlite3_column_int64(s, 0);
	free(d->uploaded_at);
	d->uploaded_at = sq_col_text(s, 1);
	sqlite3_step(s);
	sqlite3_reset(s);
	return EALA_OK;
}

int store_document_get(struct store *st, int64_t id, int with_content, struct document *out)
{
	static const char sql[] =
		"SELECT id, name, media_type, size, sha256, uploaded_by, uploaded_at,"
		" CASE WHEN ?2 THEN content END FROM document WHERE id = ?1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	sq_int(s, 2, with_content != 0);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->name = sq_col_text(s, 1);
		out->media_type = sq_col_text(s, 2);
		out->size = (size_t)sqlite3_column_int64(s, 3);
		out->sha256 = sq_col_text(s, 4);
		out->uploaded_by = sq_col_text(s, 5);
		out->uploaded_at = sq_col_text(s, 6);
		rc = EALA_OK;
		if (with_content) {
			const void *b = sqlite3_column_blob(s, 7);
			int n = sqlite3_column_bytes(s, 7);
			out->content = malloc(n ? (size_t)n : 1);
			if (!out->content)
				rc = EALA_ENOMEM;
			else if (n)
				memcpy(out->content, b, (size_t)n);
			out->size = (size_t)n;
		}
	}
	sqlite3_reset(s);
	if (rc && rc != EALA_ENOTFOUND)
		document_clear(out);
	return rc;
}

/* Which partnership and action the outcome citing document id belongs to
 * (for who may read it); EALA_ENOTFOUND when no outcome cites it. */
int store_document_owner(struct store *st, int64_t id, struct observed_outcome *out)
{
	static const char sql[] = OUTCOME_COLUMNS " WHERE evidence_document = ?1 ORDER BY id LIMIT 1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sqlite3_step(s) == SQLITE_ROW ? read_outcome(st, s, out) : EALA_ENOTFOUND;
	sqlite3_reset(s);
	return rc;
}

