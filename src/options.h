/* options.h - the command line. */
#ifndef NDISLINT_OPTIONS_H
#define NDISLINT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum OutputFormat {
    FORMAT_TEXT,
    FORMAT_MSVC,
    FORMAT_SARIF
} OutputFormat;

typedef struct Options {
    OutputFormat format;
    const char *output;           /* NULL or "-" for stdout */
    const char *wdk_root;         /* --wdk DIR */
    const char *print_args_for;   /* --print-clang-args FILE */
    bool list_rules;
    bool dump_facts;              /* --dump-facts: print the facts */
    bool show_version;
    bool show_help;
    char **files;                 /* FILE... (points into argv) */
    size_t file_count;
    char **compiler_args;         /* after `--` (points into argv) */
    size_t compiler_arg_count;
} Options;

/* Parses argv. On a usage error writes a message naming the problem into
 * `err` and returns -1. `files` must be freed with options_free(). */
int options_parse(int argc, char **argv, Options *options, char *err,
                  size_t err_size);

void options_free(Options *options);

/* The --help text. */
void options_print_help(FILE *out);

#endif
