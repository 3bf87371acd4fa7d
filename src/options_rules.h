/* options_rules.h - which rules run, and at which level: the configuration
 * file first, then --enable and --disable on the command line. */
#ifndef NDISLINT_OPTIONS_RULES_H
#define NDISLINT_OPTIONS_RULES_H

#include <stddef.h>

#include "options.h"
#include "options_config.h"
#include "rule_catalog.h"

/* Applies `config` (may be NULL) and the command line to `catalog`:
 * removes the rules that will not run and sets the level of the others.
 * An unknown rule id or name is an error naming it (and the configuration
 * file, for its keys). Returns 0 or -1. */
int options_select_rules(RuleCatalog *catalog, const Config *config,
                         const Options *options, char *err, size_t err_size);

#endif
