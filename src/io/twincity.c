/* twincity.c: twin-town lists into authorities and twinning partnerships.
 *
 * Resolution, for one end (name, country, maybe coordinates):
 *  1. same country and same key (text_name_key: case, accents, cedillas,
 *     hyphens; German umlauts as ae/oe/ue): the same place unless both have
 *     coordinates more than SAME_PLACE_KM apart;
 *  2. otherwise same loose key (umlauts stripped too): the same place only
 *     when both have coordinates within MISSING_ACCENT_KM (Gottweig for
 *     Göttweig), never without coordinates (Furth is not Fürth);
 *  3. otherwise a new authority.
 * The index lives in memory for the import: one scan of the known names,
 * then hash lookups, so re-importing a large file stays fast.
 */
#include "twincity.h"

#include "../core/codelist.h"
#include "../core/text.h"
#include "codelist_load.h"
#include "csvread.h"
#include "progress.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SAME_PLACE_KM 50.0
#define MISSING_ACCENT_KM 10.0

double geo_distance_km(double lat1, double lng1, double lat2, double lng2)
{
	const double r = 6371.0, rad = M_PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlng = (lng2 - lng1) * rad;
	double h = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * rad) * cos(lat2 * rad) * sin(dlng / 2) * sin(dlng / 2);
	return 2 * r * asin(fmin(1.0, sqrt(h)));
}

/* ---- a string -> list of candidates hash index ---- */

struct cand {
	int64_t id;
	char *name;       /* main name, for partnership names */
	int has_coords;
	double lat, lng;
};

struct link {
	size_t cand;      /* index into cands */
	long next;        /* next link with the same key, -1 at the end */
};

struct bucket {
	char *key;
	long head;
};

struct index {
	struct bucket *b;
	size_t cap, used;
	struct link *links;
	size_t n_links, cap_links;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct bucket *slot(struct index *ix, const char *key)
{
	size_t i = hash(key) & (ix->cap - 1);
	while (ix->b[i].key && strcmp(ix->b[i].key, key) != 0)
		i = (i + 1) & (ix->cap - 1);
	return &ix->b[i];
}

static int grow(struct index *ix)
{
	struct index n = *ix;
	n.cap = ix->cap ? ix->cap * 2 : 4096;
	if (!(n.b = calloc(n.cap, sizeof(*n.b))))
		return EALA_ENOMEM;
	for (size_t i = 0; i < ix->cap; i++)
		if (ix->b[i].key)
			*slot(&n, ix->b[i].key) = ix->b[i];
	free(ix->b);
	*ix = n;
	return EALA_OK;
}

static long index_head(struct index *ix, const char *key)
{
	if (!ix->cap)
		return -1;
	struct bucket *b = slot(ix, key);
	return b->key ? b->head : -1;
}

/* Add cand under key unless it is already there. */
static int index_add(struct index *ix, const char *key, size_t cand, const struct link *all)
{
	(void)all;
	if ((ix->used + 1) * 2 > ix->cap && grow(ix))
		return EALA_ENOMEM;
	struct bucket *b = slot(ix, key);
	if (b->key) {
		for (long l = b->head; l >= 0; l = ix->links[l].next)
			if (ix->links[l].cand == cand)
				return EALA_OK;
	} else {
		if (!(b->key = strdup(key)))
			return EALA_ENOMEM;
		b->head = -1;
		ix->used++;
	}
	if (ix->n_links == ix->cap_links) {
		size_t cap = ix->cap_links ? ix->cap_links * 2 : 4096;
		struct link *v = realloc(ix->links, cap * sizeof(*v));
		if (!v)
			return EALA_ENOMEM;
		ix->links = v;
		ix->cap_links = cap;
	}
	ix->links[ix->n_links].cand = cand;
	ix->links[ix->n_links].next = b->head;
	b->head = (long)ix->n_links++;
	return EALA_OK;
}

static void index_clear(struct index *ix)
{
	for (size_t i = 0; i < ix->cap; i++)
		free(ix->b[i].key);
	free(ix->b);
	free(ix->links);
	memset(ix, 0, sizeof(*ix));
}

/* ---- the resolver: candidates and their three indexes ---- */

struct resolver {
	struct cand *cands;
	size_t n, cap;
	struct index exact;   /* "CC\tname as written" */
	struct index strict;  /* "CC\ttext_name_key" */
	struct index loose;   /* "CC\ttext_loose_key" */
	struct index by_id;   /* "id" -> cand, to merge names of one authority */
};

static void resolver_clear(struct resolver *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cands[i].name);
	free(r->cands);
	index_clear(&r->exact);
	index_clear(&r->strict);
	index_clear(&r->loose);
	index_clear(&r->by_id);
}

