/*
 * parse_only.c - the physical limit for ndislint: libclang parses the
 * files with ndislint's own parser arguments and options, and nothing else
 * happens (no cursor walk, no facts, no rules, no output).
 *
 *   parse_only [-j N] [--check] [-v] --ndislint PATH FILE...
 *   parse_only [-j N] [--check] [-v] --args-file ARGS FILE...
 *   parse_only [-j N] [--check] [-v] FILE... -- CLANG ARGS...
 *   parse_only [-j N] [--check] [-v] --args-blocks LIST
 *   (any of these with --fork)
 *
 * The arguments come from `ndislint --print-clang-args FILE`, run for
 * every FILE before parsing starts (--ndislint), or from one saved output
 * of it whose last line (the file) is dropped and which then serves every
 * FILE (--args-file; right when all files share a folder), or from the
 * command line after `--`, or from LIST (--args-blocks): one saved output
 * of `ndislint --print-clang-args FILE [-- ARGS]` per file, blocks
 * separated by an empty line, the last line of each naming the file it
 * is for (for files whose arguments differ, with nothing run while
 * timing).
 *
 * Threads work as ndislint's do: -j N threads (default: one per
 * processor, never more than files), one CXIndex per thread, each taking
 * the next file from a shared counter; the first runs on the main thread.
 * The parse options are ndislint's (source_parse.c: parse_once):
 * KeepGoing | IgnoreNonErrorsFromIncludedFiles.
 *
 * --fork parses every file in a child process of its own with an index
 * of its own (up to N children at once, no threads), the way ndislint
 * isolates its parses: the difference from the default is the price of
 * that isolation, not of any analysis.
 *
 * --check counts the error diagnostics of every parse and fails if there
 * are any (for validating inputs; leave it off when timing). -v prints the
 * time spent parsing to standard error.
 */
#include <clang-c/Index.h>

#include <errno.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct Args {
    char **items;
    size_t count;
} Args;

typedef struct Work {
    char **files;
    size_t file_count;
    Args *args;          /* one per file, or a single shared one */
    int shared_args;
    int check;
    pthread_mutex_t lock;
    size_t next;
    size_t failures;     /* files that did not parse */
    size_t errors;       /* error diagnostics (with --check) */
} Work;

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size);
    if (q == NULL) {
        fprintf(stderr, "parse_only: out of memory\n");
        exit(2);
    }
    return q;
}

static void args_push(Args *a, const char *text, size_t length)
{
    a->items = xrealloc(a->items, (a->count + 1) * sizeof(*a->items));
    char *copy = xrealloc(NULL, length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    a->items[a->count++] = copy;
}

/* Splits `text` into lines (one argument each). */
static void args_from_lines(Args *a, const char *text, size_t size)
{
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i == size || text[i] == '\n') {
            if (i > start)
                args_push(a, text + start, i - start);
            start = i + 1;
        }
    }
}

static char *read_all(FILE *f, size_t *size)
{
    char *buffer = NULL;
    size_t length = 0;
    size_t capacity = 0;
    for (;;) {
        if (length + 4096 > capacity) {
            capacity = capacity ? capacity * 2 : 8192;
            buffer = xrealloc(buffer, capacity);
        }
        size_t got = fread(buffer + length, 1, capacity - length - 1, f);
        length += got;
        if (got == 0)
            break;
    }
    buffer[length] = '\0';
    *size = length;
    return buffer;
}

/* Drops the last argument, which --print-clang-args prints as the file. */
static int drop_file(Args *a, const char *expected)
{
    if (a->count == 0)
        return -1;
    if (expected != NULL && strcmp(a->items[a->count - 1], expected) != 0)
        return -1;
    free(a->items[--a->count]);
    return 0;
}

/* --args-blocks: one --print-clang-args output per file, separated by
 * empty lines; the last line of a block is its file. */
static int args_from_blocks(Work *w, const char *list)
{
    FILE *in = fopen(list, "r");
    if (in == NULL) {
        fprintf(stderr, "parse_only: cannot read %s: %s\n", list, strerror(errno));
        return -1;
    }
    size_t size = 0;
    char *text = read_all(in, &size);
    fclose(in);
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        int end = i == size || (text[i] == '\n' && (i + 1 == size || text[i + 1] == '\n'));
        if (!end)
            continue;
        Args a = {0};
        args_from_lines(&a, text + start, i - start);
        start = i + 1;
        if (a.count == 0)
            continue;
        w->files = xrealloc(w->files, (w->file_count + 1) * sizeof(*w->files));
        w->args = xrealloc(w->args, (w->file_count + 1) * sizeof(*w->args));
        w->files[w->file_count] = a.items[a.count - 1];
        a.count--;
        w->args[w->file_count++] = a;
    }
    free(text);
    if (w->file_count == 0) {
        fprintf(stderr, "parse_only: %s names no file\n", list);
        return -1;
    }
    return 0;
}

