/* source_workers.c - one child process per file; see source_workers.h. */
#include "source_workers.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "facts_wire.h"
#include "source_input.h"
#include "source_parse.h"

/* What one file gave. */
typedef struct JobResult {
    bool done;
    int status;                  /* source_parse_file's, or -1 */
    TranslationFacts unit;
    ToolMessageList messages;
} JobResult;

/* A child at work. */
typedef struct Running {
    size_t job;
    pid_t pid;
    int fd;
    unsigned char *data;
    size_t size;
    size_t capacity;
    double started;
    bool timed_out;
} Running;

static void out_of_memory(void)
{
    fprintf(stderr, "ndislint: out of memory\n");
    abort();
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool write_all(int fd, const unsigned char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= (size_t)n;
    }
    return true;
}

/* The child: parse, send the facts, leave without running any cleanup
 * the parent owns. */
static void child_main(const char *file, unsigned index, const ParseSettings *settings,
                       const WorkerSettings *limits, int fd)
{
#ifndef NDISLINT_SANITIZE
    if (limits->memory_bytes > 0) {
        struct rlimit limit = {limits->memory_bytes, limits->memory_bytes};
        setrlimit(RLIMIT_AS, &limit);
    }
#endif
    /* The parser's own crash reports are not ours to show. */
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
        dup2(devnull, STDERR_FILENO);
        close(devnull);
    }
    Driver driver;
    driver_init(&driver);
    Arena arena;
    arena_init(&arena);
    TranslationFacts unit;
    memset(&unit, 0, sizeof(unit));
    ToolMessageList messages = {0};
    int status = -1;
    SourceParser *parser = source_parser_new();
    if (parser != NULL) {
        ArgList args = {0};
        source_args_build(settings, file, &args);
        status = source_parse_file(parser, &driver, &arena, index, file, &args, &unit,
                                   &messages);
        arg_list_free(&args);
    }
    unsigned char *data = NULL;
    size_t size = 0;
    bool sent = wire_write(status, &unit, &messages, &data, &size) == 0 &&
                write_all(fd, data, size);
    _exit(sent ? 0 : 3);
}

static void start(Running *slot, size_t job, const char *file, const ParseSettings *base,
                  const CompileEntry *entry, const WorkerSettings *limits)
{
    memset(slot, 0, sizeof(*slot));
    slot->job = job;
    slot->fd = -1;
    slot->pid = -1;
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0)
        return;
    ParseSettings settings = *base;
    if (entry != NULL) {
        settings.entry_args = entry->args.items;
        settings.entry_arg_count = entry->args.count;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(pipe_fds[0]);
        child_main(file, (unsigned)job, &settings, limits, pipe_fds[1]);
    }
    close(pipe_fds[1]);
    if (pid < 0) {
        close(pipe_fds[0]);
        return;
    }
    slot->pid = pid;
    slot->fd = pipe_fds[0];
    slot->started = now_seconds();
}