/* "CC\tTEXT" in buf when it fits, else in a new string (see key_done). */
static char *ckey(char *buf, size_t size, const char *country, const char *text)
{
	size_t lc = strlen(country), lt = strlen(text);
	if (lc + lt + 2 > size)
		return xasprintf("%s\t%s", country, text);
	memcpy(buf, country, lc);
	buf[lc] = '\t';
	memcpy(buf + lc + 1, text, lt + 1);
	return buf;
}

static void key_done(char *k, const char *buf)
{
	if (k != buf)
		free(k);
}

static int add_key(struct index *ix, const char *country, const char *text, size_t c)
{
	char buf[512], *k = ckey(buf, sizeof(buf), country, text);
	int rc = k ? index_add(ix, k, c, NULL) : EALA_ENOMEM;
	key_done(k, buf);
	return rc;
}

static int add_keys(struct resolver *r, size_t c, const char *country, const char *name,
		    const char *key, const char *loose)
{
	int rc = add_key(&r->exact, country, name, c);
	if (!rc)
		rc = add_key(&r->strict, country, key, c);
	if (!rc && strcmp(key, loose) != 0)
		rc = add_key(&r->loose, country, loose, c);
	return rc;
}

static long new_cand(struct resolver *r, int64_t id, const char *name, int has, double lat,
		     double lng)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 4096;
		struct cand *v = realloc(r->cands, cap * sizeof(*v));
		if (!v)
			return -1;
		r->cands = v;
		r->cap = cap;
	}
	struct cand *c = &r->cands[r->n];
	c->id = id;
	c->name = xstrdup(name);
	c->has_coords = has;
	c->lat = lat;
	c->lng = lng;
	return (long)r->n++;
}

struct load_ctx {
	struct resolver *r;
	int rc;
};

static int load_name(void *ctx, const struct store_name_entry *e)
{
	struct load_ctx *lc = ctx;
	char idkey[64];
	/* an authority at another place it was given is another candidate */
	snprintf(idkey, sizeof(idkey), "%lld@%.6f,%.6f", (long long)e->authority_id,
		 e->other_place ? e->lat : 0.0, e->other_place ? e->lng : 0.0);
	long c = index_head(&lc->r->by_id, idkey);
	if (c >= 0) {
		c = (long)lc->r->by_id.links[c].cand;
		if (e->is_main && str_set(&lc->r->cands[c].name, e->name))
			return lc->rc = EALA_ENOMEM;
	} else {
		/* partnership names use the main name; a later row may bring it */
		c = new_cand(lc->r, e->authority_id, e->name, e->has_coords, e->lat, e->lng);
		if (c < 0 || index_add(&lc->r->by_id, idkey, (size_t)c, NULL))
			return lc->rc = EALA_ENOMEM;
	}
	char *key, *loose;
	int rc = text_name_keys(e->name, e->country, &key, &loose) == 0
			 ? add_keys(lc->r, (size_t)c, e->country, e->name, key, loose)
			 : EALA_ENOMEM;
	free(key);
	free(loose);
	return rc ? (lc->rc = rc) : 0;
}

/* Best candidate under key: the nearest within max_km; without coordinates
 * on either side, the first one unless require_coords. -1 when none. */