/* Runs `ndislint --print-clang-args FILE` and keeps its lines. */
static int args_from_ndislint(Args *a, const char *ndislint, const char *file)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipefd[0]);
    posix_spawn_file_actions_addclose(&actions, pipefd[1]);
    char *argv[] = {(char *)ndislint, "--print-clang-args", (char *)file, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, ndislint, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipefd[1]);
    if (rc != 0) {
        close(pipefd[0]);
        fprintf(stderr, "parse_only: cannot run %s: %s\n", ndislint, strerror(rc));
        return -1;
    }
    FILE *in = fdopen(pipefd[0], "r");
    size_t size = 0;
    char *text = read_all(in, &size);
    fclose(in);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "parse_only: %s --print-clang-args %s failed\n", ndislint, file);
        free(text);
        return -1;
    }
    args_from_lines(a, text, size);
    free(text);
    if (drop_file(a, file) != 0) {
        fprintf(stderr, "parse_only: unexpected --print-clang-args output for %s\n", file);
        return -1;
    }
    return 0;
}

static void parse_one(Work *w, CXIndex index, size_t i)
{
    const Args *a = w->shared_args ? &w->args[0] : &w->args[i];
    const unsigned options = CXTranslationUnit_KeepGoing |
                             CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    CXTranslationUnit tu = NULL;
    enum CXErrorCode code = clang_parseTranslationUnit2(
        index, w->files[i], (const char *const *)a->items, (int)a->count, NULL, 0,
        options, &tu);
    size_t errors = 0;
    if (w->check && tu != NULL) {
        unsigned n = clang_getNumDiagnostics(tu);
        for (unsigned d = 0; d < n; d++) {
            CXDiagnostic diag = clang_getDiagnostic(tu, d);
            if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error) {
                if (errors == 0) {
                    CXString text = clang_formatDiagnostic(diag, clang_defaultDiagnosticDisplayOptions());
                    fprintf(stderr, "%s\n", clang_getCString(text));
                    clang_disposeString(text);
                }
                errors++;
            }
            clang_disposeDiagnostic(diag);
        }
    }
    if (tu != NULL)
        clang_disposeTranslationUnit(tu);
    if (code != CXError_Success || tu == NULL || errors > 0) {
        pthread_mutex_lock(&w->lock);
        if (code != CXError_Success || tu == NULL) {
            fprintf(stderr, "parse_only: %s: the parser failed (%d)\n", w->files[i], (int)code);
            w->failures++;
        }
        w->errors += errors;
        pthread_mutex_unlock(&w->lock);
    }
}

static void *worker(void *data)
{
    Work *w = data;
    /* One index per thread, as ndislint does. */
    CXIndex index = clang_createIndex(0, 0);
    for (;;) {
        pthread_mutex_lock(&w->lock);
        size_t i = w->next++;
        pthread_mutex_unlock(&w->lock);
        if (i >= w->file_count)
            break;
        parse_one(w, index, i);
    }
    clang_disposeIndex(index);
    return NULL;
}

