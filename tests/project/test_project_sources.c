/* test_project_sources.c - the WDK build utility's `sources` and `dirs`
 * files read into sources and arguments (src/project_sources.c).
 *
 * FIXTURE_DIR holds hand-written trees in the shapes WDK 7 driver trees
 * have; what must not be committed (binary and oversized files, deep and
 * wide trees, FIFOs) is written at run time into a temporary folder.
 * Every check names the exact sources, the exact arguments (the build
 * environment's part computed here with the same functions) and, for
 * errors and warnings, the exact file:line.
 *
 * usage: test_project_sources FIXTURE_DIR RULES_DIR
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "project.h"
#include "project_environment.h"

#include "../test_check.h"

static char fixtures[PATH_MAX]; /* FIXTURE_DIR, real path */
static char scratch[PATH_MAX];  /* the temporary folder, real path */
static BuildEnvironment *env;

/* ---- paths and scratch files ------------------------------------------- */

/* base/rel in one of a few rotating buffers, so that several can be used
 * in one expression. */
static const char *join(const char *base, const char *rel)
{
    static char bufs[8][PATH_MAX + 64];
    static unsigned next;
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", base, rel);
    return b;
}

static const char *fx(const char *rel)
{
    return join(fixtures, rel);
}

static const char *tmp(const char *rel)
{
    return join(scratch, rel);
}

/* Creates the folders of `path` below the scratch folder. */
static void make_dirs(const char *path)
{
    char buf[PATH_MAX + 64];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + strlen(scratch) + 1; *p != '\0'; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0755);
            *p = '/';
        }
    }
}

static void write_bytes(const char *path, const char *data, size_t n)
{
    make_dirs(path);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        exit(2);
    }
    fwrite(data, 1, n, f);
    fclose(f);
}

