/* test_check.h - the checks the C test programs share: each CHECK counts
 * as passed or failed, a failure names its file, line and condition, and
 * the program reports the counts with check_summary() and exits non-zero
 * when any failed. */
#ifndef NDISLINT_TEST_CHECK_H
#define NDISLINT_TEST_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int passed;
static int failed;

static inline bool check(bool ok, const char *what, const char *file, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    }
    return ok;
}

static inline bool check_str(const char *got, const char *want, const char *file,
                             int line)
{
    bool ok = got != NULL && strcmp(got, want) == 0;
    if (!check(ok, "strings equal", file, line))
        fprintf(stderr, "  want: \"%s\"\n  got:  \"%s\"\n", want,
                got != NULL ? got : "(null)");
    return ok;
}

static inline bool check_contains(const char *hay, const char *needle,
                                  const char *file, int line)
{
    bool ok = hay != NULL && strstr(hay, needle) != NULL;
    if (!check(ok, "string contains", file, line))
        fprintf(stderr, "  want a part: \"%s\"\n  in:          \"%s\"\n",
                needle, hay != NULL ? hay : "(null)");
    return ok;
}

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) check_str((got), (want), __FILE__, __LINE__)
#define CHECK_CONTAINS(hay, needle) \
    check_contains((hay), (needle), __FILE__, __LINE__)

#endif
