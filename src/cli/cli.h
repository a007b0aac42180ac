/* cli.h: what the CLI's files share: parsed options and the command table.
 *
 * One table (commands.c) lists every command with its arity, the options it
 * takes and its usage; main.c checks those once and generates --help from it.
 */
#ifndef EALA_CLI_H
#define EALA_CLI_H

#include "../store/store.h"

#include <jansson.h>
#include <stdio.h>

enum {
	OPT_JSON = 1 << 0,
	OPT_DRYRUN = 1 << 1,
	OPT_FILTERS = 1 << 2,   /* --q --country --authority --kind --year --status --domain */
	OPT_PAGING = 1 << 3,    /* --limit --after */
	OPT_OUTPUT = 1 << 4,    /* -o FILE */
	OPT_KIND = 1 << 5,      /* --kind alone (import csv) */
	OPT_LISTEN = 1 << 6,    /* --listen ADDR:PORT */
	OPT_USER = 1 << 7,      /* --role R --name N (and --authority) */
	OPT_LANG = 1 << 8,      /* --lang en|fr */
	OPT_EXPORT = 1 << 9,    /* --columns a,b --labels --template */
	OPT_CALL = 1 << 10,      /* --action ID --call NAME (analyze compliance) */
	OPT_PORTFOLIO = 1 << 11, /* --threshold EUR --dormant-years N (analyze portfolio) */
	OPT_ANALYSIS = 1 << 12,  /* --from Y --to Y --csv --territory ID --top N (analyze) */
	OPT_FORCE = 1 << 13,    /* --force (backup over an existing file) */
};

enum {
	CMD_DB = 1 << 0,        /* opens the database, which must be at the current schema */
	CMD_CREATE = 1 << 1,    /* opens it even when absent (init, demo) */
};

struct cli {
	const char *prog;
	const char *db;
	int json, dry_run;
	struct store_filter filter;
	const char *output;
	const char *listen;
	const char *role, *name;
	const char *lang;       /* --lang, or NULL */
	const char *columns;    /* --columns, or NULL */
	int labels;             /* --labels */
	int template;           /* --template */
	int64_t action_id;      /* --action, or 0 */
	const char *call;       /* --call, or NULL */
	double threshold;       /* --threshold, or -1 */
	int dormant_years;      /* --dormant-years, or 0 */
	int64_t from, to;       /* --from, --to: years (trends) or authority ids (network), or 0 */
	int csv;                /* --csv */
	int64_t territory;      /* --territory: an authority id, or 0 */
	int force;              /* --force */
	long top;               /* --top N (match, network), or 0 */
	int memberships, edges; /* --memberships, --edges */
	const char *practice;   /* --practice NAME|ID, or NULL */
	const char *only;       /* --only components|pagerank|communities|betweenness, or NULL */
	char **args;            /* positional arguments after the command name */
	int nargs;
	struct store *st;
};

struct command {
	const char *name;
	int min_args, max_args; /* positional arguments; max -1: any number */
	unsigned options;       /* OPT_* accepted */
	unsigned flags;         /* CMD_* */
	const char *usage;      /* arguments and options */
	const char *help;       /* one line */
	int (*run)(struct cli *c);
};

extern const struct command commands[];

/* Print one error line "eala: MSG" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print every problem of an errlist, then "N problems" when more than one. */
void cli_errors(const struct errlist *el);

/* show KIND ID */
int cmd_show(struct cli *c);
/* user add|passwd|grant|list ... */
int cmd_user(struct cli *c);
int cmd_analyze(struct cli *c);
/* analyze network [--authority ID] [--top N] [--only X] | --from ID --to ID |
 * --memberships | --practice P | --edges (network.c) */
int cli_analyze_network(struct cli *c);
/* export eapd --authority ID --year Y [-o FILE.csv|FILE.xlsx] */
int cli_export_eapd(struct cli *c);
/* report annual --authority ID --year Y -o FILE.html|FILE.pdf [--lang en|fr] */
int cmd_report(struct cli *c);

/* export csv|xlsx|geojson|json|ndjson [KIND] [filters] (export.c); format an enum export_format */
int cli_export_records(struct cli *c, int format);
/* Check the list filters of c for records of kind k (an enum record_kind),
 * country upper-cased into country (8 bytes); 0 with a message when wrong. */
int cli_check_filters(struct cli *c, int k, char *country);
/* Standard output for NULL or "-", else the file opened for writing (NULL
 * with a message); closing checks the writes. */
FILE *cli_open_output(const char *path);
int cli_close_output(FILE *f, const char *path);

/* Emit a JSON value on stdout (indent 2), consuming the reference. */
int cli_print_json(json_t *j);

#endif
