/* fuzz_common.h - what the harnesses share: a private temporary folder per
 * fuzzing process, removed at exit, and writing an input into it.
 *
 * The folder is $TMPDIR/ndislint-fuzz.XXXXXX (mkdtemp), canonical (no
 * symbolic links), so that paths built from it are absolute and
 * normalised the way the tool's own paths are.
 */
#ifndef NDISLINT_FUZZ_COMMON_H
#define NDISLINT_FUZZ_COMMON_H

#include <dirent.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_tmp_dir[PATH_MAX];

static void fuzz_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d != NULL) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                char child[PATH_MAX];
                if (snprintf(child, sizeof(child), "%s/%s", path, e->d_name) <
                    (int)sizeof(child))
                    fuzz_remove_tree(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void fuzz_cleanup(void)
{
    if (fuzz_tmp_dir[0] != '\0')
        fuzz_remove_tree(fuzz_tmp_dir);
}

static void fuzz_die(const char *what)
{
    perror(what);
    abort();
}

/* The per-process folder, created on first use. */
static const char *fuzz_dir(void)
{
    if (fuzz_tmp_dir[0] != '\0')
        return fuzz_tmp_dir;
    const char *base = getenv("TMPDIR");
    if (base == NULL || base[0] == '\0')
        base = "/tmp";
    char pattern[PATH_MAX];
    snprintf(pattern, sizeof(pattern), "%s/ndislint-fuzz.XXXXXX", base);
    if (mkdtemp(pattern) == NULL)
        fuzz_die("mkdtemp");
    if (realpath(pattern, fuzz_tmp_dir) == NULL)
        fuzz_die("realpath");
    atexit(fuzz_cleanup);
    return fuzz_tmp_dir;
}

/* "<fuzz_dir>/<name>", in a static buffer per call site's `out`. */
static void fuzz_path(char *out, size_t size, const char *name)
{
    if (snprintf(out, size, "%s/%s", fuzz_dir(), name) >= (int)size)
        fuzz_die("path too long");
}

/* Writes data into `path`, replacing it. */
static void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        fuzz_die(path);
    if (size > 0 && fwrite(data, 1, size, f) != size)
        fuzz_die("fwrite");
    if (fclose(f) != 0)
        fuzz_die("fclose");
}

/* The rules folder: $NDISLINT_RULES, else the one of the source tree. */
static const char *fuzz_rules_dir(void)
{
    const char *env = getenv("NDISLINT_RULES");
    if (env != NULL && env[0] != '\0')
        return env;
#ifdef NDISLINT_FUZZ_RULES_DIR
    return NDISLINT_FUZZ_RULES_DIR;
#else
    return "rules";
#endif
}

#endif
