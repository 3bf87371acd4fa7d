/* rule_catalog.h - the identity, text and parameters of each rule, loaded
 * from the .json files in rules/. The C code implements the logic; the JSON
 * says what the rule is called, how it is explained and which DDI names it
 * concerns.
 *
 * Ownership: a RuleCatalog owns every RuleInfo and string in it;
 * rule_catalog_free() releases them all. RuleInfo pointers stay valid until
 * then.
 */
#ifndef NDISLINT_RULE_CATALOG_H
#define NDISLINT_RULE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "rule_ddi_table.h"
#include "rule_resource_pairs.h"
#include "source_loc.h"

/* A parameter: a name and one or more string values. */
typedef struct RuleParam {
    char *name;
    char **values;
    size_t value_count;
} RuleParam;

typedef struct RuleInfo {
    char *id;            /* "NDIS003" */
    char *name;          /* "message-isr-returns-true" */
    Level default_level;
    char *summary;       /* one sentence: SARIF shortDescription */
    char *description;   /* a paragraph: SARIF fullDescription */
    char *help;          /* plain-text help: SARIF help.text, --explain */
    char *help_markdown; /* the same in Markdown: SARIF help.markdown */
    char *help_uri;      /* the WDK documentation page the rule comes from */
    char *kind;          /* a rule kind the data configures ("paired-resource"),
                            or NULL for a rule with an entry of its own */
    char **tags;
    size_t tag_count;
    RuleParam *params;
    size_t param_count;
} RuleInfo;

typedef struct RuleCatalog {
    RuleInfo *rules; /* sorted by id */
    size_t count;
    DdiTable ddis;   /* what the rules know of each DDI (rules/ddi/) */
    ResourcePairTable resources; /* acquired and released resources
                                    (rules/resources/) */
} RuleCatalog;

/* Loads every *.json file directly inside `dir`, and the DDI table of its
 * ddi/ folder (empty when there is none). On error, writes a message
 * naming the file (and the key) into `err` and returns -1; the catalog is
 * then empty. Unknown keys, wrong types and duplicate keys are errors. */
int rule_catalog_load(RuleCatalog *catalog, const char *dir, char *err,
                      size_t err_size);

/* The rule files alone, without the DDI table and the resource pairs: what
 * names the rules (suppression comments may name one that does not run). */
int rule_catalog_load_rules(RuleCatalog *catalog, const char *dir, char *err,
                            size_t err_size);

void rule_catalog_free(RuleCatalog *catalog);

/* Keeps the rules whose `keep[i]` is true, in order, and frees the
 * others (rules that will not run are not listed anywhere). Pointers to
 * kept rules move: take them again after the call. Returns 0. */
int rule_catalog_keep(RuleCatalog *catalog, const bool *keep);

/* Whether `kind` names a rule kind that data alone configures. */
bool rule_kind_known(const char *kind);

/* Finds a rule by id ("NDIS003") or name ("message-isr-returns-true"). */
const RuleInfo *rule_catalog_find(const RuleCatalog *catalog, const char *key);

/* The values of a parameter, or NULL with *count 0 when absent. */
char *const *rule_param(const RuleInfo *rule, const char *name, size_t *count);

/* The first value of a parameter, or NULL when absent. */
const char *rule_param_first(const RuleInfo *rule, const char *name);

/* Index of `rule` in the catalog (SARIF ruleIndex). */
size_t rule_catalog_index(const RuleCatalog *catalog, const RuleInfo *rule);

#endif
