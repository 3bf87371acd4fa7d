/* fuzz_rules.c - the rule loader on arbitrary rule files.
 *
 * The input is written as the one rule file of a folder and the folder is
 * loaded with rule_catalog_load. Errors are expected; crashes, leaks and
 * undefined behaviour are not. When the file loads, the lookups that use
 * the loaded strings are exercised too.
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "rule_catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[PATH_MAX];
    static char file[PATH_MAX];
    if (dir[0] == '\0') {
        fuzz_path(dir, sizeof(dir), "rules");
        if (mkdir(dir, 0700) != 0)
            fuzz_die("mkdir");
        fuzz_path(file, sizeof(file), "rules/NDIS003.json");
    }
    fuzz_write(file, data, size);

    RuleCatalog catalog = {0};
    char err[1024];
    if (rule_catalog_load(&catalog, dir, err, sizeof(err)) == 0) {
        for (size_t i = 0; i < catalog.count; i++) {
            const RuleInfo *rule = &catalog.rules[i];
            (void)rule_catalog_find(&catalog, rule->id);
            (void)rule_catalog_find(&catalog, rule->name);
            (void)rule_catalog_index(&catalog, rule);
            for (size_t p = 0; p < rule->param_count; p++) {
                size_t count = 0;
                (void)rule_param(rule, rule->params[p].name, &count);
                (void)rule_param_first(rule, rule->params[p].name);
            }
        }
    } else if (strlen(err) >= sizeof(err)) {
        abort(); /* the message must be terminated within the buffer */
    }
    rule_catalog_free(&catalog);
    return 0;
}
