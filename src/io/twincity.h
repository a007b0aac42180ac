/* twincity.h: import of twin-town lists (../shared/data/twin_cities.csv).
 *
 * Format: a header and rows city1,country1,lat1,lng1,city2,country2,lat2,lng2,
 * or the same without the four coordinate columns. Countries are English
 * names (iso-codes names, data/country-aliases.csv, or "Region, Country").
 * Each end is resolved to an authority: a known spelling of the same place is
 * matched (case, accents, cedilla or comma-below, hyphen or space), and the
 * coordinates keep apart different places with one spelling (Fürth and
 * Furth, Newport in Wales and Newport in England). Pairs are deduplicated in
 * either direction, so importing a file twice changes nothing.
 *
 * A file that is not well-formed CSV, or lacks the columns, is refused whole;
 * a well-formed row that cannot be resolved is skipped and reported while
 * the rest is imported in one transaction.
 */
#ifndef EALA_TWINCITY_H
#define EALA_TWINCITY_H

#include "../core/eala.h"
#include "../store/store.h"

#include <stddef.h>

struct twin_report {
	size_t rows_read;
	size_t rows_rejected;          /* listed in 'rejected' */
	size_t authorities_created;
	size_t authorities_matched;    /* row ends resolved to a known authority */
	size_t names_added;            /* new spellings recorded for known authorities */
	size_t partnerships_created;
	size_t duplicates_merged;      /* pairs already known (either direction, or earlier import) */
	struct errlist rejected;       /* skipped rows: line and reason */
};

void twin_report_clear(struct twin_report *r);

/* Import one file into st. dry_run: resolve and count, write nothing.
 * EALA_OK (even with rejected rows), EALA_EINVAL when the file is refused
 * (problems in errors, database unchanged), other statuses on I/O failure. */
int twin_import(struct store *st, const char *path, int dry_run, struct twin_report *rep,
		struct errlist *errors);

/* Great-circle distance in kilometres. */
double geo_distance_km(double lat1, double lng1, double lat2, double lng2);

#endif
