/* main.c: eala's command line: options, the command table check, one exit.
 *
 * eala [--db FILE] COMMAND [ARGS] [OPTIONS]; the database comes from --db,
 * else EALA_DB, else ./eala.db. Exit 0 on success, 1 on a problem with the
 * input or the database, 2 on a usage error; messages go to stderr.
 */
#include "cli.h"

#include "../core/codelist.h"
#include "../io/codelist_load.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("eala: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_errors(const struct errlist *el)
{
	for (size_t i = 0; i < el->n; i++) {
		char *line = errlist_format(&el->v[i]);
		fprintf(stderr, "%s\n", line ? line : "(out of memory)");
		free(line);
	}
	if (el->dropped)
		fprintf(stderr, "... and %zu more problems\n", el->dropped);
	if (errlist_count(el) > 1)
		fprintf(stderr, "%zu problems\n", errlist_count(el));
}

static void usage(FILE *out, const char *prog)
{
	fprintf(out,
		"eala %s: the international action of cities and regions\n\n"
		"usage: %s [--db FILE] COMMAND [ARGS] [OPTIONS]\n\n"
		"commands:\n", EALA_VERSION, prog);
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-8s %s\n           %s\n", c->name, c->usage, c->help);
	fprintf(out,
		"\noptions:\n"
		"  --db FILE        database (default: $EALA_DB, else ./eala.db)\n"
		"  --json           machine-readable output (list, show, stats)\n"
		"  --dry-run        check an import without writing anything\n"
		"  --q TEXT         words to find in names and titles (accents and case ignored)\n"
		"  --country ISO2   records of, or in, a country\n"
		"  --authority ID   records of, or linked to, an authority\n"
		"  --kind K         level, organisation subtype, partnership kind or action type\n"
		"  --status S       partnership status or action status\n"
		"  --domain D       action domain\n"
		"  --year Y         partnerships and actions active during year Y\n"
		"  --limit N        at most N records (default 100; 0 for all)\n"
		"  --after ID       records after this id (paging)\n"
		"  -o, --output F   write to F instead of standard output\n"
		"  --listen A:P     address and port of 'serve' (default 127.0.0.1:8080)\n"
		"  --role R         user role: admin, coordinator, editor, partner_contributor, viewer\n"
		"  --name N         a user's full name\n"
		"  --lang L         the language of a report (default: from LANG) or of an\n"
		"                   export's labels (default: English): en or fr\n"
		"  --columns A,B    the columns of a CSV or XLSX export, by their CSV names\n"
		"  --labels         a CSV export with code-list labels and headers in --lang\n"
		"  --template       export csv stakeholder_links: the header row to fill in\n"
		"                   (French names and ';' with --lang fr)\n"
		"  --action ID      the action whose application is checked (analyze compliance)\n"
		"  --call NAME      the call it applies to (data/rules/calls.csv: ministry_general,\n"
		"                   ministry_thematic, ministry_bilateral, eu_programme, afd_ficol);\n"
		"                   analyze match: a partner call's id\n"
		"  --threshold EUR  analyze portfolio: a partnership with less a year is thinly\n"
		"                   funded (default 5000)\n"
		"  --dormant-years N  analyze portfolio: an active partnership with no action\n"
		"                   starting and no financing for N years is dormant (default 3)\n"
		"  --from Y --to Y  the years of analyze trends (default: those of the data)\n"
		"  --csv            analyze trends as CSV (year,measure,key,value)\n"
		"  --force          backup: replace FILE when it exists\n"
		"  --top N          analyze match: the N best candidates (default 10)\n"
		"  --only X         analyze network: one figure: components, pagerank, communities,\n"
		"                   betweenness\n"
		"  --from ID --to ID  analyze network: the shortest chain of partnerships between\n"
		"                   two authorities (with trends: the years)\n"
		"  --memberships    analyze network: the city networks and the authorities they link\n"
		"  --practice P     analyze network: a practice's adoptions and plausible paths\n"
		"  --edges          analyze network: the edge list (authority ids), for other tools\n"
		"  passwords are read from standard input, or from EALA_PASSWORD\n"
		"  -h, --help       this help;  --version  the version\n");
}