/* Reads what is there; returns false at the end of the child's output. */
static bool drain(Running *slot)
{
    for (;;) {
        if (slot->capacity - slot->size < 65536) {
            size_t capacity = slot->capacity ? slot->capacity * 2 : 262144;
            unsigned char *grown = realloc(slot->data, capacity);
            if (grown == NULL)
                out_of_memory();
            slot->data = grown;
            slot->capacity = capacity;
        }
        ssize_t n = read(slot->fd, slot->data + slot->size, slot->capacity - slot->size);
        if (n > 0) {
            slot->size += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        return false;
    }
}

static void finish(Running *slot, const char *file, const WorkerSettings *limits,
                   Driver *driver, JobResult *result)
{
    int wait_status = 0;
    while (waitpid(slot->pid, &wait_status, 0) < 0 && errno == EINTR)
        ;
    close(slot->fd);
    result->done = true;
    result->status = -1;
    char resolved[PATH_MAX];
    const char *shown = realpath(file, resolved) != NULL ? resolved : file;
    SourceLoc loc = {driver_intern_path(driver, shown), 0, 0};
    bool exited = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
    if (exited && wire_read(slot->data, slot->size, driver, &driver->arena, &result->status,
                            &result->unit, &result->messages) == 0) {
        free(slot->data);
        return;
    }
    free(slot->data);
    if (slot->timed_out)
        tool_message_add(&result->messages, LEVEL_ERROR, loc,
                         "not analysed: parsing took longer than the limit of %u s "
                         "(--file-timeout)", limits->timeout_seconds);
    else if (WIFSIGNALED(wait_status))
        tool_message_add(&result->messages, LEVEL_ERROR, loc,
                         "not analysed: the parser stopped on this file (signal %d); "
                         "it may have needed more than the memory limit of %zu MiB "
                         "(--file-memory)",
                         WTERMSIG(wait_status), limits->memory_bytes >> 20);
    else
        tool_message_add(&result->messages, LEVEL_ERROR, loc,
                         "not analysed: the parser could not finish this file "
                         "(it may have needed more than the memory limit of %zu MiB, "
                         "--file-memory)", limits->memory_bytes >> 20);
}

static int poll_timeout_ms(const Running *running, size_t count, unsigned timeout)
{
    if (timeout == 0)
        return -1;
    double now = now_seconds();
    double soonest = -1;
    for (size_t i = 0; i < count; i++) {
        double left = running[i].started + timeout - now;
        if (soonest < 0 || left < soonest)
            soonest = left;
    }
    if (soonest <= 0)
        return 0;
    return (int)(soonest * 1000) + 1;
}

size_t source_workers_run(const SourcePlan *plan, const ParseSettings *base,
                          const WorkerSettings *settings, Driver *driver,
                          ToolMessageList *messages)
{
    JobResult *results = calloc(plan->count + 1, sizeof(*results));
    unsigned jobs = settings->jobs > 0 ? settings->jobs : 1;
    Running *running = calloc(jobs, sizeof(*running));
    struct pollfd *polls = calloc(jobs, sizeof(*polls));
    if (results == NULL || running == NULL || polls == NULL)
        out_of_memory();
    size_t active = 0;
    size_t next = 0;
    while (next < plan->count || active > 0) {
        while (active < jobs && next < plan->count) {
            size_t job = next++;
            const char *file = plan->jobs[job].file;
            if (settings->progress)
                fprintf(stderr, "[%zu/%zu] %s\n", job + 1, plan->count, file);
            char problem[256];
            if (source_input_check(file, problem, sizeof(problem)) != 0) {
                char resolved[PATH_MAX];
                const char *shown = realpath(file, resolved) != NULL ? resolved : file;
                tool_message_add(&results[job].messages, LEVEL_ERROR,
                                 (SourceLoc){driver_intern_path(driver, shown), 0, 0},
                                 "%s; not analysed", problem);
                results[job].done = true;
                results[job].status = -1;
                continue;
            }
            start(&running[active], job, file, base, plan->jobs[job].entry, settings);
            if (running[active].pid < 0) {
                tool_message_add(&results[job].messages, LEVEL_ERROR,
                                 (SourceLoc){driver_intern_path(driver, file), 0, 0},
                                 "not analysed: no process could be started for it (%s)",
                                 strerror(errno));
                results[job].done = true;
                results[job].status = -1;
                continue;
            }
            fcntl(running[active].fd, F_SETFL, O_NONBLOCK);
            active++;
        }
        if (active == 0)
            continue;
        for (size_t i = 0; i < active; i++) {
            polls[i].fd = running[i].fd;
            polls[i].events = POLLIN;
            polls[i].revents = 0;
        }
        int ready = poll(polls, active, poll_timeout_ms(running, active,
                                                        settings->timeout_seconds));
        if (ready < 0 && errno != EINTR)
            break;
        double now = now_seconds();
        for (size_t i = 0; i < active;) {
            Running *slot = &running[i];
            bool ended = false;
            if (polls[i].revents != 0)
                ended = !drain(slot);
            if (!ended && settings->timeout_seconds > 0 &&
                now - slot->started > settings->timeout_seconds) {
                kill(slot->pid, SIGKILL);
                slot->timed_out = true;
                ended = true;
            }
            if (!ended) {
                i++;
                continue;
            }
            finish(slot, plan->jobs[slot->job].file, settings, driver, &results[slot->job]);
            /* Keep the running slots packed. */
            running[i] = running[active - 1];
            polls[i] = polls[active - 1];
            active--;
        }
    }
    size_t failed = 0;
    for (size_t i = 0; i < plan->count; i++) {
        JobResult *result = &results[i];
        for (size_t m = 0; m < result->messages.count; m++) {
            const ToolMessage *msg = &result->messages.items[m];
            tool_message_add(messages, msg->level, msg->loc, "%s", msg->message);
        }
        tool_message_list_free(&result->messages);
        if (!result->done || result->status != 0)
            failed++;
        if (result->done && result->status >= 0)
            driver_append_unit(driver, &result->unit);
    }
    free(polls);
    free(running);
    free(results);
    return failed;
}
