/* progress.c: terminal progress line for long imports and exports. */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

void progress_start(struct progress *p, const char *what, size_t total)
{
	p->what = what;
	p->total = total;
	p->last = 0;
	p->tty = isatty(2);
}

void progress_update(struct progress *p, size_t done)
{
	if (!p->tty || done - p->last < 2000)
		return;
	p->last = done;
	if (p->total)
		fprintf(stderr, "\r%s: %zu/%zu (%zu%%)", p->what, done, p->total,
			done * 100 / p->total);
	else
		fprintf(stderr, "\r%s: %zu", p->what, done);
	fflush(stderr);
}

void progress_end(struct progress *p)
{
	if (p->tty && p->last)
		fprintf(stderr, "\r\033[K");
}