enum { O_DB = 256, O_JSON, O_DRYRUN, O_Q, O_COUNTRY, O_AUTHORITY, O_KIND, O_STATUS, O_DOMAIN,
       O_YEAR, O_LIMIT, O_AFTER, O_VERSION, O_LISTEN, O_ROLE, O_NAME, O_LANG, O_COLUMNS,
       O_LABELS, O_ACTION, O_CALL, O_THRESHOLD, O_DORMANT, O_FROM, O_TO, O_CSV, O_TERRITORY, O_FORCE,
       O_TEMPLATE, O_TOP, O_MEMBERSHIPS, O_PRACTICE, O_ONLY, O_EDGES };

static const struct option long_opts[] = {
	{"db", required_argument, NULL, O_DB},
	{"json", no_argument, NULL, O_JSON},
	{"dry-run", no_argument, NULL, O_DRYRUN},
	{"q", required_argument, NULL, O_Q},
	{"country", required_argument, NULL, O_COUNTRY},
	{"authority", required_argument, NULL, O_AUTHORITY},
	{"kind", required_argument, NULL, O_KIND},
	{"status", required_argument, NULL, O_STATUS},
	{"domain", required_argument, NULL, O_DOMAIN},
	{"year", required_argument, NULL, O_YEAR},
	{"limit", required_argument, NULL, O_LIMIT},
	{"after", required_argument, NULL, O_AFTER},
	{"output", required_argument, NULL, 'o'},
	{"listen", required_argument, NULL, O_LISTEN},
	{"role", required_argument, NULL, O_ROLE},
	{"name", required_argument, NULL, O_NAME},
	{"lang", required_argument, NULL, O_LANG},
	{"columns", required_argument, NULL, O_COLUMNS},
	{"labels", no_argument, NULL, O_LABELS},
	{"template", no_argument, NULL, O_TEMPLATE},
	{"action", required_argument, NULL, O_ACTION},
	{"call", required_argument, NULL, O_CALL},
	{"threshold", required_argument, NULL, O_THRESHOLD},
	{"dormant-years", required_argument, NULL, O_DORMANT},
	{"from", required_argument, NULL, O_FROM},
	{"to", required_argument, NULL, O_TO},
	{"csv", no_argument, NULL, O_CSV},
	{"territory", required_argument, NULL, O_TERRITORY},
	{"force", no_argument, NULL, O_FORCE},
	{"top", required_argument, NULL, O_TOP},
	{"memberships", no_argument, NULL, O_MEMBERSHIPS},
	{"practice", required_argument, NULL, O_PRACTICE},
	{"only", required_argument, NULL, O_ONLY},
	{"edges", no_argument, NULL, O_EDGES},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, O_VERSION},
	{NULL, 0, NULL, 0},
};

static int parse_long(const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi) {
		cli_error("%s: '%s' is not a number between %ld and %ld", opt, s, lo, hi);
		return 0;
	}
	*out = v;
	return 1;
}

/* Which OPT_ bit an option needs, to refuse options a command does not take. */
static unsigned option_class(int o)
{
	switch (o) {
	case O_JSON: return OPT_JSON;
	case O_DRYRUN: return OPT_DRYRUN;
	case O_KIND: return OPT_FILTERS | OPT_KIND;
	case O_Q: case O_COUNTRY: case O_AUTHORITY: case O_STATUS: case O_DOMAIN: case O_YEAR:
		return OPT_FILTERS;
	case O_LIMIT: case O_AFTER: return OPT_PAGING;
	case 'o': return OPT_OUTPUT;
	case O_LISTEN: return OPT_LISTEN;
	case O_ROLE: case O_NAME: return OPT_USER;
	case O_LANG: return OPT_LANG;
	case O_COLUMNS: case O_LABELS: case O_TEMPLATE: return OPT_EXPORT;
	case O_ACTION: case O_CALL: return OPT_CALL;
	case O_THRESHOLD: case O_DORMANT: return OPT_PORTFOLIO;
	case O_FROM: case O_TO: case O_CSV: case O_TERRITORY: case O_TOP: case O_MEMBERSHIPS:
	case O_PRACTICE: case O_ONLY: case O_EDGES:
		return OPT_ANALYSIS;
	case O_FORCE: return OPT_FORCE;
	default: return 0;
	}
}

