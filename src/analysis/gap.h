/* gap.h: the gap between the impacts an authority expects from its external
 * action and those it observes (seed 001, chapter I: "local authorities expect
 * mostly economic returns and observe mostly socio-cultural ones; the gap is
 * in nature and in scope"). gap_compute() is pure: records in, figures out;
 * gap_load() gathers the records of one authority (or all) from the store. */
#ifndef EALA_GAP_H
#define EALA_GAP_H

#include "../core/model.h"
#include "../store/store.h"

#include <stddef.h>

#define GAP_MAX_CATS 16
enum gap_side { GAP_HOME, GAP_PARTNER, GAP_BOTH, GAP_NSIDES };

struct gap_cat {
	const char *code;              /* a top-level impact category ("economic") */
	int expected[GAP_NSIDES];
	int observed[GAP_NSIDES];
	int n_expected, n_observed;    /* all sides */
};

struct gap_result {
	struct gap_cat cats[GAP_MAX_CATS];
	size_t n_cats;
	int n_expected, n_observed;
	/* nature gap: the total variation distance between the shares of the
	 * categories among expected and among observed impacts, from 0 (the same
	 * mix) to 1 (nothing in common); -1 when either side is empty */
	double nature_gap;
	const char *over;              /* the category expected most beyond what is observed */
	const char *under;             /* the category observed most beyond what was expected */
	/* scope gap: indicator periods with both a target and an actual value */
	int targets, targets_met;
	double achievement;            /* targets_met / targets; -1 when none */
	int without_indicator;         /* expectations with no indicator */
	int without_evidence;          /* expectations no observed outcome is linked to */
	int unexpected;                /* observed outcomes linked to no expectation */
	/* reciprocity: outcomes reported by the partner against those reported at home */
	int reported_home, reported_partner;
	double reciprocity;            /* reported_partner / reported_home; -1 when none at home */
	/* know-how flowing each way: outcomes of capacity and practice
	 * (sociocultural.capacities, institutional.*) observed in the home
	 * territory and in the partner's ("both" counts for each) */
	int knowhow_home, knowhow_partner;
};

/* The figures for these records; year 0 for every year, else only the
 * outcomes dated that year and the indicator periods ending in it. */
void gap_compute(const struct expected_impact *e, size_t ne, const struct observed_outcome *o,
		 size_t no, int year, struct gap_result *out);

/* The records of the partnerships authority_id is a member of (0: every
 * partnership), then gap_compute(); public_only leaves draft partnerships
 * out. EALA_OK or a store error. */
int gap_load(struct store *st, int64_t authority_id, int year, int public_only, struct gap_result *out,
	     char **errmsg);

/* The category expected most often (the first sentence's subject); NULL when none. */
const struct gap_cat *gap_top_expected(const struct gap_result *g);

/* A category's label in lang (CL_LANG_*), its code when it has none. */
const char *gap_label(const char *code, int lang);

/* The result as JSON, category labels in lang (CL_LANG_*); the same for the
 * CLI, the API and the page. */
struct json_t *gap_json(const struct gap_result *g, int64_t authority_id, int year, int lang);

#endif
