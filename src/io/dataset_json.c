/* dataset_json.c: placeholder until the dataset reader and writer land. */
#include "dataset_json.h"

int dataset_json_load(struct store *st, const char *path, int dry_run, struct dataset_report *rep,
		      struct errlist *errors)
{
	(void)st; (void)dry_run; (void)rep;
	errlist_add(errors, path, 0, NULL, "not implemented yet");
	return EALA_EINVAL;
}

int dataset_json_export(struct store *st, FILE *out, char **errmsg)
{
	(void)st; (void)out;
	*errmsg = xstrdup("not implemented yet");
	return EALA_EINVAL;
}
