/* users.c: 'eala user': accounts, passwords and roles. */
#define _GNU_SOURCE
#include "cli.h"

#include "../core/auth.h"

#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The password: EALA_PASSWORD, else a line of standard input (without echo
 * on a terminal). NULL when empty. */
static char *read_password(void)
{
	const char *env = getenv("EALA_PASSWORD");
	if (env && *env)
		return strdup(env);
	struct termios old, quiet;
	int tty = isatty(0) && tcgetattr(0, &old) == 0;
	if (tty) {
		fprintf(stderr, "password: ");
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(0, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (n <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (!n) {
		free(line);
		return NULL;
	}
	return line;
}

/* Check --role and --authority together; 1 when fine. */
static int check_role(struct cli *c)
{
	if (!c->role) {
		cli_error("give the role with --role (admin, coordinator, editor, partner_contributor, viewer)");
		return 0;
	}
	if (!role_valid(c->role)) {
		cli_error("--role %s: expected admin, coordinator, editor, partner_contributor or viewer", c->role);
		return 0;
	}
	if (role_scoped(c->role) && !c->filter.authority_id) {
		cli_error("--role %s is scoped to an authority: give --authority ID", c->role);
		return 0;
	}
	if (!role_scopable(c->role) && c->filter.authority_id) {
		cli_error("--role %s is not scoped to an authority: leave --authority out", c->role);
		return 0;
	}
	if (c->filter.authority_id && !store_authority_exists(c->st, c->filter.authority_id)) {
		cli_error("--authority %lld: no such authority", (long long)c->filter.authority_id);
		return 0;
	}
	return 1;
}

static int set_password(struct cli *c, struct user *u, int new_user)
{
	char hash[AUTH_HASH_LEN], *errmsg = NULL;
	char *pw = read_password();
	int rc = 1;
	if (!pw || strlen(pw) < 8) {
		cli_error("a password of at least 8 characters is needed (standard input or EALA_PASSWORD)");
		goto out;
	}
	if (password_hash(pw, hash)) {
		cli_error("cannot hash the password (out of memory?)");
		goto out;
	}
	if (new_user) {
		u->password_hash = hash;
		int st = store_user_insert(c->st, u, &errmsg);
		u->password_hash = NULL;
		if (st) {
			cli_error("%s", st == EALA_ECONFLICT ? "a user with this login exists already" : errmsg);
			goto out;
		}
	} else if (store_user_set_password(c->st, u->id, hash, &errmsg)) {
		cli_error("%s", errmsg ? errmsg : "cannot set the password");
		goto out;
	}
	rc = 0;
out:
	if (pw) {
		memset(pw, 0, strlen(pw));
		free(pw);
	}
	free(errmsg);
	return rc;
}

static int print_user(void *ctx, const struct user *u)
{
	struct cli *c = ctx;
	struct role *roles;
	size_t n;
	store_user_roles(c->st, u->id, &roles, &n);
	printf("%-20s %s", u->login, u->name ? u->name : "");
	for (size_t i = 0; i < n; i++) {
		printf("%s%s", i ? ", " : "  (", roles[i].role);
		if (roles[i].authority_id)
			printf(" of #%lld", (long long)roles[i].authority_id);
	}
	printf("%s\n", n ? ")" : "");
	store_roles_free(roles, n);
	return 0;
}

int cmd_user(struct cli *c)
{
	const char *verb = c->args[0], *login = c->nargs > 1 ? c->args[1] : NULL;
	char *errmsg = NULL;
	int rc = 1;
	if (strcmp(verb, "list") == 0) {
		rc = store_user_each(c->st, print_user, c, &errmsg) ? 1 : 0;
		goto out;
	}
	if (!login) {
		cli_error("user %s: give the login", verb);
		return 2;
	}
	struct user u = {0};
	if (strcmp(verb, "add") == 0) {
		if (!check_role(c))
			return 2;
		if (store_begin(c->st)) {
			cli_error("%s", store_error(c->st));
			return 1;
		}
		u.login = (char *)login;
		u.name = (char *)c->name;
		if (set_password(c, &u, 1) ||
		    store_role_grant(c->st, u.id, c->role, c->filter.authority_id, &errmsg) ||
		    store_commit(c->st)) {
			store_rollback(c->st);
			goto out;
		}
		printf("added %s (%s%s)\n", login, c->role, c->filter.authority_id ? " of one authority" : "");
		return 0;
	}
	if (store_user_by_login(c->st, login, &u)) {
		cli_error("no user %s", login);
		return 1;
	}
	if (strcmp(verb, "passwd") == 0) {
		rc = set_password(c, &u, 0);
		if (!rc)
			printf("password of %s changed\n", login);
	} else if (strcmp(verb, "grant") == 0) {
		if (!check_role(c)) {
			user_clear(&u);
			return 2;
		}
		rc = store_role_grant(c->st, u.id, c->role, c->filter.authority_id, &errmsg) ? 1 : 0;
		if (!rc)
			printf("%s is now %s\n", login, c->role);
	} else {
		cli_error("user: unknown action '%s' (add, grant, passwd, list)", verb);
		rc = 2;
	}
	user_clear(&u);
out:
	if (errmsg)
		cli_error("%s", errmsg);
	free(errmsg);
	return rc;
}
