/* fuzz_json.c: the JSON request bodies of the API: jansson's parse, then
 * each kind's *_from_json (src/io/record_json.c) and its validation, as
 * record_save() does with a POST or PUT body. */
#include "fuzz.h"

#include "../../src/core/codelist.h"
#include "../../src/io/codelist_load.h"
#include "../../src/io/record_json.h"

#include <jansson.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	codelist_load_install();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return 0;
	struct origin o = {"request", 0};
	struct errlist el;
	errlist_init(&el);
	el.max = 100;
	{
		struct authority a = {0};
		authority_from_json(j, &a, &el);
		authority_validate(&a, &o, &el);
		authority_clear(&a);
	}
	{
		struct organisation g = {0};
		organisation_from_json(j, &g, &el);
		organisation_validate(&g, &o, &el);
		organisation_clear(&g);
	}
	{
		struct partnership p = {0};
		partnership_from_json(j, &p, &el);
		partnership_validate(&p, &o, &el);
		partnership_clear(&p);
	}
	{
		struct action a = {0};
		action_from_json(j, &a, &el);
		action_validate(&a, &o, &el);
		action_clear(&a);
	}
	{
		struct network_membership m = {0};
		membership_from_json(j, &m, &el);
		network_membership_validate(&m, &o, &el);
		network_membership_clear(&m);
	}
	{
		struct expected_impact e = {0};
		expected_impact_from_json(j, &e, &el);
		expected_impact_validate(&e, &o, &el);
		expected_impact_clear(&e);
	}
	{
		struct observed_outcome x = {0};
		observed_outcome_from_json(j, &x, &el);
		observed_outcome_validate(&x, &o, &el);
		observed_outcome_clear(&x);
	}
	errlist_clear(&el);
	json_decref(j);
	return 0;
}