static int parse_options(int argc, char **argv, struct cli *c, unsigned *seen)
{
	int o;
	long v;
	c->filter.limit = 100;
	c->threshold = -1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "+ho:", long_opts, NULL)) != -1) {
		*seen |= o == O_KIND ? OPT_KIND : option_class(o);
		switch (o) {
		case O_DB: c->db = optarg; break;
		case O_JSON: c->json = 1; break;
		case O_DRYRUN: c->dry_run = 1; break;
		case O_Q: c->filter.q = optarg; break;
		case O_COUNTRY: c->filter.country = optarg; break;
		case O_KIND: c->filter.kind = optarg; break;
		case O_STATUS: c->filter.status = optarg; break;
		case O_DOMAIN: c->filter.domain = optarg; break;
		case O_AUTHORITY:
			if (!parse_long("--authority", optarg, 1, LONG_MAX, &v))
				return 2;
			c->filter.authority_id = v;
			break;
		case O_YEAR:
			if (!parse_long("--year", optarg, 1900, 2100, &v))
				return 2;
			c->filter.year = (int)v;
			break;
		case O_LIMIT:
			if (!parse_long("--limit", optarg, 0, INT_MAX, &v))
				return 2;
			c->filter.limit = (int)v;
			break;
		case O_AFTER:
			if (!parse_long("--after", optarg, 0, LONG_MAX, &v))
				return 2;
			c->filter.after_id = v;
			break;
		case 'o': c->output = optarg; break;
		case O_LISTEN: c->listen = optarg; break;
		case O_ROLE: c->role = optarg; break;
		case O_NAME: c->name = optarg; break;
		case O_LANG: c->lang = optarg; break;
		case O_COLUMNS: c->columns = optarg; break;
		case O_LABELS: c->labels = 1; break;
		case O_FORCE: c->force = 1; break;
		case O_TEMPLATE: c->template = 1; break;
		case O_CALL: c->call = optarg; break;
		case O_THRESHOLD:
			if (!parse_long("--threshold", optarg, 0, 1000000000L, &v))
				return 2;
			c->threshold = (double)v;
			break;
		case O_DORMANT:
			if (!parse_long("--dormant-years", optarg, 1, 100, &v))
				return 2;
			c->dormant_years = (int)v;
			break;
		case O_ACTION:
			if (!parse_long("--action", optarg, 1, LONG_MAX, &v))
				return 2;
			c->action_id = v;
			break;
		case O_FROM: case O_TO:
			if (!parse_long(o == O_FROM ? "--from" : "--to", optarg, 1, LONG_MAX, &v))
				return 2;
			*(o == O_FROM ? &c->from : &c->to) = v;
			break;
		case O_CSV: c->csv = 1; break;
		case O_TERRITORY:
			if (!parse_long("--territory", optarg, 1, LONG_MAX, &v))
				return 2;
			c->territory = v;
			break;
		case O_TOP:
			if (!parse_long("--top", optarg, 1, 10000, &v))
				return 2;
			c->top = v;
			break;
		case O_MEMBERSHIPS: c->memberships = 1; break;
		case O_EDGES: c->edges = 1; break;
		case O_PRACTICE: c->practice = optarg; break;
		case O_ONLY: c->only = optarg; break;
		case 'h': usage(stdout, c->prog); return -1;
		case O_VERSION: printf("eala %s\n", EALA_VERSION); return -1;
		default:
			cli_error("unknown option '%s' (see '%s --help')", argv[optind - 1], c->prog);
			return 2;
		}
	}
	return 0;
}

