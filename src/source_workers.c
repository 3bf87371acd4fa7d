/* source_workers.c - a pool of parsing processes; see source_workers.h.
 *
 * The workers are forked before any facts are read back, while the parent
 * is still small, and each parses file after file with one index of its
 * own. The parent hands out one file at a time (a job number on a pipe)
 * and reads each result back (its length, then the record of
 * facts_wire.h). A worker that overruns the time limit is killed, one that
 * dies is mourned, and either is replaced; its file is reported as not
 * analysed.
 */
#include "source_workers.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "facts_wire.h"
#include "source_input.h"
#include "source_parse.h"
#include "memory.h"

/* What one file gave. */
typedef struct JobResult {
    bool done;
    int status;                  /* source_parse_file's, or -1 */
    TranslationFacts unit;
    ToolMessageList messages;
} JobResult;

enum { NO_JOB = SIZE_MAX };

/* One worker process, seen from the parent. */
typedef struct Worker {
    pid_t pid;
    int to_worker;               /* job numbers */
    int from_worker;             /* results */
    size_t job;                  /* the file it is parsing, or NO_JOB */
    double started;
    unsigned char *data;         /* the result read so far */
    size_t size;
    size_t capacity;
} Worker;

/* Everything the workers and the parent share, fixed before forking. */
typedef struct Pool {
    const SourcePlan *plan;
    const ParseSettings *base;
    const WorkerSettings *settings;
    Driver *driver;
    JobResult *results;
    Worker *workers;
    unsigned count;
    size_t *order;   /* the jobs, largest file first */
} Pool;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool write_all(int fd, const void *bytes, size_t size)
{
    const unsigned char *data = bytes;
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

static bool read_all(int fd, void *bytes, size_t size)
{
    unsigned char *data = bytes;
    while (size > 0) {
        ssize_t n = read(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= (size_t)n;
    }
    return true;
}

/* ---- the worker side ---------------------------------------------------- */

/* Parses job `job` and sends its record. False when the parent is gone. */
static bool work_on(const Pool *pool, SourceParser *parser, Driver *driver, size_t job,
                    int out)
{
    const char *file = pool->plan->jobs[job].file;
    ParseSettings settings = *pool->base;
    const CompileEntry *entry = pool->plan->jobs[job].entry;
    if (entry != NULL) {
        settings.entry_args = entry->args.items;
        settings.entry_arg_count = entry->args.count;
    }
    Arena arena;
    arena_init(&arena);
    TranslationFacts unit;
    memset(&unit, 0, sizeof(unit));
    ToolMessageList messages = {0};
    int status = -1;
    if (parser != NULL) {
        ArgList args = {0};
        source_args_build(&settings, file, &args);
        source_parser_set_job(parser, job);
        status = source_parse_file(parser, driver, &arena, file, &args, &unit, &messages);
        arg_list_free(&args);
    }
    unsigned char *data = NULL;
    size_t size = 0;
    bool sent = false;
    if (wire_write(status, &unit, &messages, &data, &size) == 0) {
        uint64_t length = size;
        sent = write_all(out, &length, sizeof(length)) && write_all(out, data, size);
    }
    free(data);
    tool_message_list_free(&messages);
    arena_free(&arena);
    return sent;
}

/* The address space this process already holds (what it was forked
 * with), from /proc/self/statm; 0 when it cannot be read. */
static size_t address_space_in_use(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return 0;
    unsigned long pages = 0;
    if (fscanf(f, "%lu", &pages) != 1)
        pages = 0;
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)pages * (size_t)page : 0;
}

static void worker_main(const Pool *pool, int in, int out)
{
#ifndef NDISLINT_SANITIZE
    /* The sanitizers reserve more address space than any limit allows.
     * The limit is what a file's parse may add to what the worker was
     * forked with: a worker forked late, from a parent holding a whole
     * driver's facts, gets the same room as one forked at the start. */
    size_t memory = pool->settings->memory_bytes;
    if (memory > 0) {
        size_t total = address_space_in_use() + memory;
        struct rlimit limit = {total, total};
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
    SourceParser *parser = source_parser_new(pool->base->empty_file);
    uint32_t job = 0;
    while (read_all(in, &job, sizeof(job)) && job < pool->plan->count) {
        if (!work_on(pool, parser, &driver, job, out))
            break;
    }
    _exit(0);
}

/* ---- the parent side ---------------------------------------------------- */

/* Starts worker `w`; false when no process could be made. */
static bool spawn(Pool *pool, Worker *w)
{
    int to_worker[2];
    int from_worker[2];
    memset(w, 0, sizeof(*w));
    w->pid = -1;
    w->job = NO_JOB;
    if (pipe(to_worker) != 0)
        return false;
    if (pipe(from_worker) != 0) {
        close(to_worker[0]);
        close(to_worker[1]);
        return false;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(to_worker[1]);
        close(from_worker[0]);
        /* Pipes of the other workers are not this one's business. */
        for (unsigned i = 0; i < pool->count; i++) {
            if (&pool->workers[i] != w && pool->workers[i].pid > 0) {
                close(pool->workers[i].to_worker);
                close(pool->workers[i].from_worker);
            }
        }
        worker_main(pool, to_worker[0], from_worker[1]);
    }
    close(to_worker[0]);
    close(from_worker[1]);
    if (pid < 0) {
        close(to_worker[1]);
        close(from_worker[0]);
        return false;
    }
    w->pid = pid;
    w->to_worker = to_worker[1];
    w->from_worker = from_worker[0];
    fcntl(w->from_worker, F_SETFL, O_NONBLOCK);
    return true;
}

static void retire(Worker *w, bool kill_it)
{
    if (w->pid <= 0)
        return;
    if (kill_it)
        kill(w->pid, SIGKILL);
    close(w->to_worker);
    close(w->from_worker);
    while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    free(w->data);
    w->data = NULL;
    w->pid = -1;
}

static SourceLoc file_loc(Pool *pool, size_t job)
{
    const char *file = pool->plan->jobs[job].file;
    char resolved[PATH_MAX];
    const char *shown = realpath(file, resolved) != NULL ? resolved : file;
    SourceLoc loc = {driver_intern_path(pool->driver, shown), 0, 0};
    return loc;
}

static void fail_job(Pool *pool, size_t job, const char *text)
{
    JobResult *result = &pool->results[job];
    tool_message_add(&result->messages, LEVEL_ERROR, file_loc(pool, job), "%s", text);
    result->done = true;
    result->status = -1;
}

/* Hands the next file to an idle worker; false when none is left. */
static bool assign(Pool *pool, Worker *w, size_t *next)
{
    while (*next < pool->plan->count) {
        size_t job = pool->order[(*next)++];
        const char *file = pool->plan->jobs[job].file;
        if (pool->settings->progress)
            fprintf(stderr, "[%zu/%zu] %s\n", *next, pool->plan->count, file);
        char problem[256];
        if (source_input_check(file, problem, sizeof(problem)) != 0) {
            tool_message_add(&pool->results[job].messages, LEVEL_ERROR, file_loc(pool, job),
                             "%s; not analysed", problem);
            pool->results[job].done = true;
            pool->results[job].status = -1;
            continue;
        }
        uint32_t number = (uint32_t)job;
        w->job = job;
        w->started = now_seconds();
        w->size = 0;
        if (!write_all(w->to_worker, &number, sizeof(number))) {
            fail_job(pool, job, "not analysed: the parsing process was lost");
            w->job = NO_JOB;
            return false;
        }
        return true;
    }
    return false;
}

/* Reads what the worker sent; true once its whole record is there. */
static bool collect(Worker *w, bool *ended)
{
    for (;;) {
        if (w->capacity - w->size < 65536) {
            size_t capacity = w->capacity ? w->capacity * 2 : 262144;
            unsigned char *grown = realloc(w->data, capacity);
            if (grown == NULL)
                out_of_memory();
            w->data = grown;
            w->capacity = capacity;
        }
        ssize_t n = read(w->from_worker, w->data + w->size, w->capacity - w->size);
        if (n > 0) {
            w->size += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        *ended = !(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
        break;
    }
    uint64_t length = 0;
    if (w->size < sizeof(length))
        return false;
    memcpy(&length, w->data, sizeof(length));
    return w->size - sizeof(length) >= length;
}

static void accept_result(Pool *pool, Worker *w)
{
    JobResult *result = &pool->results[w->job];
    uint64_t length = 0;
    memcpy(&length, w->data, sizeof(length));
    if (wire_read(w->data + sizeof(length), (size_t)length, pool->driver, &pool->driver->arena,
                  &result->status, &result->unit, &result->messages) == 0)
        result->done = true;
    else
        fail_job(pool, w->job, "not analysed: the parser's results were damaged");
    w->job = NO_JOB;
    w->size = 0;
}

static int poll_timeout_ms(const Pool *pool)
{
    unsigned timeout = pool->settings->timeout_seconds;
    if (timeout == 0)
        return -1;
    double now = now_seconds();
    double soonest = -1;
    for (unsigned i = 0; i < pool->count; i++) {
        const Worker *w = &pool->workers[i];
        if (w->pid <= 0 || w->job == NO_JOB)
            continue;
        double left = w->started + timeout - now;
        if (soonest < 0 || left < soonest)
            soonest = left;
    }
    if (soonest < 0)
        return -1;
    return soonest <= 0 ? 0 : (int)(soonest * 1000) + 1;
}

/* Deals with a worker whose file took too long or who died mid-file. */
static void replace(Pool *pool, Worker *w, bool timed_out)
{
    size_t job = w->job;
    retire(w, true);
    char text[256];
    if (timed_out)
        snprintf(text, sizeof(text),
                 "not analysed: parsing took longer than the limit of %u s (--file-timeout)",
                 pool->settings->timeout_seconds);
    else
        snprintf(text, sizeof(text),
                 "not analysed: the parser stopped on this file; it may have needed more "
                 "than the memory limit of %zu MiB (--file-memory)",
                 pool->settings->memory_bytes >> 20);
    fail_job(pool, job, text);
    spawn(pool, w);
}

static void run_pool(Pool *pool)
{
    struct pollfd *polls = calloc(pool->count, sizeof(*polls));
    Worker **polled = calloc(pool->count, sizeof(*polled));
    if (polls == NULL || polled == NULL)
        out_of_memory();
    size_t next = 0;
    for (;;) {
        size_t busy = 0;
        for (unsigned i = 0; i < pool->count; i++) {
            Worker *w = &pool->workers[i];
            if (w->pid > 0 && w->job == NO_JOB)
                assign(pool, w, &next);
            if (w->pid > 0 && w->job != NO_JOB) {
                polls[busy].fd = w->from_worker;
                polls[busy].events = POLLIN;
                polls[busy].revents = 0;
                polled[busy++] = w;
            }
        }
        if (busy == 0)
            break;
        if (poll(polls, busy, poll_timeout_ms(pool)) < 0 && errno != EINTR)
            break;
        double now = now_seconds();
        for (size_t i = 0; i < busy; i++) {
            Worker *w = polled[i];
            bool ended = false;
            if (polls[i].revents != 0 && collect(w, &ended)) {
                accept_result(pool, w);
                continue;
            }
            unsigned timeout = pool->settings->timeout_seconds;
            if (ended)
                replace(pool, w, false);
            else if (timeout > 0 && now - w->started > timeout)
                replace(pool, w, true);
        }
    }
    /* Files no worker could take (none could be started). */
    for (; next < pool->plan->count; next++)
        fail_job(pool, pool->order[next], "not analysed: no parsing process could be started");
    free(polls);
    free(polled);
}

typedef struct SizedJob {
    size_t job;
    off_t size;
} SizedJob;

static int larger_first(const void *a, const void *b)
{
    const SizedJob *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->job < y->job ? -1 : x->job > y->job;
}

/* The jobs in the order they are handed out: the largest files first, so
 * that the last to finish is a small one and the processes end together
 * (results are kept in the order of the plan whatever the order of work). */
static size_t *job_order(const SourcePlan *plan)
{
    SizedJob *sized = checked_alloc(calloc(plan->count + 1, sizeof(*sized)));
    for (size_t i = 0; i < plan->count; i++) {
        struct stat info;
        sized[i].job = i;
        sized[i].size = stat(plan->jobs[i].file, &info) == 0 ? info.st_size : 0;
    }
    qsort(sized, plan->count, sizeof(*sized), larger_first);
    size_t *order = checked_alloc(calloc(plan->count + 1, sizeof(*order)));
    for (size_t i = 0; i < plan->count; i++)
        order[i] = sized[i].job;
    free(sized);
    return order;
}

/* Runs every job of `plan`; pool.results holds what each gave. */
static void run_jobs(Pool *pool_out, const SourcePlan *plan, const ParseSettings *base,
                     const WorkerSettings *settings, Driver *driver)
{
    Pool pool;
    memset(&pool, 0, sizeof(pool));
    pool.plan = plan;
    pool.base = base;
    pool.settings = settings;
    pool.driver = driver;
    pool.count = settings->jobs > 0 ? settings->jobs : 1;
    pool.results = calloc(plan->count + 1, sizeof(*pool.results));
    pool.workers = calloc(pool.count, sizeof(*pool.workers));
    if (pool.results == NULL || pool.workers == NULL)
        out_of_memory();
    /* A worker writing to a parent that has gone must not kill it. */
    signal(SIGPIPE, SIG_IGN);
    for (unsigned i = 0; i < pool.count; i++) {
        pool.workers[i].pid = -1;
        spawn(&pool, &pool.workers[i]);
    }
    pool.order = job_order(plan);
    run_pool(&pool);
    for (unsigned i = 0; i < pool.count; i++)
        retire(&pool.workers[i], false);
    free(pool.workers);
    pool.workers = NULL;
    free(pool.order);
    pool.order = NULL;
    *pool_out = pool;
}

/* Messages with a place already said, found by hash, and how many files
 * said each: one error in a shared header is reported once, with the
 * number of files it was met in. */
typedef struct SeenMessages {
    size_t *slots;     /* index + 1 into the message list; 0 is empty */
    size_t slot_count;
    size_t *files;     /* per message of the list: files that said it */
    size_t first;      /* messages before this one were there already */
    size_t capacity;
} SeenMessages;

static size_t message_hash(const ToolMessage *m)
{
    size_t h = (size_t)(uintptr_t)m->loc.file * 31u + m->loc.line * 131u + m->loc.col +
               (size_t)m->level * 7u;
    for (const char *p = m->message; *p != '\0'; p++)
        h = h * 33u + (unsigned char)*p;
    return h;
}

static bool same_message(const ToolMessage *a, const ToolMessage *b)
{
    return a->level == b->level && a->loc.file == b->loc.file && a->loc.line == b->loc.line &&
           a->loc.col == b->loc.col && strcmp(a->message, b->message) == 0;
}

static void seen_init(SeenMessages *seen, size_t first)
{
    memset(seen, 0, sizeof(*seen));
    seen->first = first;
}

static void seen_grow(SeenMessages *seen, const ToolMessageList *messages)
{
    size_t count = 0;
    for (size_t i = 0; i < seen->slot_count; i++)
        count += seen->slots[i] != 0;
    if (seen->slot_count > 0 && (count + 1) * 2 < seen->slot_count)
        return;
    size_t slot_count = seen->slot_count ? seen->slot_count * 2 : 256;
    size_t *slots = calloc(slot_count, sizeof(*slots));
    if (slots == NULL)
        out_of_memory();
    for (size_t i = 0; i < seen->slot_count; i++) {
        size_t index = seen->slots[i];
        if (index == 0)
            continue;
        size_t h = message_hash(&messages->items[index - 1]) % slot_count;
        while (slots[h] != 0)
            h = (h + 1) % slot_count;
        slots[h] = index;
    }
    free(seen->slots);
    seen->slots = slots;
    seen->slot_count = slot_count;
}

/* Counts `m` for the message already in `messages` that says the same, if
 * there is one. */
static bool seen_again(SeenMessages *seen, const ToolMessageList *messages, const ToolMessage *m)
{
    if (seen->slot_count == 0)
        return false;
    size_t h = message_hash(m) % seen->slot_count;
    for (; seen->slots[h] != 0; h = (h + 1) % seen->slot_count) {
        size_t index = seen->slots[h] - 1;
        if (same_message(&messages->items[index], m)) {
            seen->files[index]++;
            return true;
        }
    }
    return false;
}

static void seen_add(SeenMessages *seen, const ToolMessageList *messages, size_t index)
{
    if (index >= seen->capacity) {
        size_t capacity = seen->capacity ? seen->capacity * 2 : 256;
        while (capacity <= index)
            capacity *= 2;
        size_t *files = realloc(seen->files, capacity * sizeof(*files));
        if (files == NULL)
            out_of_memory();
        memset(files + seen->capacity, 0, (capacity - seen->capacity) * sizeof(*files));
        seen->files = files;
        seen->capacity = capacity;
    }
    seen->files[index] = 1;
    seen_grow(seen, messages);
    size_t h = message_hash(&messages->items[index]) % seen->slot_count;
    while (seen->slots[h] != 0)
        h = (h + 1) % seen->slot_count;
    seen->slots[h] = index + 1;
}

/* Says in how many files each repeated message was met. */
static void seen_finish(SeenMessages *seen, ToolMessageList *messages)
{
    for (size_t i = seen->first; i < messages->count && i < seen->capacity; i++) {
        if (seen->files[i] <= 1)
            continue;
        ToolMessage *m = &messages->items[i];
        size_t length = strlen(m->message) + 48;
        char *text = malloc(length);
        if (text == NULL)
            out_of_memory();
        snprintf(text, length, "%s (in %zu files)", m->message, seen->files[i]);
        free(m->message);
        m->message = text;
    }
    free(seen->slots);
    free(seen->files);
}

size_t source_workers_run(const SourcePlan *plan, const ParseSettings *base,
                          const WorkerSettings *settings, Driver *driver,
                          ToolMessageList *messages)
{
    Pool pool;
    run_jobs(&pool, plan, base, settings, driver);
    size_t failed = 0;
    SeenMessages seen;
    seen_init(&seen, messages->count);
    for (size_t i = 0; i < plan->count; i++) {
        JobResult *result = &pool.results[i];
        for (size_t m = 0; m < result->messages.count; m++) {
            const ToolMessage *msg = &result->messages.items[m];
            /* An error in a header many files include is said once. */
            if (msg->loc.file != NULL && msg->loc.line > 0 && seen_again(&seen, messages, msg))
                continue;
            tool_message_add(messages, msg->level, msg->loc, "%s", msg->message);
            if (msg->loc.file != NULL && msg->loc.line > 0)
                seen_add(&seen, messages, messages->count - 1);
        }
        tool_message_list_free(&result->messages);
        if (!result->done || result->status != 0)
            failed++;
        if (result->done && result->status >= 0) {
            driver_append_unit(driver, &result->unit);
        }
    }
    free(pool.results);
    seen_finish(&seen, messages);
    return failed;
}