static void write_text(const char *path, const char *text)
{
    write_bytes(path, text, strlen(text));
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* The scratch folder holds only what this program wrote. */
static void remove_tree(const char *path)
{
    if (nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

/* ---- loading ----------------------------------------------------------- */

typedef struct Loaded {
    Project p;
    ToolMessageList msgs;
    int rc;
    char err[2048];
} Loaded;

static void load(Loaded *l, const char *path, const char *configuration, const char *platform)
{
    memset(l, 0, sizeof *l);
    BuildChoice choice = {configuration, platform};
    l->rc = sources_load(path, &choice, env, &l->p, &l->msgs, l->err, sizeof l->err);
    if (l->rc != 0 && l->err[0] == '\0')
        snprintf(l->err, sizeof l->err, "(no message)");
}

static void loaded_free(Loaded *l)
{
    compile_db_free(&l->p.files);
    for (size_t i = 0; i < l->p.read_count; i++)
        free(l->p.read[i]);
    free(l->p.read);
    free(l->p.path);
    free(l->p.configuration);
    tool_message_list_free(&l->msgs);
}

static void print_messages(const ToolMessageList *msgs)
{
    for (size_t i = 0; i < msgs->count; i++) {
        const ToolMessage *m = &msgs->items[i];
        fprintf(stderr, "    [%s] %s:%u: %s\n", level_name(m->level),
                m->loc.file != NULL ? m->loc.file : "(none)", m->loc.line, m->message);
    }
}

/* The message that contains `text`, or NULL. */
static const ToolMessage *message_with(const ToolMessageList *msgs, const char *text)
{
    for (size_t i = 0; i < msgs->count; i++) {
        if (strstr(msgs->items[i].message, text) != NULL)
            return &msgs->items[i];
    }
    return NULL;
}

/* A warning whose text is exactly `text`, at `file`:`line`. */
static bool check_warning(const ToolMessageList *msgs, const char *file, unsigned line,
                          const char *text, const char *src, int src_line)
{
    for (size_t i = 0; i < msgs->count; i++) {
        const ToolMessage *m = &msgs->items[i];
        if (m->level == LEVEL_WARNING && strcmp(m->message, text) == 0 && m->loc.file != NULL &&
            strcmp(m->loc.file, file) == 0 && m->loc.line == line)
            return check(true, "warning", src, src_line);
    }
    check(false, "warning present", src, src_line);
    fprintf(stderr, "  want: %s:%u: %s\n  got:\n", file, line, text);
    print_messages(msgs);
    return false;
}
#define CHECK_WARNING(msgs, file, line, text) \
    check_warning((msgs), (file), (line), (text), __FILE__, __LINE__)

/* A warning with no location whose text is exactly `text` (the `dirs`
 * reader's, which names the place in the text). */
static bool check_text_warning(const ToolMessageList *msgs, const char *text, const char *src,
                               int src_line)
{
    for (size_t i = 0; i < msgs->count; i++) {
        const ToolMessage *m = &msgs->items[i];
        if (m->level == LEVEL_WARNING && m->loc.file == NULL && strcmp(m->message, text) == 0)
            return check(true, "warning", src, src_line);
    }
    check(false, "warning present", src, src_line);
    fprintf(stderr, "  want: %s\n  got:\n", text);
    print_messages(msgs);
    return false;
}
#define CHECK_TEXT_WARNING(msgs, text) check_text_warning((msgs), (text), __FILE__, __LINE__)

static bool check_message_count(const ToolMessageList *msgs, size_t want, const char *src,
                                int src_line)
{
    bool ok = check(msgs->count == want, "message count", src, src_line);
    if (!ok) {
        fprintf(stderr, "  want %zu messages, got %zu:\n", want, msgs->count);
        print_messages(msgs);
    }
    return ok;
}
#define CHECK_MESSAGES(msgs, n) check_message_count((msgs), (n), __FILE__, __LINE__)

static bool check_ok(const Loaded *l, const char *src, int src_line)
{
    bool ok = check(l->rc == 0, "loaded", src, src_line);
    if (!ok)
        fprintf(stderr, "  error: %s\n", l->err);
    return ok;
}
#define CHECK_OK(l) check_ok((l), __FILE__, __LINE__)

/* The load failed with exactly `want` as its message, and left the
 * project empty. */
static void check_error(const Loaded *l, const char *want, const char *src, int src_line)
{
    check(l->rc == -1, "load failed", src, src_line);
    check_str(l->err, want, src, src_line);
    check(l->p.read_count == 0 && l->p.path == NULL && l->p.files.count == 0,
          "project left empty", src, src_line);
    /* Warnings given before the failure no longer point into it. */
    for (size_t i = 0; i < l->msgs.count; i++)
        check(l->msgs.items[i].loc.file == NULL, "detached message", src, src_line);
}
#define CHECK_ERROR(l, want) check_error((l), (want), __FILE__, __LINE__)

/* The project's sources are exactly `want` (absolute), in order. */
static void check_files(const Project *p, const char *const *want, size_t n, const char *src,
                        int src_line)
{
    bool ok = check(p->files.count == n, "source count", src, src_line);
    for (size_t i = 0; ok && i < n; i++)
        ok = check_str(p->files.entries[i].file, want[i], src, src_line);
    if (!ok) {
        fprintf(stderr, "  sources:\n");
        for (size_t i = 0; i < p->files.count; i++)
            fprintf(stderr, "    %s\n", p->files.entries[i].file);
    }
}
#define CHECK_FILES(p, ...)                                                              \
    do {                                                                                 \
        const char *const want_[] = {__VA_ARGS__};                                       \
        check_files((p), want_, sizeof want_ / sizeof want_[0], __FILE__, __LINE__);     \
    } while (0)

static void print_args(const char *what, const ArgList *a)
{
    fprintf(stderr, "  %s:", what);
    for (size_t i = 0; i < a->count; i++)
        fprintf(stderr, " %s", a->items[i]);
    fprintf(stderr, "\n");
}

static bool args_equal(const ArgList *got, const ArgList *want)
{
    if (got->count != want->count)
        return false;
    for (size_t i = 0; i < got->count; i++) {
        if (strcmp(got->items[i], want->items[i]) != 0)
            return false;
    }
    return true;
}

/* Every source of `p` has exactly the arguments `want`. */
static void check_args(const Project *p, const ArgList *want, const char *src, int src_line)
{
    for (size_t i = 0; i < p->files.count; i++) {
        const ArgList *got = &p->files.entries[i].args;
        if (!check(args_equal(got, want), "arguments", src, src_line)) {
            fprintf(stderr, "  of %s\n", p->files.entries[i].file);
            print_args("want", want);
            print_args("got ", got);
            return;
        }
    }
}
#define CHECK_ARGS(p, want) check_args((p), (want), __FILE__, __LINE__)

static bool has_arg(const ArgList *a, const char *arg)
{
    for (size_t i = 0; i < a->count; i++) {
        if (strcmp(a->items[i], arg) == 0)
            return true;
    }
    return false;
}

/* What the build environment adds, before the file's own arguments. */
static void expect_environment(ArgList *want, const char *platform, bool debug,
                               const char *version, const char *type)
{
    build_environment_platform_args(env, platform, debug, want);
    if (version != NULL)
        CHECK(build_environment_target_version_args(env, version, want));
    if (type != NULL)
        CHECK(build_environment_driver_type_args(env, type, want));
}

static void expect(ArgList *want, ...)
{
    va_list ap;
    va_start(ap, want);
    for (const char *a = va_arg(ap, const char *); a != NULL; a = va_arg(ap, const char *))
        arg_list_add(want, a);
    va_end(ap);
}

static const char *include_flag(const char *path)
{
    static char bufs[4][PATH_MAX + 8];
    static unsigned next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "-I%s", path);
    return b;
}

/* ---- 1. a plain miniport ----------------------------------------------- */

static void test_miniport(void)
{
    Loaded l;
    load(&l, fx("miniport/driver/sources"), NULL, NULL);
    if (CHECK_OK(&l)) {
        CHECK(l.p.kind == PROJECT_SOURCES);
        CHECK_STR(l.p.path, fx("miniport/driver/sources"));
        CHECK_STR(l.p.files.path, fx("miniport/driver/sources"));
        CHECK_STR(l.p.configuration, "Release|x64");
        CHECK(l.p.read_count == 1);
        if (l.p.read_count >= 1)
            CHECK_STR(l.p.read[0], fx("miniport/driver/sources"));
        /* Miniport.c and INTERRUPT.C are miniport.c and interrupt.c on
         * disk; oldadapter.c is commented out of the list; nicmp.rc is
         * the resource compiler's. */
        CHECK_FILES(&l.p, fx("miniport/driver/miniport.c"), fx("miniport/driver/adapter.c"),
                    fx("miniport/driver/interrupt.c"), fx("miniport/driver/send.cpp"));
        if (l.p.files.count > 0)
            CHECK_STR(l.p.files.entries[0].directory, fx("miniport/driver"));
        ArgList want = {NULL, 0, 0};
        expect_environment(&want, "x64", false, "0x601", "DRIVER");
        /* $(DDK_INC_PATH) is empty here, and $(SDK_INC_PATH)\..\..\inc\ddk
         * is then an absolute folder: both the WDK's, left out. */
        expect(&want, "-DNDIS_MINIPORT_DRIVER=1", "-DNDIS60_MINIPORT=1", "-DBINARY_COMPATIBLE=0",
               "-UWIN9X", include_flag(fx("miniport/inc")), include_flag(fx("miniport/driver")),
               (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        arg_list_free(&want);
        /* The one message: which configuration was assumed. */
        if (CHECK_MESSAGES(&l.msgs, 1)) {
            const ToolMessage *m = &l.msgs.items[0];
            CHECK(m->level == LEVEL_WARNING);
            CHECK(m->loc.file == l.p.read[0]);
            CHECK(m->loc.line == 0);
            CHECK_STR(m->message, "no configuration given; reading it as a free (Release) x64 "
                                  "build");
        }
    }
    loaded_free(&l);

    /* A configuration given: nothing to say. */
    load(&l, fx("miniport/driver/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK_MESSAGES(&l.msgs, 0);
        CHECK_STR(l.p.configuration, "Release|x64");
    }
    loaded_free(&l);

    /* Only the platform missing. */
    load(&l, fx("miniport/driver/sources"), "Debug", NULL);
    if (CHECK_OK(&l) && CHECK_MESSAGES(&l.msgs, 1))
        CHECK_STR(l.msgs.items[0].message,
                  "no platform given; reading it as a checked (Debug) x64 build");
    loaded_free(&l);
}

/* ---- 2. the NDIS version, and the other conditionals ------------------- */

static void test_version(void)
{
    Loaded l;
    ArgList want = {NULL, 0, 0};

    /* Windows 7 (the default target), free: NDIS 6.20. */
    load(&l, fx("version/win7/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK_FILES(&l.p, fx("version/win7/ndisver.c"), fx("version/win7/amd64/fastpath.c"));
        expect_environment(&want, "x64", false, "0x601", "DRIVER");
        expect(&want, "-DNDIS_MINIPORT_DRIVER", "-DNDIS620_MINIPORT=1", "-DNIC_TRACE_LEVEL=1",
               "-DNIC_OFFLOAD", (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        CHECK_MESSAGES(&l.msgs, 0);
    }
    arg_list_free(&want);
    loaded_free(&l);

    /* Checked: DBG=1 and FREEBUILD=0 in the file's !if lines too. */
    load(&l, fx("version/win7/sources"), "Debug", "x64");
    if (CHECK_OK(&l)) {
        CHECK_STR(l.p.configuration, "Debug|x64");
        expect_environment(&want, "x64", true, "0x601", "DRIVER");
        expect(&want, "-DNDIS_MINIPORT_DRIVER", "-DNDIS620_MINIPORT=1", "-DNIC_TRACE_LEVEL=5",
               "-DNIC_ASSERTS=1", "-DNIC_OFFLOAD", (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        if (l.p.files.count > 0)
            CHECK(has_arg(&l.p.files.entries[0].args, "-DDBG=1"));
        CHECK_MESSAGES(&l.msgs, 0);
    }
    arg_list_free(&want);
    loaded_free(&l);

    /* The file sets _NT_TARGET_VERSION to Vista: NDIS 6.0. */
    load(&l, fx("version/vista/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        expect_environment(&want, "x64", false, "0x600", "DRIVER");
        expect(&want, "-DNDIS_MINIPORT_DRIVER", "-DNDIS60_MINIPORT=1", "-DNIC_OFFLOAD",
               (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        CHECK_MESSAGES(&l.msgs, 0);
    }
    arg_list_free(&want);
    loaded_free(&l);

    /* x86: the _X86_ macros, _BUILDARCH x86, the I386 sources. */
    load(&l, fx("version/win7/sources"), "Release", "Win32");
    if (CHECK_OK(&l)) {
        CHECK_STR(l.p.configuration, "Release|Win32");
        CHECK_FILES(&l.p, fx("version/win7/ndisver.c"), fx("version/win7/i386/fastpath.c"));
        expect_environment(&want, "Win32", false, "0x601", "DRIVER");
        expect(&want, "-DNDIS_MINIPORT_DRIVER", "-DNDIS620_MINIPORT=1", "-DNIC_TRACE_LEVEL=1",
               "-DNIC_OFFLOAD", "-DNIC_X86", (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        if (l.p.files.count > 0) {
            CHECK(has_arg(&l.p.files.entries[0].args, "-D_X86_=1"));
            CHECK(!has_arg(&l.p.files.entries[0].args, "-DDBG=1"));
        }
    }
    arg_list_free(&want);
    loaded_free(&l);
}

/* ---- 5. checked and x86 by every name ---------------------------------- */

static void test_choices(void)
{
    static const struct {
        const char *configuration;
        const char *platform;
        const char *shown;
        const char *canonical;
        bool debug;
    } cases[] = {
        {"Debug", "Win32", "Debug|Win32", "Win32", true},
        {"chk", "x86", "Debug|Win32", "Win32", true},
        {"checked", "i386", "Debug|Win32", "Win32", true},
        {"fre", "amd64", "Release|x64", "x64", false},
        {"free", "ARM64", "Release|ARM64", "ARM64", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Loaded l;
        load(&l, fx("miniport/driver/sources"), cases[i].configuration, cases[i].platform);
        if (CHECK_OK(&l)) {
            CHECK_STR(l.p.configuration, cases[i].shown);
            ArgList want = {NULL, 0, 0};
            expect_environment(&want, cases[i].canonical, cases[i].debug, "0x601", "DRIVER");
            expect(&want, "-DNDIS_MINIPORT_DRIVER=1", "-DNDIS60_MINIPORT=1",
                   "-DBINARY_COMPATIBLE=0", "-UWIN9X", include_flag(fx("miniport/inc")),
                   include_flag(fx("miniport/driver")), (const char *)NULL);
            CHECK_ARGS(&l.p, &want);
            if (l.p.files.count > 0) {
                const ArgList *got = &l.p.files.entries[0].args;
                CHECK(has_arg(got, "-DDBG=1") == cases[i].debug);
                CHECK(has_arg(got, "-D_X86_=1") == (strcmp(cases[i].canonical, "Win32") == 0));
            }
            arg_list_free(&want);
            CHECK_MESSAGES(&l.msgs, 0);
        }
        loaded_free(&l);
    }

    Loaded l;
    load(&l, fx("miniport/driver/sources"), "Release", "Itanium");
    char want[PATH_MAX * 2];
    snprintf(want, sizeof want, "%s: platform 'Itanium' is not one the build environment knows",
             fx("miniport/driver/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);
}

/* ---- 3. a shared sources.inc ------------------------------------------- */

static void test_shared(void)
{
    Loaded l;
    ArgList want = {NULL, 0, 0};

    load(&l, fx("shared/nic/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        /* $(NTMAKEENV)\makefile.plt is the WDK's: not looked for. */
        if (CHECK(l.p.read_count == 2)) {
            CHECK_STR(l.p.read[0], fx("shared/nic/sources"));
            CHECK_STR(l.p.read[1], fx("shared/sources.inc"));
        }
        CHECK_FILES(&l.p, fx("shared/nic/nic.c"));
        expect_environment(&want, "x64", false, "0x601", "DRIVER");
        expect(&want, "-DNDIS_WDM=1", "-DNDIS60=1", "-DTREE_VERSION=\"7.1\"",
               "-DNDIS60_MINIPORT=1", "-DSHARED_USER_FLAG", include_flag(fx("shared/nic")),
               include_flag(fx("shared/common")), (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        CHECK_MESSAGES(&l.msgs, 0);
    }
    arg_list_free(&want);
    loaded_free(&l);

    /* Included in another case than on disk; a missing include of the
     * tree's own is a warning; TARGETTYPE set again after the include. */
    load(&l, fx("shared/filter/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        if (CHECK(l.p.read_count == 2))
            CHECK_STR(l.p.read[1], fx("shared/sources.inc"));
        CHECK_FILES(&l.p, fx("shared/filter/filter.c"));
        expect_environment(&want, "x64", false, "0x601", "EXPORT_DRIVER");
        expect(&want, "-DNDIS_WDM=1", "-DNDIS60=1", "-DTREE_VERSION=\"7.1\"", "-DNDIS60=1",
               "-DNDIS_LWF", "-DSHARED_USER_FLAG", include_flag(fx("shared/common")),
               (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        if (CHECK_MESSAGES(&l.msgs, 1)) {
            CHECK_WARNING(&l.msgs, l.p.read[0], 5, "!include optional.inc: not found; skipped");
            CHECK(l.msgs.items[0].loc.file == l.p.read[0]);
        }
    }
    arg_list_free(&want);
    loaded_free(&l);

    /* A source in another folder finds the precompiled header of the
     * sources file's folder, named by PRECOMPILED_INCLUDE. */
    load(&l, fx("shared/wlan/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK_FILES(&l.p, fx("shared/common/wlan_main.c"));
        expect_environment(&want, "x64", false, "0x601", "DRIVER");
        expect(&want, include_flag(fx("shared/common")), include_flag(fx("shared/wlan")),
               (const char *)NULL);
        CHECK_ARGS(&l.p, &want);
        CHECK_MESSAGES(&l.msgs, 0);
    }
    arg_list_free(&want);
    loaded_free(&l);

    /* The configuration assumed is said first: it explains what follows. */
    load(&l, fx("shared/filter/sources"), NULL, NULL);
    if (CHECK_OK(&l) && CHECK_MESSAGES(&l.msgs, 2)) {
        CHECK_STR(l.msgs.items[0].message,
                  "no configuration given; reading it as a free (Release) x64 build");
        CHECK_STR(l.msgs.items[1].message, "!include optional.inc: not found; skipped");
    }
    loaded_free(&l);
}

/* ---- 4. dirs ----------------------------------------------------------- */

typedef struct Listed {
    char **paths;
    size_t count;
    ToolMessageList msgs;
    int rc;
    char err[2048];
} Listed;

static void list(Listed *d, const char *path, const char *configuration, const char *platform)
{
    memset(d, 0, sizeof *d);
    BuildChoice choice = {configuration, platform};
    d->rc = dirs_list_sources(path, &choice, env, &d->paths, &d->count, &d->msgs, d->err,
                              sizeof d->err);
}

static void listed_free(Listed *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->paths[i]);
    free(d->paths);
    tool_message_list_free(&d->msgs);
}

static void check_list(const Listed *d, const char *const *want, size_t n, const char *src,
                       int src_line)
{
    bool ok = check(d->rc == 0, "listed", src, src_line);
    if (!ok)
        fprintf(stderr, "  error: %s\n", d->err);
    ok = ok && check(d->count == n, "sources file count", src, src_line);
    for (size_t i = 0; ok && i < n; i++)
        ok = check_str(d->paths[i], want[i], src, src_line);
    if (!ok) {
        for (size_t i = 0; i < d->count; i++)
            fprintf(stderr, "    %s\n", d->paths[i]);
    }
}
#define CHECK_LIST(d, ...)                                                           \
    do {                                                                             \
        const char *const want_[] = {__VA_ARGS__};                                   \
        check_list((d), want_, sizeof want_ / sizeof want_[0], __FILE__, __LINE__);  \
    } while (0)

static void test_dirs(void)
{
    Listed d;
    char text[PATH_MAX * 2];

    list(&d, fx("tree/dirs"), NULL, NULL);
    /* drivers has a `sources` of its own too: its `dirs` wins. */
    CHECK_LIST(&d, fx("tree/lib/sources"), fx("tree/drivers/miniport/sources"),
               fx("tree/drivers/filter/SOURCES"), fx("tree/tools/sources"));
    if (CHECK_MESSAGES(&d.msgs, 2)) {
        snprintf(text, sizeof text,
                 "%s:2: DIRS names docs, a folder with neither a dirs nor a sources file; "
                 "skipped",
                 fx("tree/dirs"));
        CHECK_TEXT_WARNING(&d.msgs, text);
        snprintf(text, sizeof text,
                 "%s:11: OPTIONAL_DIRS names missing, which is not a folder here; skipped",
                 fx("tree/dirs"));
        CHECK_TEXT_WARNING(&d.msgs, text);
    }
    listed_free(&d);

    /* x86 adds a folder, by an !if on _BUILDARCH. */
    list(&d, fx("tree/dirs"), "Debug", "Win32");
    CHECK_LIST(&d, fx("tree/lib/sources"), fx("tree/drivers/miniport/sources"),
               fx("tree/drivers/filter/SOURCES"), fx("tree/x86only/sources"),
               fx("tree/tools/sources"));
    snprintf(text, sizeof text,
             "%s:8: DIRS names docs, a folder with neither a dirs nor a sources file; skipped",
             fx("tree/dirs"));
    CHECK_TEXT_WARNING(&d.msgs, text);
    listed_free(&d);

    /* A nested `dirs` file alone. */
    list(&d, fx("tree/drivers/dirs"), "Release", "x64");
    CHECK_LIST(&d, fx("tree/drivers/miniport/sources"), fx("tree/drivers/filter/SOURCES"));
    CHECK_MESSAGES(&d.msgs, 0);
    listed_free(&d);
}

/* ---- 6. hostile and broken files --------------------------------------- */

static void test_bad_fixtures(void)
{
    Loaded l;
    char want[PATH_MAX * 2];

    load(&l, fx("bad/unterminated/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s:4: !if without !endif", fx("bad/unterminated/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    load(&l, fx("bad/stray_endif/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s:5: !endif without !if", fx("bad/stray_endif/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    load(&l, fx("bad/else_else/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s:7: !else after the !else of the !if at line 3",
             fx("bad/else_else/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    load(&l, fx("bad/resources_only/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s:4: SOURCES lists no C or C++ source to analyse",
             fx("bad/resources_only/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    load(&l, fx("bad/no_sources/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s: no SOURCES: nothing to analyse",
             fx("bad/no_sources/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    /* A folder given as the file. */
    load(&l, fx("miniport/driver"), "Release", "x64");
    snprintf(want, sizeof want, "%s: not a regular file", fx("miniport/driver"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    /* An include cycle: a warning where it closes, not a hang. */
    load(&l, fx("bad/cycle/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        if (CHECK(l.p.read_count == 3)) {
            CHECK_STR(l.p.read[1], fx("bad/cycle/a.inc"));
            CHECK_STR(l.p.read[2], fx("bad/cycle/b.inc"));
            CHECK_WARNING(&l.msgs, l.p.read[2], 2,
                          "!include a.inc: that file is being read already (an include "
                          "cycle); not read again");
        }
        CHECK_MESSAGES(&l.msgs, 1);
        ArgList args = {NULL, 0, 0};
        expect_environment(&args, "x64", false, "0x601", "DRIVER");
        expect(&args, "-DFROM_A", "-DFROM_B", (const char *)NULL);
        CHECK_ARGS(&l.p, &args);
        arg_list_free(&args);
    }
    loaded_free(&l);

    /* Macros defined by themselves and by each other. */
    load(&l, fx("bad/selfref/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK_FILES(&l.p, fx("bad/selfref/main.c"));
        ArgList args = {NULL, 0, 0};
        expect_environment(&args, "x64", false, "0x601", "DRIVER");
        expect(&args, "-DEXTRA_xx", "-DLOOP=", (const char *)NULL);
        CHECK_ARGS(&l.p, &args);
        arg_list_free(&args);
        CHECK_WARNING(&l.msgs, l.p.read[0], 8,
                      "macro LOOP1 is used inside its own value; it expands to nothing there");
        CHECK_MESSAGES(&l.msgs, 1);
    }
    loaded_free(&l);

    /* What cannot be evaluated is said, with its place, and taken as
     * false; absolute includes are not read; !error does not stop it. */
    load(&l, fx("bad/unevaluable/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        const char *f = l.p.read[0];
        CHECK(l.p.read_count == 1);
        CHECK_WARNING(&l.msgs, f, 4,
                      "cannot evaluate '!if exist(local.h)'; the branch is taken as false");
        CHECK_WARNING(&l.msgs, f, 7,
                      "cannot evaluate '!if [cmd /c exit 1]'; the branch is taken as false");
        CHECK_WARNING(&l.msgs, f, 10,
                      "cannot evaluate '!if $(NOT_DEFINED) == 1' (expanded: ' == 1'); the "
                      "branch is taken as false");
        CHECK_WARNING(&l.msgs, f, 16,
                      "!error this tree is not built with WDK 7: the build would stop here; "
                      "read on past it");
        CHECK_WARNING(&l.msgs, f, 18,
                      "!include C:\\WinDDK\\7600.16385.1\\inc\\tree.inc: an absolute path is "
                      "not read");
        CHECK_WARNING(&l.msgs, f, 19, "!include /etc/passwd: an absolute path is not read");
        CHECK_WARNING(&l.msgs, f, 20, "unknown directive '!frobnicate now'; ignored");
        CHECK_MESSAGES(&l.msgs, 7);
        ArgList args = {NULL, 0, 0};
        expect_environment(&args, "x64", false, "0x601", "DRIVER");
        expect(&args, "-DNOT_IN_ELSE", (const char *)NULL);
        CHECK_ARGS(&l.p, &args);
        arg_list_free(&args);
    }
    loaded_free(&l);

    /* A user-mode program is read, with a warning; so is a target version
     * the tool has no macros for. */
    load(&l, fx("bad/usermode/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK_FILES(&l.p, fx("bad/usermode/tool.c"));
        CHECK_WARNING(&l.msgs, l.p.read[0], 2,
                      "TARGETTYPE PROGRAM is a user-mode target, not a kernel-mode driver; its "
                      "sources are read all the same");
        CHECK_WARNING(&l.msgs, l.p.read[0], 4,
                      "_NT_TARGET_VERSION 0x501 is not a version the tool knows; no version "
                      "macros added");
        CHECK_MESSAGES(&l.msgs, 2);
        ArgList args = {NULL, 0, 0};
        expect_environment(&args, "x64", false, NULL, "PROGRAM");
        CHECK_ARGS(&l.p, &args);
        arg_list_free(&args);
    }
    loaded_free(&l);
}

/* Files written at run time: what is binary, large, deep or wide. */
static void test_generated(void)
{
    Loaded l;
    char want[PATH_MAX * 2];
    static const char head[] = "TARGETTYPE=DRIVER\nSOURCES=main.c\n";

    /* A NUL byte on line 3. */
    write_bytes(tmp("binary/sources"), "TARGETTYPE=DRIVER\nSOURCES=main.c\n\x01\x00\x02", 37);
    load(&l, tmp("binary/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s:3: NUL byte: not a text file", tmp("binary/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    /* 2 MiB of comments. */
    {
        size_t n = 2u * 1024u * 1024u;
        char *big = malloc(n);
        for (size_t i = 0; i < n; i++)
            big[i] = i % 64 == 63 ? '\n' : i % 64 == 0 ? '#' : 'x';
        write_bytes(tmp("big/sources"), big, n);
        free(big);
    }
    load(&l, tmp("big/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s: larger than 1 MiB", tmp("big/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    /* A folder named `sources`, a FIFO (must not block), nothing at all. */
    make_dirs(tmp("folder/sources/x"));
    load(&l, tmp("folder/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s: not a regular file", tmp("folder/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    make_dirs(tmp("fifo/x"));
    if (mkfifo(tmp("fifo/sources"), 0600) == 0) {
        load(&l, tmp("fifo/sources"), "Release", "x64");
        snprintf(want, sizeof want, "%s: not a regular file", tmp("fifo/sources"));
        CHECK_ERROR(&l, want);
        loaded_free(&l);
    }

    load(&l, tmp("none/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             tmp("none/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    /* UTF-16, as a Windows editor may save it. */
    write_bytes(tmp("utf16/sources"), "\xFF\xFET\0A\0R\0", 8);
    load(&l, tmp("utf16/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s: UTF-16 text: the build utility reads ANSI or UTF-8 text",
             tmp("utf16/sources"));
    CHECK_ERROR(&l, want);
    loaded_free(&l);

    /* A binary include: the error names it; the warnings given before it
     * keep their place in their text. */
    write_text(tmp("incbin/sources"), "TARGETTYPE=DRIVER\n!include nothere.inc\n"
                                      "!include bin.inc\nSOURCES=main.c\n");
    write_bytes(tmp("incbin/bin.inc"), "A=1\nB=\0", 7);
    write_text(tmp("incbin/main.c"), "int x;\n");
    load(&l, tmp("incbin/sources"), "Release", "x64");
    snprintf(want, sizeof want, "%s:2: NUL byte: not a text file", tmp("incbin/bin.inc"));
    CHECK_ERROR(&l, want);
    snprintf(want, sizeof want, "%s:2: !include nothere.inc: not found; skipped",
             tmp("incbin/sources"));
    if (CHECK_MESSAGES(&l.msgs, 1))
        CHECK_STR(l.msgs.items[0].message, want);
    loaded_free(&l);

    /* Includes 20 deep: read to 16 files, then a warning. */
    write_text(tmp("deep/main.c"), "int x;\n");
    write_text(tmp("deep/sources"), "TARGETTYPE=DRIVER\nSOURCES=main.c\n!include inc1.inc\n");
    for (int i = 1; i <= 20; i++) {
        char name[64];
        char text[128];
        snprintf(name, sizeof name, "deep/inc%d.inc", i);
        snprintf(text, sizeof text, "!include inc%d.inc\nC_DEFINES=$(C_DEFINES) -DD%d\n", i + 1,
                 i);
        write_text(tmp(name), text);
    }
    load(&l, tmp("deep/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK(l.p.read_count == 16);
        if (l.p.read_count == 16)
            CHECK_WARNING(&l.msgs, l.p.read[15], 1,
                          "!include inc16.inc: includes nest more than 16 deep; not read");
        CHECK_MESSAGES(&l.msgs, 1);
        if (l.p.files.count == 1) {
            const ArgList *got = &l.p.files.entries[0].args;
            CHECK(has_arg(got, "-DD15") && has_arg(got, "-DD1") && !has_arg(got, "-DD16"));
        }
    }
    loaded_free(&l);

    /* A value that doubles with every line, and a lazy one that would
     * double 60 times at use, to nothing and to something: cut short,
     * quickly. */
    {
        size_t cap = 64 * 1024;
        char *text = malloc(cap);
        size_t n = (size_t)snprintf(text, cap, "%sA=x\n", head);
        for (int i = 0; i < 40; i++)
            n += (size_t)snprintf(text + n, cap - n, "A=$(A)$(A)\n");
        n += (size_t)snprintf(text + n, cap - n, "E0=\nB0=y\n");
        for (int i = 1; i <= 60; i++)
            n += (size_t)snprintf(text + n, cap - n, "E%d=$(E%d)$(E%d)\nB%d=$(B%d)$(B%d)\n", i,
                                  i - 1, i - 1, i, i - 1, i - 1);
        snprintf(text + n, cap - n, "C_DEFINES=-DFIRST $(E60) -DAFTER\nUSER_C_FLAGS=$(B60)\n");
        write_text(tmp("explode/sources"), text);
        write_text(tmp("explode/main.c"), "int x;\n");
        free(text);
    }
    load(&l, tmp("explode/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK(message_with(&l.msgs, "cut short") != NULL);
        CHECK(l.msgs.count <= 101);
        CHECK_FILES(&l.p, tmp("explode/main.c"));
    }
    loaded_free(&l);

    /* Windows line ends, a substitution, the caret escape, expressions,
     * /D with its name in the next word, quotes, a folder not made yet. */
    write_text(tmp("crlf/a.c"), "int a;\n");
    write_text(tmp("crlf/B.C"), "int b;\n");
    write_text(tmp("crlf/sources"),
               "TARGETTYPE=MINIPORT\r\n"
               "X=a.c b.c\r\n"
               "SOURCES=$(X:.c=.obj) \\\r\n"
               "   $(X) \\\r\n"
               "\r\n"
               "HASH=^#1\r\n"
               "!IF (0x10 + 2 * 3 == 22) && !(1 != 1) && \"$(HASH)\" == \"^#1\"\r\n"
               "C_DEFINES=-DGOOD /D X=1 -D \"SP=a b\" -D9BAD # -DCOMMENTED\r\n"
               "!ENDIF\r\n"
               "!if $(_NT_TARGET_VERSION) < 0x601 || defined ( DBG )\r\n"
               "C_DEFINES=$(C_DEFINES) -DBAD\r\n"
               "!endif\r\n"
               "! if \"$(DDK_TARGET_OS)\" == \"Win7\" \r\n"
               "INCLUDES=$(O);.;missing\\Dir;\r\n"
               "!endif\r\n");
    load(&l, tmp("crlf/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK_FILES(&l.p, tmp("crlf/a.c"), tmp("crlf/B.C"));
        ArgList args = {NULL, 0, 0};
        expect_environment(&args, "x64", false, "0x601", "MINIPORT");
        expect(&args, "-DGOOD", "-DX=1", "-DSP=a b", include_flag(tmp("crlf/obj")),
               include_flag(tmp("crlf")), include_flag(tmp("crlf/missing/Dir")),
               (const char *)NULL);
        CHECK_ARGS(&l.p, &args);
        arg_list_free(&args);
        CHECK_WARNING(&l.msgs, l.p.read[0], 8, "C_DEFINES: '9BAD' names no macro; left out");
        CHECK_MESSAGES(&l.msgs, 1);
    }
    loaded_free(&l);

    /* The same include over and over: 256 files read, then no more. */
    {
        size_t cap = 16 * 1024;
        char *text = malloc(cap);
        size_t n = (size_t)snprintf(text, cap, "TARGETTYPE=DRIVER\n");
        for (int i = 0; i < 300; i++)
            n += (size_t)snprintf(text + n, cap - n, "!include same.inc\n");
        snprintf(text + n, cap - n, "SOURCES=main.c\n");
        write_text(tmp("again/sources"), text);
        write_text(tmp("again/same.inc"), "N=1\n");
        write_text(tmp("again/main.c"), "int x;\n");
        free(text);
    }
    load(&l, tmp("again/sources"), "Release", "x64");
    if (CHECK_OK(&l) && CHECK(l.p.read_count == 256)) {
        CHECK_WARNING(&l.msgs, l.p.read[0], 257,
                      "!include same.inc: more than 256 files or 16 MiB read; not read");
        CHECK_MESSAGES(&l.msgs, 45);
    }
    loaded_free(&l);

    /* A SOURCES list of more words than are looked up. */
    {
        size_t cap = 128 * 1024;
        char *text = malloc(cap);
        size_t n = (size_t)snprintf(text, cap, "TARGETTYPE=DRIVER\nSOURCES=");
        for (int i = 0; i < 16400; i++)
            n += (size_t)snprintf(text + n, cap - n, "a.c ");
        snprintf(text + n, cap - n, "\n");
        write_text(tmp("long/sources"), text);
        write_text(tmp("long/a.c"), "int x;\n");
        free(text);
    }
    load(&l, tmp("long/sources"), "Release", "x64");
    if (CHECK_OK(&l)) {
        CHECK_FILES(&l.p, tmp("long/a.c"));
        CHECK_WARNING(&l.msgs, l.p.read[0], 2,
                      "SOURCES lists more than 16384 files; the rest are left out");
        CHECK_MESSAGES(&l.msgs, 1);
    }
    loaded_free(&l);

    /* Hundreds of warnings: capped. */
    {
        size_t cap = 64 * 1024;
        char *text = malloc(cap);
        size_t n = (size_t)snprintf(text, cap, "%s", head);
        for (int i = 0; i < 500; i++)
            n += (size_t)snprintf(text + n, cap - n, "!bogus %d\n", i);
        write_text(tmp("noisy/sources"), text);
        write_text(tmp("noisy/main.c"), "int x;\n");
        free(text);
    }
    load(&l, tmp("noisy/sources"), "Release", "x64");
    if (CHECK_OK(&l) && CHECK_MESSAGES(&l.msgs, 101))
        CHECK_STR(l.msgs.items[100].message, "more than 100 warnings; the rest are left out");
    loaded_free(&l);
}

static void test_generated_dirs(void)
{
    Listed d;
    char want[PATH_MAX * 2];

    /* A cycle through `..`, and a folder listing itself. */
    write_text(tmp("dcycle/dirs"), "DIRS=sub .\n");
    write_text(tmp("dcycle/sub/dirs"), "DIRS=..\n");
    list(&d, tmp("dcycle/dirs"), "Release", "x64");
    CHECK(d.rc == 0 && d.count == 0);
    snprintf(want, sizeof want,
             "%s:1: DIRS names .., whose dirs file is being read already (a cycle); skipped",
             tmp("dcycle/sub/dirs"));
    CHECK_TEXT_WARNING(&d.msgs, want);
    snprintf(want, sizeof want,
             "%s:1: DIRS names ., whose dirs file is being read already (a cycle); skipped",
             tmp("dcycle/dirs"));
    CHECK_TEXT_WARNING(&d.msgs, want);
    CHECK_MESSAGES(&d.msgs, 2);
    listed_free(&d);

    /* A broken nested dirs file fails the whole list, naming it. */
    write_text(tmp("dbad/dirs"), "DIRS=sub\n");
    write_text(tmp("dbad/sub/dirs"), "!ifdef DBG\nDIRS=x\n");
    list(&d, tmp("dbad/dirs"), "Release", "x64");
    snprintf(want, sizeof want, "%s:1: !if without !endif", tmp("dbad/sub/dirs"));
    CHECK(d.rc == -1 && d.count == 0 && d.paths == NULL);
    CHECK_STR(d.err, want);
    listed_free(&d);

    /* Wider than the cap: 4096 listed, then a warning. */
    {
        size_t n = 4100;
        size_t cap = n * 16 + 64;
        char *text = malloc(cap);
        size_t used = (size_t)snprintf(text, cap, "DIRS=");
        for (size_t i = 0; i < n; i++) {
            char name[64];
            snprintf(name, sizeof name, "wide/d%zu/sources", i);
            write_text(tmp(name), "TARGETTYPE=DRIVER\nSOURCES=a.c\n");
            used += (size_t)snprintf(text + used, cap - used, " \\\n d%zu", i);
        }
        snprintf(text + used, cap - used, "\n");
        write_text(tmp("wide/dirs"), text);
        free(text);
    }
    list(&d, tmp("wide/dirs"), "Release", "x64");
    CHECK(d.rc == 0 && d.count == 4096);
    if (d.count == 4096) {
        CHECK_STR(d.paths[0], tmp("wide/d0/sources"));
        CHECK_STR(d.paths[4095], tmp("wide/d4095/sources"));
    }
    snprintf(want, sizeof want, "%s:1: more than 4096 sources files; the rest are left out",
             tmp("wide/dirs"));
    CHECK_TEXT_WARNING(&d.msgs, want);
    CHECK_MESSAGES(&d.msgs, 1);
    listed_free(&d);

    /* A missing dirs file. */
    list(&d, tmp("nodirs/dirs"), "Release", "x64");
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             tmp("nodirs/dirs"));
    CHECK(d.rc == -1);
    CHECK_STR(d.err, want);
    listed_free(&d);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s FIXTURE_DIR RULES_DIR\n", argv[0]);
        return 2;
    }
    if (realpath(argv[1], fixtures) == NULL) {
        fprintf(stderr, "no such folder: %s\n", argv[1]);
        return 2;
    }
    char err[1024];
    env = build_environment_load(argv[2], err, sizeof err);
    if (env == NULL) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    const char *base = getenv("TMPDIR");
    char pattern[PATH_MAX];
    snprintf(pattern, sizeof pattern, "%s/ndislint-sources-XXXXXX",
             base != NULL && base[0] != '\0' ? base : "/tmp");
    if (mkdtemp(pattern) == NULL || realpath(pattern, scratch) == NULL) {
        fprintf(stderr, "cannot create a temporary folder\n");
        return 2;
    }

    test_miniport();
    test_version();
    test_choices();
    test_shared();
    test_dirs();
    test_bad_fixtures();
    test_generated();
    test_generated_dirs();

    remove_tree(scratch);
    build_environment_free(env);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