static const struct command *find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Options and arguments may be mixed: gather positionals, then parse options. */
static int split_args(int argc, char **argv, char ***pos, int *npos, char ***opts, int *nopts)
{
	*pos = calloc((size_t)argc + 1, sizeof(char *));
	*opts = calloc((size_t)argc + 2, sizeof(char *));
	if (!*pos || !*opts)
		return EALA_ENOMEM;
	(*opts)[(*nopts)++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				(*pos)[(*npos)++] = argv[i];
			break;
		}
		if (a[0] == '-' && a[1]) {
			(*opts)[(*nopts)++] = argv[i];
			int takes = 0;
			for (const struct option *o = long_opts; o->name; o++)
				if (a[1] == '-' && strcmp(a + 2, o->name) == 0)
					takes = o->has_arg == required_argument;
			if (strcmp(a, "-o") == 0)
				takes = 1;
			if (takes && i + 1 < argc)
				(*opts)[(*nopts)++] = argv[++i];
		} else {
			(*pos)[(*npos)++] = argv[i];
		}
	}
	return EALA_OK;
}

static int run(struct cli *c, const struct command *cmd)
{
	char *errmsg = NULL;
	int rc;
	if (cmd->flags & CMD_DB) {
		if ((rc = store_open(c->db, (cmd->flags & CMD_CREATE) != 0, &c->st, &errmsg))) {
			cli_error("%s", errmsg);
			free(errmsg);
			return 1;
		}
		if (!(cmd->flags & CMD_CREATE) && (rc = store_check(c->st, &errmsg))) {
			cli_error("%s", errmsg);
			free(errmsg);
			return 1;
		}
	}
	return cmd->run(c);
}

int main(int argc, char **argv)
{
	struct cli c = {.prog = "eala"};
	char **pos = NULL, **opts = NULL;
	int npos = 0, nopts = 0, rc = 0;
	unsigned seen = 0;
	const struct command *cmd = NULL;

	codelist_load_install();
	c.db = getenv("EALA_DB");
	if (!c.db || !*c.db)
		c.db = "eala.db";
	if (split_args(argc, argv, &pos, &npos, &opts, &nopts)) {
		rc = 1;
		goto out;
	}
	if ((rc = parse_options(nopts, opts, &c, &seen))) {
		rc = rc < 0 ? 0 : rc;
		goto out;
	}
	if (npos == 0) {
		usage(stderr, c.prog);
		rc = 2;
		goto out;
	}
	if (strcmp(pos[0], "help") == 0) {
		usage(stdout, c.prog);
		goto out;
	}
	if (!(cmd = find_command(pos[0]))) {
		cli_error("unknown command '%s' (see '%s --help')", pos[0], c.prog);
		rc = 2;
		goto out;
	}
	c.args = pos + 1;
	c.nargs = npos - 1;
	if (c.nargs < cmd->min_args || (cmd->max_args >= 0 && c.nargs > cmd->max_args)) {
		cli_error("usage: %s %s %s", c.prog, cmd->name, cmd->usage);
		rc = 2;
		goto out;
	}
	unsigned allowed = cmd->options | ((cmd->options & OPT_FILTERS) ? OPT_KIND : 0);
	/* user commands take --authority, a filter elsewhere */
	if ((cmd->options & OPT_USER) && (seen & OPT_FILTERS) && !c.filter.q && !c.filter.country &&
	    !c.filter.kind && !c.filter.status && !c.filter.domain && !c.filter.year)
		allowed |= OPT_FILTERS;
	if (seen & ~allowed) {
		cli_error("%s does not take some of the options given; usage: %s %s %s", cmd->name,
			  c.prog, cmd->name, cmd->usage);
		rc = 2;
		goto out;
	}
	rc = run(&c, cmd);
out:
	store_close(c.st);
	codelist_reset();
	free(pos);
	free(opts);
	/* a full disk or closed pipe on stdout is a failure too */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("error writing the output");
		rc = rc ? rc : 1;
	}
	return rc;
}
