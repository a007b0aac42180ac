/* progress.h: a one-line progress counter on standard error, shown only when
 * standard error is a terminal, so logs and tests see nothing of it. */
#ifndef EALA_PROGRESS_H
#define EALA_PROGRESS_H

#include <stddef.h>

struct progress {
	const char *what;     /* "importing twin_cities.csv" */
	size_t total;         /* 0 when unknown */
	size_t last;          /* last value shown */
	int tty;
};

void progress_start(struct progress *p, const char *what, size_t total);
void progress_update(struct progress *p, size_t done);
void progress_end(struct progress *p);

#endif
