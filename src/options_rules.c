/* options_rules.c - rule selection from the configuration file and the
 * command line. */
#include "options_rules.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Index of the rule `key` names, or -1. */
static int rule_index(const RuleCatalog *catalog, const char *key)
{
    const RuleInfo *rule = rule_catalog_find(catalog, key);
    return rule == NULL ? -1 : (int)(rule - catalog->rules);
}

/* Calls `apply` for every rule named in a comma-separated list. */
static int for_each_listed(const RuleCatalog *catalog, const char *list,
                           const char *option, bool *flags, bool value,
                           char *err, size_t err_size)
{
    char *copy = strdup(list);
    if (copy == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    int rc = 0;
    char *saveptr = NULL;
    for (char *item = strtok_r(copy, ", ", &saveptr); item != NULL && rc == 0;
         item = strtok_r(NULL, ", ", &saveptr)) {
        int index = rule_index(catalog, item);
        if (index < 0) {
            snprintf(err, err_size, "%s: unknown rule '%s' (see --list-rules)", option, item);
            rc = -1;
        } else {
            flags[index] = value;
        }
    }
    free(copy);
    return rc;
}

int options_select_rules(RuleCatalog *catalog, const Config *config,
                         const Options *options, char *err, size_t err_size)
{
    bool *keep = calloc(catalog->count + 1, sizeof(*keep));
    if (keep == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < catalog->count; i++)
        keep[i] = true;
    for (size_t i = 0; config != NULL && i < config->rule_count && rc == 0; i++) {
        const RuleSetting *setting = &config->rules[i];
        int index = rule_index(catalog, setting->rule);
        if (index < 0) {
            snprintf(err, err_size, "%s:%u: key 'rules.%s': unknown rule (see --list-rules)",
                     config->path, setting->line, setting->rule);
            rc = -1;
        } else if (setting->off) {
            keep[index] = false;
        } else {
            keep[index] = true;
            catalog->rules[index].default_level = setting->level;
        }
    }
    if (rc == 0 && options->enable_count > 0) {
        /* --enable names the rules to run: only those. */
        for (size_t i = 0; i < catalog->count; i++)
            keep[i] = false;
        for (size_t i = 0; i < options->enable_count && rc == 0; i++)
            rc = for_each_listed(catalog, options->enable[i], "--enable", keep, true,
                                 err, err_size);
    }
    for (size_t i = 0; i < options->disable_count && rc == 0; i++)
        rc = for_each_listed(catalog, options->disable[i], "--disable", keep, false,
                             err, err_size);
    if (rc == 0)
        rule_catalog_keep(catalog, keep);
    free(keep);
    return rc;
}