static long pick(struct resolver *r, struct index *ix, const char *key, int has, double lat,
		 double lng, double max_km, int require_coords)
{
	long best = -1;
	double best_d = INFINITY;
	for (long l = index_head(ix, key); l >= 0; l = ix->links[l].next) {
		const struct cand *c = &r->cands[ix->links[l].cand];
		if (!has || !c->has_coords) {
			if (!require_coords && best < 0)
				best = (long)ix->links[l].cand;
			continue;
		}
		double d = geo_distance_km(lat, lng, c->lat, c->lng);
		if (d <= max_km && d < best_d) {
			best_d = d;
			best = (long)ix->links[l].cand;
		}
	}
	return best;
}

#define COUNTRY_CACHE 509    /* a prime above the number of country spellings in a list */

struct country_cache {
	struct {
		char name[56];
		const char *code;
		int overseas;
	} e[COUNTRY_CACHE];
};

struct end {
	const char *name;
	const char *country;
	int overseas;
	int has_coords;
	double lat, lng;
};

/* Resolve or create the authority for one end; [out] cand index. */
static int resolve(struct store *st, struct resolver *r, const struct end *e, const char *source,
		   struct twin_report *rep, size_t *out, char **errmsg)
{
	char *key = NULL, *loose = NULL, *k_strict = NULL, *k_loose = NULL;
	char b_exact[512], b_strict[512], b_loose[512];
	char *k_exact = ckey(b_exact, sizeof(b_exact), e->country, e->name);
	int rc = EALA_OK;
	if (!k_exact)
		return EALA_ENOMEM;
	/* most ends are spellings seen before: no Unicode work for them */
	long c = pick(r, &r->exact, k_exact, e->has_coords, e->lat, e->lng, SAME_PLACE_KM, 0);
	int known_spelling = c >= 0;
	if (c < 0) {
		if (text_name_keys(e->name, e->country, &key, &loose) ||
		    !(k_strict = ckey(b_strict, sizeof(b_strict), e->country, key)) ||
		    !(k_loose = ckey(b_loose, sizeof(b_loose), e->country, loose))) {
			rc = EALA_ENOMEM;
			goto out;
		}
		c = pick(r, &r->strict, k_strict, e->has_coords, e->lat, e->lng, SAME_PLACE_KM, 0);
		/* a missing accent: loose keys of umlaut names, or plain keys of the others */
		if (c < 0)
			c = pick(r, &r->loose, k_loose, e->has_coords, e->lat, e->lng, MISSING_ACCENT_KM, 1);
		if (c < 0)
			c = pick(r, &r->strict, k_loose, e->has_coords, e->lat, e->lng, MISSING_ACCENT_KM, 1);
	}
	if (c >= 0) {
		struct cand *cd = &r->cands[c];
		rep->authorities_matched++;
		if (!known_spelling) {
			if ((rc = store_authority_add_name(st, cd->id, e->name, errmsg)))
				goto out;
			rep->names_added++;
			rc = add_keys(r, (size_t)c, e->country, e->name, key, loose);
		}
		if (!rc && e->has_coords && !cd->has_coords) {
			rc = store_authority_set_coords(st, cd->id, e->lat, e->lng, errmsg);
			cd->has_coords = 1;
			cd->lat = e->lat;
			cd->lng = e->lng;
		}
		*out = (size_t)c;
		goto out;
	}
	struct authority a = {
		.name = (char *)e->name,
		.country = (char *)e->country,
		.level = "municipality",
		.population = EALA_NO_VALUE,
		.has_coords = e->has_coords,
		.lat = e->lat,
		.lng = e->lng,
		.overseas = e->overseas,
		.source = (char *)source,
	};
	if ((rc = store_authority_insert(st, &a, errmsg)))
		goto out;
	rep->authorities_created++;
	c = new_cand(r, a.id, e->name, e->has_coords, e->lat, e->lng);
	if (c < 0) {
		rc = EALA_ENOMEM;
		goto out;
	}
	rc = add_keys(r, (size_t)c, e->country, e->name, key, loose);
	*out = (size_t)c;
out:
	key_done(k_exact, b_exact);
	key_done(k_strict, b_strict);
	key_done(k_loose, b_loose);
	free(key);
	free(loose);
	return rc;
}

