/* sqlite_more.c: the rest of the model in SQLite: network memberships,
 * financing, budget years, strategies, practices and partner calls (results:
 * sqlite_results.c). */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>


static double col_real_or(sqlite3_stmt *s, int i, double dflt)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? dflt : sqlite3_column_double(s, i);
}

/* ---- network memberships ---- */

int store_membership_insert(struct store *st, struct network_membership *m, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO network_membership(id, authority_id, network_id, role, start_date,"
		" end_date, source, illustrative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, m->id);
	sq_id(s, 2, m->authority_id);
	sq_id(s, 3, m->network_id);
	sq_text(s, 4, m->role);
	sq_text(s, 5, m->start_date);
	sq_text(s, 6, m->end_date);
	sq_text(s, 7, m->source);
	sq_text(s, 8, m->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "adding a network membership");
	if (!rc)
		m->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int read_membership(struct store *st, sqlite3_stmt *s, struct network_membership *m)
{
	(void)st;
	m->id = sqlite3_column_int64(s, 0);
	m->authority_id = sq_col_id(s, 1);
	m->network_id = sq_col_id(s, 2);
	m->role = sq_col_text(s, 3);
	m->start_date = sq_col_text(s, 4);
	m->end_date = sq_col_text(s, 5);
	m->source = sq_col_text(s, 6);
	m->illustrative = sq_col_text(s, 7);
	return EALA_OK;
}

int store_membership_each(struct store *st, int64_t authority_id, int64_t network_id,
			  store_membership_fn fn, void *ctx, char **errmsg)
{
	static const char sql[] =
		"SELECT id, authority_id, network_id, role, start_date, end_date, source, illustrative"
		" FROM network_membership WHERE (?1 IS NULL OR authority_id = ?1)"
		" AND (?2 IS NULL OR network_id = ?2) ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	sq_id(s, 2, network_id);
	WALK(struct network_membership, read_membership, network_membership_clear, "reading network memberships");
}

int store_membership_get(struct store *st, int64_t id, struct network_membership *out)
{
	static const char sql[] =
		"SELECT id, authority_id, network_id, role, start_date, end_date, source, illustrative"
		" FROM network_membership WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = read_membership(st, s, out);
	sqlite3_reset(s);
	return rc;
}

int store_membership_update(struct store *st, const struct network_membership *m, char **errmsg)
{
	static const char sql[] =
		"UPDATE network_membership SET authority_id = ?2, network_id = ?3, role = ?4,"
		" start_date = ?5, end_date = ?6, source = ?7, illustrative = ?8 WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, m->id);
	sq_id(s, 2, m->authority_id);
	sq_id(s, 3, m->network_id);
	sq_text(s, 4, m->role);
	sq_text(s, 5, m->start_date);
	sq_text(s, 6, m->end_date);
	sq_text(s, 7, m->source);
	sq_text(s, 8, m->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "updating a network membership");
	return !rc && sqlite3_changes(st->db) == 0 ? EALA_ENOTFOUND : rc;
}

int store_membership_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char sql[] = "DELETE FROM network_membership WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sq_exec_stmt(st, s, errmsg, "deleting a network membership");
	return !rc && sqlite3_changes(st->db) == 0 ? EALA_ENOTFOUND : rc;
}

/* ---- financing ---- */

int store_financing_insert(struct store *st, struct financing *f, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO financing(id, action_id, source, year, planned, actual, currency,"
		" illustrative, report_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, 'EUR'), ?8, ?9)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, f->id);
	sq_id(s, 2, f->action_id);
	sq_text(s, 3, f->source);
	sq_int(s, 4, f->year);
	sq_real_opt(s, 5, f->has_planned, f->planned);
	sq_real_opt(s, 6, f->has_actual, f->actual);
	sq_text(s, 7, f->currency);
	sq_text(s, 8, f->illustrative);
	sq_text(s, 9, f->report_date);
	int rc = sq_exec_stmt(st, s, errmsg, "adding a financing row");
	if (!rc)
		f->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int read_financing(struct store *st, sqlite3_stmt *s, struct financing *f)
{
	(void)st;
	f->id = sqlite3_column_int64(s, 0);
	f->action_id = sq_col_id(s, 1);
	f->source = sq_col_text(s, 2);
	f->year = sqlite3_column_int(s, 3);
	f->has_planned = sqlite3_column_type(s, 4) != SQLITE_NULL;
	f->planned = sqlite3_column_double(s, 4);
	f->has_actual = sqlite3_column_type(s, 5) != SQLITE_NULL;
	f->actual = sqlite3_column_double(s, 5);
	f->currency = sq_col_text(s, 6);
	f->illustrative = sq_col_text(s, 7);
	f->report_date = sq_col_text(s, 8);
	return EALA_OK;
}

int store_financing_each(struct store *st, int64_t action_id, store_financing_fn fn, void *ctx,
			 char **errmsg)
{
	/* two statements: "(?1 IS NULL OR action_id = ?1)" would keep SQLite
	 * from the index, and the annual report reads the rows of 1,000 actions */
	static const char all[] =
		"SELECT id, action_id, source, year, planned, actual, currency, illustrative, report_date"
		" FROM financing ORDER BY id";
	static const char one[] =
		"SELECT id, action_id, source, year, planned, actual, currency, illustrative, report_date"
		" FROM financing WHERE action_id = ?1 ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, action_id ? one : all, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, action_id);
	WALK(struct financing, read_financing, financing_clear, "reading financing");
}

/* ---- budget years ---- */

static void bind_amount(sqlite3_stmt *s, int i, double v)
{
	sq_real_opt(s, i, v >= 0, v);
}

int store_budget_year_put(struct store *st, const struct budget_year *b, char **errmsg)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO budget_year(authority_id, year, total, international, water,"
		" waste, mobility, illustrative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, b->authority_id);
	sq_int(s, 2, b->year);
	bind_amount(s, 3, b->total);
	bind_amount(s, 4, b->international);
	bind_amount(s, 5, b->water);
	bind_amount(s, 6, b->waste);
	bind_amount(s, 7, b->mobility);
	sq_text(s, 8, b->illustrative);
	return sq_exec_stmt(st, s, errmsg, "recording a budget year");
}

static int read_budget_year(struct store *st, sqlite3_stmt *s, struct budget_year *b)
{
	(void)st;
	b->authority_id = sq_col_id(s, 0);
	b->year = sqlite3_column_int(s, 1);
	b->total = col_real_or(s, 2, -1);
	b->international = col_real_or(s, 3, -1);
	b->water = col_real_or(s, 4, -1);
	b->waste = col_real_or(s, 5, -1);
	b->mobility = col_real_or(s, 6, -1);
	b->illustrative = sq_col_text(s, 7);
	return EALA_OK;
}

int store_budget_year_each(struct store *st, int64_t authority_id, store_budget_year_fn fn,
			   void *ctx, char **errmsg)
{
	static const char sql[] =
		"SELECT authority_id, year, total, international, water, waste, mobility, illustrative"
		" FROM budget_year WHERE (?1 IS NULL OR authority_id = ?1) ORDER BY authority_id, year";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	WALK(struct budget_year, read_budget_year, budget_year_clear, "reading budget years");
}

/* ---- strategies ---- */

int store_strategy_insert(struct store *st, struct strategy *g, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO strategy(id, authority_id, title, start_year, end_year, source,"
		" illustrative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char prio[] =
		"INSERT INTO strategy_priority(strategy_id, type, code, target_share)"
		" VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, g->id);
	sq_id(s, 2, g->authority_id);
	sq_text(s, 3, g->title);
	sq_int(s, 4, g->start_year);
	sq_id(s, 5, g->end_year);
	sq_text(s, 6, g->source);
	sq_text(s, 7, g->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "adding a strategy");
	if (rc)
		return rc;
	g->id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; !rc && i < g->n_priorities; i++) {
		if (!(s = sq_cached(st, prio, errmsg)))
			return EALA_EIO;
		sq_id(s, 1, g->id);
		sq_text(s, 2, g->priorities[i].type);
		sq_text(s, 3, g->priorities[i].code);
		sq_real_opt(s, 4, g->priorities[i].target_share >= 0, g->priorities[i].target_share);
		rc = sq_exec_stmt(st, s, errmsg, "adding a strategy priority");
	}
	return rc;
}

static int read_strategy(struct store *st, sqlite3_stmt *s, struct strategy *g)
{
	static const char prio[] = "SELECT type, code, target_share FROM strategy_priority"
				   " WHERE strategy_id = ?1 ORDER BY rowid";
	g->id = sqlite3_column_int64(s, 0);
	g->authority_id = sq_col_id(s, 1);
	g->title = sq_col_text(s, 2);
	g->start_year = sqlite3_column_int(s, 3);
	g->end_year = sqlite3_column_int(s, 4);
	g->source = sq_col_text(s, 5);
	g->illustrative = sq_col_text(s, 6);
	sqlite3_stmt *p = sq_cached(st, prio, NULL);
	if (!p)
		return EALA_EIO;
	sq_id(p, 1, g->id);
	while (sqlite3_step(p) == SQLITE_ROW) {
		struct strategy_priority *v =
			realloc(g->priorities, (g->n_priorities + 1) * sizeof(*v));
		if (!v)
			break;
		g->priorities = v;
		v[g->n_priorities].type = sq_col_text(p, 0);
		v[g->n_priorities].code = sq_col_text(p, 1);
		v[g->n_priorities].target_share = col_real_or(p, 2, -1);
		g->n_priorities++;
	}
	sqlite3_reset(p);
	return EALA_OK;
}

int store_strategy_each(struct store *st, int64_t authority_id, store_strategy_fn fn, void *ctx,
			char **errmsg)
{
	static const char sql[] =
		"SELECT id, authority_id, title, start_year, end_year, source, illustrative"
		" FROM strategy WHERE (?1 IS NULL OR authority_id = ?1) ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	WALK(struct strategy, read_strategy, strategy_clear, "reading strategies");
}

/* ---- practices ---- */

int store_practice_insert(struct store *st, struct practice *p, char **errmsg)
{
	static const char sql[] = "INSERT INTO practice(id, name, description, source, illustrative)"
				  " VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char adopt[] = "INSERT INTO practice_adoption(practice_id, authority_id, date)"
				    " VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, p->id);
	sq_text(s, 2, p->name);
	sq_text(s, 3, p->description);
	sq_text(s, 4, p->source);
	sq_text(s, 5, p->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "adding a practice");
	if (rc)
		return rc;
	p->id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; !rc && i < p->n_adoptions; i++) {
		if (!(s = sq_cached(st, adopt, errmsg)))
			return EALA_EIO;
		sq_id(s, 1, p->id);
		sq_id(s, 2, p->adoptions[i].authority_id);
		sq_text(s, 3, p->adoptions[i].date);
		rc = sq_exec_stmt(st, s, errmsg, "adding a practice adoption");
	}
	return rc;
}

static int read_practice(struct store *st, sqlite3_stmt *s, struct practice *p)
{
	static const char sql[] = "SELECT authority_id, date FROM practice_adoption"
				  " WHERE practice_id = ?1 ORDER BY date, authority_id";
	p->id = sqlite3_column_int64(s, 0);
	p->name = sq_col_text(s, 1);
	p->description = sq_col_text(s, 2);
	p->source = sq_col_text(s, 3);
	p->illustrative = sq_col_text(s, 4);
	sqlite3_stmt *a = sq_cached(st, sql, NULL);
	if (!a)
		return EALA_EIO;
	sq_id(a, 1, p->id);
	while (sqlite3_step(a) == SQLITE_ROW) {
		struct practice_adoption *v = realloc(p->adoptions, (p->n_adoptions + 1) * sizeof(*v));
		if (!v)
			break;
		p->adoptions = v;
		v[p->n_adoptions].authority_id = sq_col_id(a, 0);
		v[p->n_adoptions].date = sq_col_text(a, 1);
		p->n_adoptions++;
	}
	sqlite3_reset(a);
	return EALA_OK;
}

int store_practice_each(struct store *st, store_practice_fn fn, void *ctx, char **errmsg)
{
	static const char sql[] = "SELECT id, name, description, source, illustrative FROM practice"
				  " ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	WALK(struct practice, read_practice, practice_clear, "reading practices");
}

/* ---- partner calls ---- */

int store_partner_call_insert(struct store *st, struct partner_call *c, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO partner_call(id, authority_id, title, countries, domains, profile,"
		" deadline, status, illustrative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, c->id);
	sq_id(s, 2, c->authority_id);
	sq_text(s, 3, c->title);
	sq_strv(s, 4, &c->countries);
	sq_strv(s, 5, &c->domains);
	sq_text(s, 6, c->profile);
	sq_text(s, 7, c->deadline);
	sq_text(s, 8, c->status);
	sq_text(s, 9, c->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "adding a partner call");
	if (!rc)
		c->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int read_call(struct store *st, sqlite3_stmt *s, struct partner_call *c)
{
	(void)st;
	c->id = sqlite3_column_int64(s, 0);
	c->authority_id = sq_col_id(s, 1);
	c->title = sq_col_text(s, 2);
	sq_col_strv(s, 3, &c->countries);
	sq_col_strv(s, 4, &c->domains);
	c->profile = sq_col_text(s, 5);
	c->deadline = sq_col_text(s, 6);
	c->status = sq_col_text(s, 7);
	c->illustrative = sq_col_text(s, 8);
	return EALA_OK;
}

int store_partner_call_each(struct store *st, int64_t authority_id, store_partner_call_fn fn,
			    void *ctx, char **errmsg)
{
	static const char sql[] =
		"SELECT id, authority_id, title, countries, domains, profile, deadline, status,"
		" illustrative FROM partner_call WHERE (?1 IS NULL OR authority_id = ?1) ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	WALK(struct partner_call, read_call, partner_call_clear, "reading partner calls");
}

#define CALL_COLUMNS "c.id, c.authority_id, c.title, c.countries, c.domains, c.profile, c.deadline, c.status," \
	" c.illustrative"

int store_partner_call_list(struct store *st, const struct store_call_filter *f, store_partner_call_fn fn,
			    void *ctx, char **errmsg)
{
	/* countries is '|' joined: a code sought is one between two bars */
	static const char sql[] =
		"SELECT " CALL_COLUMNS " FROM partner_call c JOIN authority a ON a.id = c.authority_id"
		" WHERE (?1 IS NULL OR c.status = ?1)"
		" AND (?2 IS NULL OR instr('|' || c.countries || '|', '|' || ?2 || '|') > 0)"
		" AND (?3 IS NULL OR c.authority_id = ?3)"
		" AND (?4 IS NULL OR (c.status <> 'draft' AND a.draft = 0)) ORDER BY c.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, f->status);
	sq_text(s, 2, f->country);
	sq_id(s, 3, f->authority_id);
	if (f->public_only)
		sq_int(s, 4, 1);
	WALK(struct partner_call, read_call, partner_call_clear, "reading partner calls");
}

int store_partner_call_get(struct store *st, int64_t id, struct partner_call *out)
{
	static const char sql[] = "SELECT " CALL_COLUMNS " FROM partner_call c WHERE c.id = ?1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = read_call(st, s, out);
	sqlite3_reset(s);
	if (rc)
		partner_call_clear(out);
	return rc;
}

int store_partner_call_update(struct store *st, const struct partner_call *c, char **errmsg)
{
	static const char sql[] =
		"UPDATE partner_call SET authority_id = ?2, title = ?3, countries = ?4, domains = ?5,"
		" profile = ?6, deadline = ?7, status = ?8, illustrative = ?9 WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, c->id);
	sq_id(s, 2, c->authority_id);
	sq_text(s, 3, c->title);
	sq_strv(s, 4, &c->countries);
	sq_strv(s, 5, &c->domains);
	sq_text(s, 6, c->profile);
	sq_text(s, 7, c->deadline);
	sq_text(s, 8, c->status);
	sq_text(s, 9, c->illustrative);
	int rc = sq_exec_stmt(st, s, errmsg, "updating a partner call");
	if (!rc && sqlite3_changes(st->db) == 0)
		rc = EALA_ENOTFOUND;
	return rc;
}

int store_partner_call_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char sql[] = "DELETE FROM partner_call WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sq_exec_stmt(st, s, errmsg, "deleting a partner call");
	if (!rc && sqlite3_changes(st->db) == 0)
		rc = EALA_ENOTFOUND;
	return rc;
}

/* ---- the annual report's default year ---- */

int store_authority_last_year(struct store *st, int64_t authority_id, int until, int *year,
			      char **errmsg)
{
	/* the published actions the action list gives for this authority */
#define OF_AUTHORITY \
	" x.draft = 0 AND (x.authority_id = ?1" \
	" OR x.partnership_id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ?1)" \
	" OR x.id IN (SELECT action_id FROM action_participant WHERE authority_id = ?1))"
	static const char sql[] =
		"SELECT max(y) FROM ("
		" SELECT f.year AS y FROM financing f JOIN action x ON x.id = f.action_id WHERE" OF_AUTHORITY
		" UNION ALL"
		" SELECT CAST(substr(x.start_date, 1, 4) AS INTEGER) FROM action x WHERE" OF_AUTHORITY
		") WHERE y <= ?2";
#undef OF_AUTHORITY
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	*year = 0;
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	sq_int(s, 2, until);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*year = sqlite3_column_int(s, 0);
	int rc = step == SQLITE_ROW || step == SQLITE_DONE ? EALA_OK : sq_fail(st, errmsg, "reading the years");
	sqlite3_reset(s);
	return rc;
}
