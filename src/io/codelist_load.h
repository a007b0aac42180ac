/* codelist_load.h: reads the code lists' files into src/core/codelist.h.
 *
 * Where the files are: eala's own lists and the IATI lists under the data
 * folder (EALA_DATADIR in the environment, else the source tree's data/),
 * countries from Debian's iso-codes (EALA_ISO_CODES overrides the path of
 * iso_3166-1.json), income groups from data/wb_country_class.csv.
 */
#ifndef EALA_CODELIST_LOAD_H
#define EALA_CODELIST_LOAD_H

#include "../core/codelist.h"

/* The data folder in use. */
const char *eala_datadir(void);
/* A path under the data folder; the caller frees it. */
char *eala_datapath(const char *relative);

/* Install the loader with codelist_set_loader(). */
void codelist_load_install(void);

/* Country name (English, any spelling iso-codes or the alias list knows, or
 * "Region, Country") to ISO alpha-2; NULL when unknown. [out] overseas: 1
 * for a French overseas territory named as part of France (may be NULL). */
const char *country_resolve(const char *name, int *overseas);

/* Why the country alias list could not be read, or NULL when it was. */
const char *country_resolve_error(void);

#endif
