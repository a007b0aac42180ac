/* dataset_json.h: a whole eala dataset as one JSON document (the demo
 * dataset's format, and 'eala export json').
 *
 * Format (docs/DATA.md): {"eala_dataset": 1, "title", "notes", "authorities": [...],
 * "organisations", "network_memberships", "partnerships", "actions", "financing",
 * "budget_years", "strategies", "expected_impacts", "observed_outcomes",
 * "practices", "partner_calls"}. Records refer to each other by "ref" strings
 * that live only inside the document. Reading checks every record and every
 * reference and reports each problem with its JSON path
 * ("authorities[3].country") before writing anything in one transaction.
 */
#ifndef EALA_DATASET_JSON_H
#define EALA_DATASET_JSON_H

#include "../core/eala.h"
#include "../store/store.h"

#include <stdio.h>

struct dataset_report {
	size_t authorities, organisations, network_memberships, partnerships, actions, financing,
		budget_years, strategies, expected_impacts, observed_outcomes, practices,
		partner_calls, stakeholder_links;
};

/* Load a dataset file into st. An authority whose country and official code,
 * or whose country and name, match an existing authority is reused instead of
 * duplicated (so the demo can be loaded beside twin-city data).
 * EALA_OK, or EALA_EINVAL with every problem in errors and nothing written. */
int dataset_json_load(struct store *st, const char *path, int dry_run, struct dataset_report *rep,
		      struct errlist *errors);

/* Write every record of st as a dataset document. */
int dataset_json_export(struct store *st, FILE *out, char **errmsg);

#endif