/* ---- rows ---- */

struct columns {
	int city[2], country[2], lat[2], lng[2];
};

static int find_columns(const struct csv_doc *doc, struct columns *col, struct errlist *errors)
{
	static const char *const c1[] = {"city1", NULL}, *const c2[] = {"city2", NULL},
				 *const k1[] = {"country1", NULL}, *const k2[] = {"country2", NULL},
				 *const la1[] = {"lat1", NULL}, *const la2[] = {"lat2", NULL},
				 *const ln1[] = {"lng1", "lon1", NULL}, *const ln2[] = {"lng2", "lon2", NULL};
	col->city[0] = csvdoc_column(doc, c1);
	col->city[1] = csvdoc_column(doc, c2);
	col->country[0] = csvdoc_column(doc, k1);
	col->country[1] = csvdoc_column(doc, k2);
	col->lat[0] = csvdoc_column(doc, la1);
	col->lat[1] = csvdoc_column(doc, la2);
	col->lng[0] = csvdoc_column(doc, ln1);
	col->lng[1] = csvdoc_column(doc, ln2);
	int bad = 0;
	const char *names[] = {"city1", "country1", "city2", "country2"};
	int idx[] = {col->city[0], col->country[0], col->city[1], col->country[1]};
	for (int i = 0; i < 4; i++) {
		if (idx[i] < 0) {
			errlist_add(errors, doc->file, doc->header_line, names[i],
				    "missing column: a twin-city list has the columns "
				    "city1,country1[,lat1,lng1],city2,country2[,lat2,lng2]");
			bad = 1;
		}
	}
	int coords = (col->lat[0] >= 0) + (col->lng[0] >= 0) + (col->lat[1] >= 0) + (col->lng[1] >= 0);
	if (coords != 0 && coords != 4) {
		errlist_add(errors, doc->file, doc->header_line, NULL,
			    "give all four coordinate columns lat1,lng1,lat2,lng2 or none");
		bad = 1;
	}
	return bad ? EALA_EINVAL : EALA_OK;
}

/* Plain decimals ("-34.9275") the short way: the integer of the digits over
 * a power of ten is exact in a double, so one division rounds correctly.
 * Anything else goes to strtod. */
static int quick_decimal(const char *s, double *out)
{
	static const double pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
				       1e11, 1e12, 1e13, 1e14, 1e15};
	int neg = *s == '-', digits = 0, frac = -1;
	uint64_t m = 0;
	for (s += neg; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > 15)
			return 0;
		m = m * 10 + (uint64_t)(*s - '0');
		frac += frac >= 0;
	}
	if (!digits)
		return 0;
	double v = (double)m / pow10[frac > 0 ? frac : 0];
	*out = neg ? -v : v;
	return 1;
}