/* --fork: one child per file, at most `jobs` at once. */
static void run_forked(Work *w, long jobs)
{
    size_t active = 0;
    while (w->next < w->file_count || active > 0) {
        while ((long)active < jobs && w->next < w->file_count) {
            size_t i = w->next++;
            fflush(NULL);
            pid_t pid = fork();
            if (pid == 0) {
                CXIndex index = clang_createIndex(0, 0);
                parse_one(w, index, i);
                clang_disposeIndex(index);
                _exit(w->failures > 0 || w->errors > 0 ? 1 : 0);
            }
            if (pid < 0) {
                fprintf(stderr, "parse_only: fork: %s\n", strerror(errno));
                w->failures++;
                continue;
            }
            active++;
        }
        int status = 0;
        pid_t done = wait(&status);
        if (done < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        active--;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            w->failures++;
    }
}

static void usage(FILE *to)
{
    fprintf(to,
            "usage: parse_only [-j N] [--fork] [--check] [-v] --ndislint PATH FILE...\n"
            "       parse_only [-j N] [--fork] [--check] [-v] --args-file ARGS FILE...\n"
            "       parse_only [-j N] [--fork] [--check] [-v] FILE... -- CLANG ARGS...\n"
            "       parse_only [-j N] [--fork] [--check] [-v] --args-blocks LIST\n"
            "Parses FILEs with libclang exactly as ndislint does, and does nothing else.\n"
            "  --ndislint PATH   take each file's arguments from PATH --print-clang-args FILE\n"
            "  --args-file ARGS  a saved --print-clang-args output (its last line, the\n"
            "                    file, is dropped), used for every FILE\n"
            "  --args-blocks LIST  one --print-clang-args output per file, separated\n"
            "                    by empty lines; the last line of each is the file\n"
            "  -j N              parse N files at once (default: one per processor)\n"
            "  --fork            parse each file in a child process of its own\n"
            "  --check           report error diagnostics and fail on any\n"
            "  -v                print the parsing time to standard error\n");
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *ndislint = NULL;
    const char *args_file = NULL;
    const char *args_blocks = NULL;
    long jobs = 0;
    int verbose = 0;
    int forked = 0;
    Work w;
    memset(&w, 0, sizeof(w));
    w.files = xrealloc(NULL, (size_t)argc * sizeof(*w.files));
    Args command_line = {0};
    int have_command_line = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (int k = i + 1; k < argc; k++)
                args_push(&command_line, argv[k], strlen(argv[k]));
            have_command_line = 1;
            break;
        } else if (strcmp(a, "-j") == 0 && i + 1 < argc) {
            jobs = strtol(argv[++i], NULL, 10);
        } else if (strncmp(a, "-j", 2) == 0 && a[2] != '\0') {
            jobs = strtol(a + 2, NULL, 10);
        } else if (strncmp(a, "--jobs=", 7) == 0) {
            jobs = strtol(a + 7, NULL, 10);
        } else if (strcmp(a, "--ndislint") == 0 && i + 1 < argc) {
            ndislint = argv[++i];
        } else if (strcmp(a, "--args-file") == 0 && i + 1 < argc) {
            args_file = argv[++i];
        } else if (strcmp(a, "--args-blocks") == 0 && i + 1 < argc) {
            args_blocks = argv[++i];
        } else if (strcmp(a, "--fork") == 0) {
            forked = 1;
        } else if (strcmp(a, "--check") == 0) {
            w.check = 1;
        } else if (strcmp(a, "-v") == 0) {
            verbose = 1;
        } else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-') {
            fprintf(stderr, "parse_only: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else {
            w.files[w.file_count++] = argv[i];
        }
    }
    if (args_blocks != NULL) {
        /* The files come from the list, with their arguments. */
        if (w.file_count != 0 || jobs < 0 || ndislint != NULL || args_file != NULL ||
            have_command_line) {
            usage(stderr);
            return 2;
        }
        free(w.files);
        w.files = NULL;
        if (args_from_blocks(&w, args_blocks) != 0)
            return 2;
    } else if (w.file_count == 0 || jobs < 0 ||
               (ndislint != NULL) + (args_file != NULL) + have_command_line != 1) {
        usage(stderr);
        return 2;
    }

    if (args_blocks != NULL) {
        /* Read above. */
    } else if (ndislint != NULL) {
        w.args = xrealloc(NULL, w.file_count * sizeof(*w.args));
        memset(w.args, 0, w.file_count * sizeof(*w.args));
        double t0 = now_seconds();
        for (size_t i = 0; i < w.file_count; i++) {
            if (args_from_ndislint(&w.args[i], ndislint, w.files[i]) != 0)
                return 2;
        }
        if (verbose)
            fprintf(stderr, "parse_only: arguments of %zu files in %.3f s\n", w.file_count,
                    now_seconds() - t0);
    } else if (args_file != NULL) {
        FILE *in = fopen(args_file, "r");
        if (in == NULL) {
            fprintf(stderr, "parse_only: cannot read %s: %s\n", args_file, strerror(errno));
            return 2;
        }
        size_t size = 0;
        char *text = read_all(in, &size);
        fclose(in);
        w.args = xrealloc(NULL, sizeof(*w.args));
        memset(w.args, 0, sizeof(*w.args));
        args_from_lines(&w.args[0], text, size);
        free(text);
        if (drop_file(&w.args[0], NULL) != 0) {
            fprintf(stderr, "parse_only: %s is empty\n", args_file);
            return 2;
        }
        w.shared_args = 1;
    } else {
        w.args = xrealloc(NULL, sizeof(*w.args));
        w.args[0] = command_line;
        w.shared_args = 1;
    }

    if (jobs == 0) {
        long processors = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = processors > 0 ? processors : 1;
    }
    if ((size_t)jobs > w.file_count)
        jobs = (long)w.file_count;
    pthread_mutex_init(&w.lock, NULL);
    pthread_t *threads = xrealloc(NULL, (size_t)jobs * sizeof(*threads));
    int *running = xrealloc(NULL, (size_t)jobs * sizeof(*running));
    double t0 = now_seconds();
    if (forked) {
        run_forked(&w, jobs);
    } else {
        for (long t = 1; t < jobs; t++)
            running[t] = pthread_create(&threads[t], NULL, worker, &w) == 0;
        worker(&w);
        for (long t = 1; t < jobs; t++) {
            if (running[t])
                pthread_join(threads[t], NULL);
        }
    }
    if (verbose)
        fprintf(stderr, "parse_only: %zu files, %ld %s, %.3f s parsing\n", w.file_count,
                jobs, forked ? "processes" : "threads", now_seconds() - t0);
    if (w.check)
        fprintf(stderr, "parse_only: %zu files, %zu error diagnostics, %zu failed\n",
                w.file_count, w.errors, w.failures);
    pthread_mutex_destroy(&w.lock);
    free(threads);
    free(running);
    return w.failures > 0 || w.errors > 0 ? 1 : 0;
}
