/* source_input.c - rejects inputs that are not C sources before parsing. */
#include "source_input.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int source_input_check(const char *path, char *problem, size_t size)
{
    struct stat info;
    if (stat(path, &info) != 0) {
        snprintf(problem, size, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(info.st_mode)) {
        snprintf(problem, size, "is a directory, not a source file");
        return -1;
    }
    if (!S_ISREG(info.st_mode)) {
        snprintf(problem, size, "is not a regular file");
        return -1;
    }
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(problem, size, "cannot open: %s", strerror(errno));
        return -1;
    }
    /* A NUL byte never appears in a C source; it marks a binary file. */
    unsigned char buffer[65536];
    size_t got = 0;
    int result = 0;
    while (result == 0 && (got = fread(buffer, 1, sizeof(buffer), file)) > 0) {
        if (memchr(buffer, 0, got) != NULL) {
            snprintf(problem, size, "contains NUL bytes: not a C or C++ source");
            result = -1;
        }
    }
    if (result == 0 && ferror(file)) {
        snprintf(problem, size, "cannot read: %s", strerror(errno));
        result = -1;
    }
    fclose(file);
    return result;
}