static int parse_coord(const char *s, double lo, double hi, double *out)
{
	double v;
	if (quick_decimal(s, &v)) {
		if (v < lo || v > hi)
			return 0;
		*out = v;
		return 1;
	}
	char *end;
	errno = 0;
	v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

/* country_resolve() with a memory of the names seen: rows repeat countries. */
static const char *cached_country(struct country_cache *cc, const char *name, int *overseas)
{
	unsigned i = (unsigned)(hash(name) % COUNTRY_CACHE);
	if (cc->e[i].name[0] && strcmp(cc->e[i].name, name) == 0) {
		*overseas = cc->e[i].overseas;
		return cc->e[i].code;
	}
	const char *code = country_resolve(name, overseas);
	if (code && strlen(name) < sizeof(cc->e[0].name)) {
		snprintf(cc->e[i].name, sizeof(cc->e[i].name), "%s", name);
		cc->e[i].code = code;
		cc->e[i].overseas = *overseas;
	}
	return code;
}

/* Fill e from one side of a row; 0 and a rejection when it cannot be resolved. */
static int read_end(const struct csv_doc *doc, const struct csv_row *row, const struct columns *col,
		    int side, struct end *e, struct twin_report *rep, struct country_cache *cc)
{
	const char *label[2] = {"1", "2"};
	memset(e, 0, sizeof(*e));
	e->name = csvdoc_field(row, col->city[side]);
	const char *cname = csvdoc_field(row, col->country[side]);
	if (!e->name) {
		errlist_add(&rep->rejected, doc->file, row->line, side ? "city2" : "city1",
			    "empty city name");
		return 0;
	}
	if (!cname) {
		errlist_add(&rep->rejected, doc->file, row->line, side ? "country2" : "country1",
			    "empty country for '%s'", e->name);
		return 0;
	}
	if (!(e->country = cached_country(cc, cname, &e->overseas))) {
		errlist_add(&rep->rejected, doc->file, row->line, side ? "country2" : "country1",
			    "unknown country '%s'", cname);
		return 0;
	}
	if (col->lat[side] >= 0) {
		const char *la = csvdoc_field(row, col->lat[side]);
		const char *ln = csvdoc_field(row, col->lng[side]);
		if (la && ln) {
			if (!parse_coord(la, -90, 90, &e->lat) || !parse_coord(ln, -180, 180, &e->lng)) {
				errlist_add(&rep->rejected, doc->file, row->line, NULL,
					    "coordinates of end %s are not a latitude and longitude: '%s', '%s'",
					    label[side], la, ln);
				return 0;
			}
			e->has_coords = 1;
		}
	}
	return 1;
}

/* A row twinning a town with itself (same country, name key and place). */
static int same_place(const struct end *a, const struct end *b)
{
	if (strcmp(a->country, b->country) != 0)
		return 0;
	char *ka = text_name_key(a->name, a->country), *kb = text_name_key(b->name, b->country);
	int same = ka && kb && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	if (same && a->has_coords && b->has_coords)
		same = geo_distance_km(a->lat, a->lng, b->lat, b->lng) <= SAME_PLACE_KM;
	return same;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int audit(struct store *st, const char *path, const struct twin_report *rep, char **errmsg)
{
	json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "file", base_name(path),
			      "rows_read", (json_int_t)rep->rows_read,
			      "rows_rejected", (json_int_t)rep->rows_rejected,
			      "authorities_created", (json_int_t)rep->authorities_created,
			      "authorities_matched", (json_int_t)rep->authorities_matched,
			      "partnerships_created", (json_int_t)rep->partnerships_created,
			      "duplicates_merged", (json_int_t)rep->duplicates_merged);
	char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
	struct audit_event ev = {.operation = "import", .kind = "twin-cities", .after = after};
	int rc = store_audit_add(st, &ev, errmsg);
	free(after);
	json_decref(j);
	return rc;
}

/* "A – B" in buf when it fits, else in a new string (see key_done). */
static char *join_names(char *buf, size_t size, const char *a, const char *b)
{
	static const char dash[] = " – ";
	size_t la = strlen(a), lb = strlen(b), ld = sizeof(dash) - 1;
	if (la + ld + lb + 1 > size)
		return xasprintf("%s%s%s", a, dash, b);
	memcpy(buf, a, la);
	memcpy(buf + la, dash, ld);
	memcpy(buf + la + ld, b, lb + 1);
	return buf;
}

static int import_rows(struct store *st, const struct csv_doc *doc, const struct columns *col,
		       struct resolver *r, const char *source, struct twin_report *rep,
		       char **errmsg)
{
	struct progress pg;
	struct country_cache *cc = calloc(1, sizeof(*cc));
	int rc = cc ? EALA_OK : EALA_ENOMEM;
	progress_start(&pg, source, doc->n);
	for (size_t i = 0; i < doc->n && !rc; i++) {
		const struct csv_row *row = &doc->rows[i];
		struct end e[2];
		size_t c[2];
		rep->rows_read++;
		progress_update(&pg, i);
		if (!read_end(doc, row, col, 0, &e[0], rep, cc) || !read_end(doc, row, col, 1, &e[1], rep, cc)) {
			rep->rows_rejected++;
			continue;
		}
		if (same_place(&e[0], &e[1])) {
			errlist_add(&rep->rejected, doc->file, row->line, NULL,
				    "both ends are the same place: '%s' and '%s'", e[0].name, e[1].name);
			rep->rows_rejected++;
			continue;
		}
		if ((rc = resolve(st, r, &e[0], source, rep, &c[0], errmsg)) ||
		    (rc = resolve(st, r, &e[1], source, rep, &c[1], errmsg)))
			break;
		if (r->cands[c[0]].id == r->cands[c[1]].id) {
			errlist_add(&rep->rejected, doc->file, row->line, NULL,
				    "both ends are the same place: '%s' and '%s'", e[0].name, e[1].name);
			rep->rows_rejected++;
			continue;
		}
		int64_t members[2] = {r->cands[c[0]].id, r->cands[c[1]].id};
		char small[512], *name = join_names(small, sizeof(small), r->cands[c[0]].name,
						    r->cands[c[1]].name);
		struct partnership p = {
			.name = name, .kind = "twinning", .status = "active",
			.source = (char *)source, .members = members, .n_members = 2,
			.name_derived = 1,
		};
		rc = name ? store_partnership_insert(st, &p, errmsg) : EALA_ENOMEM;
		key_done(name, small);
		if (rc == EALA_ECONFLICT) {
			rep->duplicates_merged++;
			rc = EALA_OK;
		} else if (!rc) {
			rep->partnerships_created++;
		}
	}
	progress_end(&pg);
	free(cc);
	return rc;
}

int twin_import(struct store *st, const char *path, int dry_run, struct twin_report *rep,
		struct errlist *errors)
{
	struct csv_doc doc;
	struct columns col;
	struct resolver r = {0};
	char *errmsg = NULL, *source = NULL;
	int rc, began = 0;

	if ((rc = csvdoc_read_file(path, &doc, errors)))
		goto out;
	if ((rc = find_columns(&doc, &col, errors)))
		goto out;
	if (!codelist_get(CL_COUNTRY)) {
		errlist_add(errors, path, 0, NULL, "%s", codelist_error());
		rc = EALA_EIO;
		goto out;
	}
	country_resolve("France", NULL);
	if (country_resolve_error()) {
		errlist_add(errors, path, 0, NULL, "%s", country_resolve_error());
		rc = EALA_EIO;
		goto out;
	}
	source = xasprintf("import:%s", base_name(path));
	if ((rc = store_begin(st))) {
		errlist_add(errors, path, 0, NULL, "cannot start a transaction (database busy?)");
		goto out;
	}
	began = 1;
	struct load_ctx lc = {&r, EALA_OK};
	if ((rc = store_authority_names_each(st, load_name, &lc, &errmsg)) || (rc = lc.rc))
		goto out;
	if ((rc = import_rows(st, &doc, &col, &r, source, rep, &errmsg)))
		goto out;
	if (dry_run)
		goto out;
	if ((rc = audit(st, path, rep, &errmsg)))
		goto out;
	began = 0;
	if ((rc = store_commit(st)))
		errlist_add(errors, path, 0, NULL, "could not commit the import: %s", store_error(st));
out:
	if (began)
		store_rollback(st);
	if (errmsg) {
		errlist_add(errors, path, 0, NULL, "%s", errmsg);
		free(errmsg);
	}
	free(source);
	resolver_clear(&r);
	csvdoc_clear(&doc);
	return rc;
}

void twin_report_clear(struct twin_report *r)
{
	if (!r)
		return;
	errlist_clear(&r->rejected);
	memset(r, 0, sizeof(*r));
}
