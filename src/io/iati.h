/* iati.h: IATI XML in and out (issue 5).
 *
 * Reading (iati_read.c) streams a file with libxml2's reader and validates it
 * against the IATI 2.03 schema in the same pass (data/iati/schema: the
 * activity schema for an iati-activities root, the organisation schema for
 * iati-organisations): no entity expansion, no DTD, no network. Every
 * well-formedness and schema error is collected with its line. Versions 2.01
 * to 2.03 are read; 1.x and other version numbers are refused. The reader is
 * pure: bytes in, an iati_doc and an errlist out; it touches no database.
 *
 * Importing (iati_import.c) turns the activities into actions with their
 * participants, financing rows and expected impacts, in one transaction for
 * every file of the command, and only when no file has a problem.
 *
 * Writing (iati_write.c) exports actions as an iati-activities 2.03 file and
 * authorities and organisations as an iati-organisations file.
 *
 * Ownership: arguments are borrowed; an iati_doc filled by a reader belongs to
 * the caller, who frees it with iati_doc_clear().
 */
#ifndef EALA_IATI_H
#define EALA_IATI_H

#include "../core/model.h"
#include "../store/store.h"

#include <stdio.h>

/* An organisation as IATI names it: reporting-org, participating-org, a
 * transaction's provider-org, or an iati-organisations record. */
struct iati_org {
	char *ref;            /* org-id, or NULL */
	char *type;           /* OrganisationType code as written, or NULL */
	char *role;           /* OrganisationRole code (participants), or NULL */
	char *name;           /* the narrative in English or without language, else the first */
	struct strv names;    /* every narrative, in any language */
	long line;
};

/* A budget or a transaction: money in a year. */
struct iati_flow {
	int budget;           /* 1: a budget (planned), 0: a transaction */
	char *type;           /* TransactionType code for transactions */
	char *date;           /* budget period-start or transaction-date, YYYY-MM-DD */
	int has_value;
	double value;
	char *currency;       /* value/@currency, or the activity's default currency */
	struct iati_org provider;  /* transactions: provider-org */
	long line;
};

struct iati_activity {
	long line;
	char *identifier;
	struct iati_org reporting;
	char *title, *description;
	char *status;                     /* ActivityStatus code as written */
	char *start_planned, *start_actual, *end_planned, *end_actual;
	char *currency;                   /* default-currency */
	struct strv sectors;              /* vocabulary 1 (DAC 5-digit) sector codes */
	struct strv countries;            /* recipient-country codes */
	struct strv regions;              /* recipient-region codes */
	struct iati_org *orgs;            /* participating-org */
	size_t n_orgs;
	struct iati_flow *flows;
	size_t n_flows;
	struct expected_impact *results;  /* action_id and partnership_id 0 */
	size_t n_results;
};

struct iati_doc {
	char *version;                    /* @version as written */
	int organisations;                /* 1: an iati-organisations file */
	struct iati_activity *activities;
	size_t n_activities;
	struct iati_org *records;         /* iati-organisations: each organisation */
	size_t n_records;
};

void iati_doc_clear(struct iati_doc *d);

/* eala's own vocabularies in result/reference (vocabulary 99), so that an
 * export imports back with its impact category and territory side. */
#define IATI_CATEGORY_URI "https://eala.example.org/codelists/impact-category"
#define IATI_SIDE_URI "https://eala.example.org/codelists/territory-side"

/* The two schemas, parsed once for every file of an import. */
struct iati_schemas {
	struct _xmlSchema *activities, *organisations;
};
/* Parse the activity (or organisation) schema unless already done. */
int iati_schemas_load(struct iati_schemas *sc, int organisations, struct errlist *errors);
void iati_schemas_clear(struct iati_schemas *sc);
int iati_read_file_with(struct iati_schemas *sc, const char *path, struct iati_doc *doc,
			struct errlist *errors);

/* Read and validate one file (name: the file name for messages). EALA_OK, or
 * EALA_EINVAL with every problem in errors (file and line), or EALA_EIO. */
int iati_read_file(const char *path, struct iati_doc *doc, struct errlist *errors);
/* The same from memory (tests, fuzzing). */
int iati_read_memory(const char *buf, size_t len, const char *name, struct iati_doc *doc,
		     struct errlist *errors);

struct iati_import_report {
	size_t files, activities, organisation_records;
	size_t actions_created, actions_updated;
	size_t authorities_created, authorities_matched;
	size_t organisations_created, organisations_matched;
	size_t financing_rows, expected_impacts;
	size_t skipped;                   /* activities without a local government, listed in notes */
	struct errlist notes;             /* what was left out, with file and line */
};
void iati_import_report_clear(struct iati_import_report *r);

/* Import files into st, all or nothing. dry_run: read, resolve and write in
 * a transaction that is rolled back. EALA_EINVAL with errors when a file is
 * refused (nothing written), other statuses on I/O failure. */
int iati_import(struct store *st, char *const *paths, size_t n, int dry_run,
		struct iati_import_report *rep, struct errlist *errors);

/* Write the actions led by authority_id (0: all; drafts left out) as an
 * iati-activities 2.03 file. [out] n: how many activities. An action IATI
 * cannot carry (no date at all) is left out and listed in skipped. */
int iati_export_activities(struct store *st, int64_t authority_id, FILE *out, size_t *n,
			   struct errlist *skipped, char **errmsg);
/* Write the authority (or every authority that leads an action, when 0) as
 * an iati-organisations 2.03 file. */
int iati_export_organisations(struct store *st, int64_t authority_id, FILE *out, size_t *n,
			      char **errmsg);

/* The IATI ref eala publishes an authority or organisation under when it has
 * none recorded (docs/DATA.md, section IATI): a new string. */
char *iati_authority_ref(const struct authority *a);
char *iati_organisation_ref(const struct organisation *o);

#endif
