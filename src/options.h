/* options.h - the command line. */
#ifndef NDISLINT_OPTIONS_H
#define NDISLINT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "source_loc.h"

typedef enum OutputFormat {
    FORMAT_TEXT,
    FORMAT_MSVC,
    FORMAT_SARIF,
    FORMAT_GITHUB
} OutputFormat;

typedef enum ColorMode {
    COLOR_AUTO,
    COLOR_ALWAYS,
    COLOR_NEVER
} ColorMode;

/* Every string points into argv. */
typedef struct Options {
    OutputFormat format;
    const char *output;           /* -o; NULL or "-" for stdout */
    const char *wdk_root;         /* --wdk DIR */
    const char *print_args_for;   /* --print-clang-args FILE */
    const char *print_include_map_for; /* --print-include-map FILE */
    const char *configuration;    /* --configuration "Release|x64" */
    bool print_project;           /* --print-project */
    const char *compile_db;       /* -p PATH */
    const char *config_file;      /* --config FILE */
    const char *explain;          /* --explain RULE */
    const char *baseline;         /* --baseline FILE */
    const char *write_baseline;   /* --write-baseline FILE */
    const char *srcroot;          /* --srcroot DIR */
    const char *sarif_category;   /* --sarif-category NAME */
    char **enable;                /* --enable LIST (each may hold commas) */
    size_t enable_count;
    char **disable;               /* --disable LIST */
    size_t disable_count;
    Level fail_level;             /* --fail-level (default warning) */
    unsigned jobs;                /* -j; 0: one per processor */
    unsigned file_timeout;        /* --file-timeout seconds (0: none) */
    unsigned file_memory_mib;     /* --file-memory MiB (0: none) */
    bool report_unused_suppressions;
    bool allow_incomplete;
    bool sarif_include_suppressed;
    bool quiet;
    ColorMode color;
    bool list_rules;
    bool dump_facts;
    bool stats;                   /* --stats: counts and phase times */
    bool show_version;
    bool show_help;
    char **files;                 /* FILE... */
    size_t file_count;
    char **compiler_args;         /* after `--` */
    size_t compiler_arg_count;
} Options;

/* Parses argv. On a usage error writes a message naming the problem into
 * `err` and returns -1. options_free() releases what it allocated. */
int options_parse(int argc, char **argv, Options *options, char *err,
                  size_t err_size);

void options_free(Options *options);

/* The --help text. */
void options_print_help(FILE *out);

#endif
