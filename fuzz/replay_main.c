/* replay_main.c - a main() for the libFuzzer harnesses without libFuzzer.
 *
 *   replay_HARNESS FILE|FOLDER...
 *
 * Linked with one harness (fuzz_*.c), it hands each FILE, and each regular
 * file directly inside a FOLDER (sorted by name), to the harness's
 * LLVMFuzzerTestOneInput, once, in the order given, the way
 * `fuzz_HARNESS FILE...` replays inputs. No harness defines
 * LLVMFuzzerInitialize, so none is called. The copy handed over is a
 * buffer of exactly the file's size, so that AddressSanitizer sees a read
 * past the end of the input.
 *
 * tests/fuzz/CMakeLists.txt builds one per harness with the compiler and
 * flags of the main build (gcc, and the sanitizers in build-asan) and
 * replays fuzz/crashes/ and the seeds with them.
 *
 * Exit: 0 when every input ran (a crash or a sanitizer report ends the
 * process before that), 2 when an argument cannot be read or names no
 * input at all.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t replayed;

/* Reads `path` whole and runs it; 0, or -1 when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    uint8_t *data = NULL;
    size_t size = 0, capacity = 0;
    for (;;) {
        if (size == capacity) {
            capacity = capacity ? capacity * 2 : 65536;
            uint8_t *grown = realloc(data, capacity);
            if (grown == NULL) {
                fprintf(stderr, "replay: %s: out of memory\n", path);
                free(data);
                fclose(f);
                return -1;
            }
            data = grown;
        }
        size_t n = fread(data + size, 1, capacity - size, f);
        size += n;
        if (n == 0)
            break;
    }
    int read_error = ferror(f);
    fclose(f);
    if (read_error) {
        fprintf(stderr, "replay: %s: read error\n", path);
        free(data);
        return -1;
    }
    /* Exactly `size` bytes; never a null pointer, as with libFuzzer. */
    static uint8_t empty[1];
    uint8_t *input = malloc(size);
    if (input == NULL && size > 0) {
        fprintf(stderr, "replay: %s: out of memory\n", path);
        free(data);
        return -1;
    }
    if (size > 0)
        memcpy(input, data, size);
    free(data);

    fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    fflush(stderr);
    (void)LLVMFuzzerTestOneInput(input != NULL ? input : empty, size);
    free(input);
    replayed++;
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file directly inside `dir`, sorted by name. */
static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **paths = NULL;
    size_t count = 0, capacity = 0;
    int status = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' &&
            (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
            continue;
        size_t length = strlen(dir) + 1 + strlen(e->d_name) + 1;
        char *path = malloc(length);
        if (path == NULL) {
            status = -1;
            break;
        }
        snprintf(path, length, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            char **grown = realloc(paths, capacity * sizeof(*paths));
            if (grown == NULL) {
                free(path);
                status = -1;
                break;
            }
            paths = grown;
        }
        paths[count++] = path;
    }
    closedir(d);
    if (status != 0)
        fprintf(stderr, "replay: %s: out of memory\n", dir);
    if (count > 0)
        qsort(paths, count, sizeof(*paths), compare_names);
    for (size_t i = 0; i < count; i++) {
        if (status == 0 && replay_file(paths[i]) != 0)
            status = -1;
        free(paths[i]);
    }
    free(paths);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 2;
        }
        int rc = S_ISDIR(st.st_mode) ? replay_dir(argv[i]) : replay_file(argv[i]);
        if (rc != 0)
            return 2;
    }
    if (replayed == 0) {
        fprintf(stderr, "replay: no input\n");
        return 2;
    }
    fprintf(stderr, "replay: %zu inputs, all done\n", replayed);
    return 0;
}
