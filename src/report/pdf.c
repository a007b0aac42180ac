/* pdf.c: the report's HTML to PDF through headless Chromium; see pdf.h.
 * Chromium runs in its own process group (it starts helpers), without a
 * shell, its output kept in the temporary folder for the error message, and
 * is killed with its helpers when it runs past the time limit. */
#define _GNU_SOURCE
#include "pdf.h"

#include "../core/eala.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define PDF_TIMEOUT 120         /* seconds Chromium may take */
#define VIRTUAL_TIME "--virtual-time-budget=10000"

const char *report_chromium(void)
{
	const char *c = getenv("EALA_CHROMIUM");
	return c && *c ? c : "/usr/bin/chromium";
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static int write_all(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return EALA_EIO;
	size_t n = fwrite(s, 1, len, f);
	int bad = n != len || ferror(f);
	return fclose(f) != 0 || bad ? EALA_EIO : EALA_OK;
}

/* The last non-empty line of Chromium's output, for the error message. */
static char *last_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512], last[512] = "";
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (*line)
			snprintf(last, sizeof(last), "%s", line);
	}
	if (f)
		fclose(f);
	return xstrdup(last);
}

static int is_pdf(const char *path)
{
	char head[5] = {0};
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof(head), f) : 0;
	if (f)
		fclose(f);
	return n == sizeof(head) && memcmp(head, "%PDF-", 5) == 0;
}

/* Run Chromium on url, printing to out; its output goes to log. */
static int run_chromium(const char *chromium, const char *profile, const char *url, const char *out,
			const char *log, int *status)
{
	char *user_data = xasprintf("--user-data-dir=%s", profile);
	char *print_to = xasprintf("--print-to-pdf=%s", out);
	char *argv[] = {(char *)chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", user_data,
			"--no-pdf-header-footer", VIRTUAL_TIME, print_to, (char *)url, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	pid_t pid = 0;
	int rc = EALA_EIO;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	if (!user_data || !print_to || posix_spawn(&pid, chromium, &fa, &at, argv, environ) != 0)
		goto out;
	time_t deadline = time(NULL) + PDF_TIMEOUT;
	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);
		if (w == pid) {
			rc = EALA_OK;
			break;
		}
		if (w < 0 && errno != EINTR)
			break;
		if (time(NULL) > deadline) {
			kill(-pid, SIGKILL);
			waitpid(pid, status, 0);
			*status = -1;
			rc = EALA_OK;
			break;
		}
		struct timespec nap = {0, 20 * 1000 * 1000};
		nanosleep(&nap, NULL);
	}
	/* helpers Chromium left behind */
	kill(-pid, SIGKILL);
out:
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	free(user_data);
	free(print_to);
	return rc;
}

int report_pdf(const char *html, size_t len, const char *pdf_path, char **errmsg)
{
	const char *chromium = report_chromium();
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/eala-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *page = NULL, *profile = NULL, *log = NULL, *url = NULL, *part = NULL;
	int rc = EALA_OK, status = 0, made_dir = 0, fd = -1;
	if (access(chromium, X_OK) != 0) {
		*errmsg = xasprintf("printing a PDF needs Chromium, and %s is missing (scripts/install-deps "
				    "installs it; EALA_CHROMIUM names another)", chromium);
		rc = EALA_ENOTFOUND;
		goto out;
	}
	if (!dir || !mkdtemp(dir)) {
		*errmsg = xasprintf("cannot make a temporary folder: %s", strerror(errno));
		rc = EALA_EIO;
		goto out;
	}
	made_dir = 1;
	page = xasprintf("%s/report.html", dir);
	profile = xasprintf("%s/profile", dir);
	log = xasprintf("%s/chromium.log", dir);
	url = xasprintf("file://%s", page);
	/* the temporary PDF beside its destination, so that the rename stays on one file system */
	part = xasprintf("%s.XXXXXX", pdf_path);
	if (!page || !profile || !log || !url || !part) {
		rc = EALA_ENOMEM;
		goto out;
	}
	if ((fd = mkstemp(part)) < 0) {
		*errmsg = xasprintf("%s: cannot be written: %s", pdf_path, strerror(errno));
		free(part);
		part = NULL;
		rc = EALA_EIO;
		goto out;
	}
	close(fd);
	if (write_all(page, html, len)) {
		*errmsg = xasprintf("%s: cannot be written", page);
		rc = EALA_EIO;
		goto out;
	}
	if (run_chromium(chromium, profile, url, part, log, &status) != EALA_OK) {
		*errmsg = xasprintf("%s could not be started: %s", chromium, strerror(errno));
		rc = EALA_EIO;
		goto out;
	}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !is_pdf(part)) {
		char *why = last_line(log);
		*errmsg = status == -1 ? xasprintf("%s took more than %d s to print the report", chromium, PDF_TIMEOUT)
			: xasprintf("%s failed to print the report%s%s", chromium, why && *why ? ": " : "",
				    why ? why : "");
		free(why);
		rc = EALA_EIO;
		goto out;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(part, 0666 & ~mask) != 0 || rename(part, pdf_path) != 0) {
		*errmsg = xasprintf("%s: cannot be written: %s", pdf_path, strerror(errno));
		rc = EALA_EIO;
		goto out;
	}
	free(part);
	part = NULL;
out:
	if (part)
		unlink(part);
	if (made_dir)
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	free(page);
	free(profile);
	free(log);
	free(url);
	free(part);
	return rc;
}
