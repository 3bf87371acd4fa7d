/* options_config.h - the configuration file, .ndislint.json.
 *
 *   {"rules": {"NDIS003": "off", "NDIS004": "warning"},
 *    "args": ["-DX=1"], "exclude": ["third_party/..."],  (a glob, see below)
 *    "project": "driver/driver.vcxproj", "configuration": "Release|x64"}
 *
 * Found upward from the current folder, or named with --config. Every key
 * is optional; unknown keys, wrong types and duplicate keys are errors that
 * name the file, the line and the key. Command-line options override it.
 *
 * Ownership: a Config owns its strings; config_free() releases them.
 */
#ifndef NDISLINT_OPTIONS_CONFIG_H
#define NDISLINT_OPTIONS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "source_loc.h"

typedef struct RuleSetting {
    char *rule;   /* id or name, as written */
    bool off;     /* "off" */
    Level level;  /* when not off */
    unsigned line;/* where the file names it, for messages */
} RuleSetting;

typedef struct Config {
    char *path;          /* the file read; NULL when none */
    RuleSetting *rules;
    size_t rule_count;
    char **args;         /* extra compiler arguments */
    size_t arg_count;
    char **exclude;      /* glob patterns, relative to the file's folder */
    size_t exclude_count;
    bool allow_incomplete; /* "allowIncomplete": judgements not made do
                              not fail the run */
    char *project;       /* "project": relative to the file's folder */
    char *configuration; /* "configuration": "Release|x64" */
} Config;

/* Looks for .ndislint.json in `start_dir` and each parent. Returns 1 and
 * the path in `out` when found, 0 when not. */
int config_find(const char *start_dir, char *out, size_t size);

/* Reads `path`. Returns 0, or -1 with "path:line: key 'k': problem" in
 * `err`. */
int config_load(const char *path, Config *config, char *err, size_t err_size);

void config_free(Config *config);

/* True when `file` (absolute) matches an exclude pattern. Patterns are
 * relative to the configuration file's folder; `*` matches within a path
 * component, `**` across components, `?` one character. */
bool config_excludes(const Config *config, const char *file);

#endif
