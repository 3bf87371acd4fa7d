/* source_input.h - is an input file something the parser can be given? */
#ifndef NDISLINT_SOURCE_INPUT_H
#define NDISLINT_SOURCE_INPUT_H

#include <stddef.h>

/* 0 when `path` is a readable regular text file. Otherwise -1, with the
 * problem in words in `problem` ("no such file", "is a directory",
 * "contains NUL bytes: not a C source"). */
int source_input_check(const char *path, char *problem, size_t size);

#endif
