/* annual.h: the annual report of one authority, written for its citizens.
 *
 * Seed 003 (France urbaine, recommendation 9) asks for "un bilan annuel
 * synthétique et accessible des actions menées" by the authority's
 * international service, and recommendation 5 to "davantage communiquer
 * auprès des habitants". The report says, for one authority and one year:
 * where it acts (a map), its partnerships and actions of the year, the money
 * by source and by country (charts and tables), the organisations involved,
 * the impacts expected and observed, the gap in plain sentences (gap.h) and
 * reciprocity. The model holds no compliance notes yet, so the report has no
 * such section.
 *
 * annual_load() gathers the published records through the store (drafts never
 * appear, whoever asks); the writers turn them into HTML in a language
 * (CL_LANG_EN or CL_LANG_FR): annual_body() the sections for a page that
 * frames them, annual_document() one self-contained file (style, script and
 * map data inlined, so it opens offline and prints on A4). Words go through
 * gettext's "eala" domain: for French the calling thread must be in a French
 * LC_MESSAGES locale (the web's worker threads are; the CLI calls i18n_use()).
 *
 * Ownership: annual_load() returns a report the caller frees with
 * annual_free(); buffers are the caller's; strings returned are borrowed from
 * the report.
 */
#ifndef EALA_ANNUAL_H
#define EALA_ANNUAL_H

#include "../core/buf.h"
#include "../store/store.h"

#include <stddef.h>

struct annual;

/* The report of authority_id for year (1900..2100). EALA_ENOTFOUND when there
 * is no such authority, EALA_EINVAL (with *errmsg) when it is a draft, else
 * EALA_OK with *out, or a store error. */
int annual_load(struct store *st, int64_t authority_id, int year, struct annual **out, char **errmsg);
void annual_free(struct annual *a);

const char *annual_authority_name(const struct annual *a);
int annual_year(const struct annual *a);

/* The title: "Quetigny: international action in 2023", in lang. */
void annual_title(const struct annual *a, int lang, struct buf *b);

/* The sections, without title nor frame; charts and map as canvases whose
 * data are in attributes, drawn by web/dist/report.js (which fetches the map's
 * countries from /static/countries-110m.json when the page does not carry them). */
void annual_body(const struct annual *a, int lang, struct buf *b);

/* What a self-contained document inlines: the bundle web/dist/report.js and
 * Natural Earth's countries (web/dist/countries-110m.json). */
struct annual_assets {
	char *script;           /* the report's script bundle */
	size_t script_len;
	char *world;            /* the countries, TopoJSON */
	size_t world_len;
};
/* Read them from webdir (NULL: $EALA_WEBDIR, else the build's web/dist).
 * EALA_EIO with *errmsg naming the missing file. */
int annual_assets_load(const char *webdir, struct annual_assets *out, char **errmsg);
void annual_assets_clear(struct annual_assets *as);

/* The whole report as one HTML document: title, style (screen and A4 print),
 * the sections, the map data and the script, all inline. */
void annual_document(const struct annual *a, int lang, const struct annual_assets *as, struct buf *b);

/* The report's style sheet (also served to the web page as /static/report.css). */
const char *annual_css(void);

#endif
