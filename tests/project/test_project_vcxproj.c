/* test_project_vcxproj.c - the .vcxproj and .sln readers (project_vcxproj.c,
 * project_msbuild.c, project_sln.c) on hand-written projects in the shapes
 * WDK 8+ driver projects have (tests/project/vcxproj), and on hostile ones.
 *
 * Each test checks the exact sources found (absolute), the exact arguments
 * of each (the environment's part computed here with the same
 * build_environment_* calls), and for errors the exact "file:line" part.
 *
 * Usage: test_project_vcxproj FIXTURE_DIR RULES_DIR
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../test_check.h"
#include "project.h"

static char fixtures[PATH_MAX];
static const BuildEnvironment *env;

/* FIXTURE_DIR/rel. */
static const char *fixture(const char *rel)
{
    static char paths[8][PATH_MAX * 2];
    static int next;
    char *out = paths[next++ % 8];
    snprintf(out, PATH_MAX * 2, "%s/%s", fixtures, rel);
    return out;
}

typedef struct Loaded {
    Project project;
    ToolMessageList messages;
    char err[1024];
    int rc;
} Loaded;

static void load(Loaded *l, const char *path, const char *configuration, const char *platform)
{
    memset(l, 0, sizeof(*l));
    BuildChoice choice = {configuration, platform};
    l->rc = vcxproj_load(path, &choice, env, &l->project, &l->messages, l->err, sizeof l->err);
}

static void unload(Loaded *l)
{
    project_free(&l->project);
    tool_message_list_free(&l->messages);
}

static void print_messages(const ToolMessageList *m)
{
    for (size_t i = 0; i < m->count; i++)
        fprintf(stderr, "    message: %s:%u: %s\n", m->items[i].loc.file ? m->items[i].loc.file : "-",
                m->items[i].loc.line, m->items[i].message);
}

/* The sources found are exactly `want` (fixture-relative), in order. */
static void check_sources(const Loaded *l, const char *const *want, size_t count, int line)
{
    bool ok = check(l->project.files.count == count, "source count", __FILE__, line);
    for (size_t i = 0; ok && i < count; i++)
        check_str(l->project.files.entries[i].file, fixture(want[i]), __FILE__, line);
    if (!ok) {
        for (size_t i = 0; i < l->project.files.count; i++)
            fprintf(stderr, "    got source: %s\n", l->project.files.entries[i].file);
    }
}
#define CHECK_SOURCES(l, ...)                                                          \
    do {                                                                               \
        static const char *const want_[] = {__VA_ARGS__};                              \
        check_sources((l), want_, sizeof want_ / sizeof want_[0], __LINE__);           \
    } while (0)

/* The arguments the environment gives a project of this platform,
 * configuration, TargetVersion and DriverType (either may be NULL). */
static void env_args(ArgList *out, const char *platform, bool debug, const char *version,
                     const char *type)
{
    build_environment_platform_args(env, platform, debug, out);
    if (version != NULL)
        CHECK(build_environment_target_version_args(env, version, out));
    if (type != NULL)
        CHECK(build_environment_driver_type_args(env, type, out));
}

/* Appends each string up to NULL; "@name" is fixture(name). */
static void add_args(ArgList *out, ...)
{
    va_list ap;
    va_start(ap, out);
    const char *arg;
    while ((arg = va_arg(ap, const char *)) != NULL) {
        char buf[PATH_MAX * 2];
        const char *at = strchr(arg, '@');
        if (at != NULL) {
            snprintf(buf, sizeof buf, "%.*s%s", (int)(at - arg), arg, fixture(at + 1));
            arg = buf;
        }
        arg_list_add(out, arg);
    }
    va_end(ap);
}

static void check_args(const Loaded *l, size_t index, const ArgList *want, int line)
{
    if (!check(index < l->project.files.count, "source index", __FILE__, line))
        return;
    const ArgList *got = &l->project.files.entries[index].args;
    bool ok = got->count == want->count;
    for (size_t i = 0; ok && i < want->count; i++)
        ok = strcmp(got->items[i], want->items[i]) == 0;
    if (!check(ok, "arguments equal", __FILE__, line)) {
        fprintf(stderr, "  source %s\n", l->project.files.entries[index].file);
        for (size_t i = 0; i < want->count || i < got->count; i++)
            fprintf(stderr, "    want %-50s got %s\n", i < want->count ? want->items[i] : "",
                    i < got->count ? got->items[i] : "");
    }
}
#define CHECK_ARGS(l, index, want) check_args((l), (index), (want), __LINE__)

static void check_read(const Loaded *l, const char *const *want, size_t count, int line)
{
    bool ok = check(l->project.read_count == count, "read count", __FILE__, line);
    for (size_t i = 0; ok && i < count; i++)
        check_str(l->project.read[i], fixture(want[i]), __FILE__, line);
    if (!ok) {
        for (size_t i = 0; i < l->project.read_count; i++)
            fprintf(stderr, "    read: %s\n", l->project.read[i]);
    }
}
#define CHECK_READ(l, ...)                                                             \
    do {                                                                               \
        static const char *const want_[] = {__VA_ARGS__};                              \
        check_read((l), want_, sizeof want_ / sizeof want_[0], __LINE__);              \
    } while (0)

/* A message "FILE:LINE: text" (FILE fixture-relative) with `part` in it. */
static bool has_message(const Loaded *l, const char *file, unsigned line, const char *part)
{
    for (size_t i = 0; i < l->messages.count; i++) {
        const ToolMessage *m = &l->messages.items[i];
        if (m->level == LEVEL_WARNING && m->loc.file != NULL &&
            strcmp(m->loc.file, fixture(file)) == 0 && m->loc.line == line &&
            strstr(m->message, part) != NULL)
            return true;
    }
    return false;
}

static void check_message(const Loaded *l, const char *file, unsigned line, const char *part,
                          int at)
{
    if (!check(has_message(l, file, line, part), "message given", __FILE__, at)) {
        fprintf(stderr, "  want %s:%u: ...%s...\n", file, line, part);
        print_messages(&l->messages);
    }
}
#define CHECK_MESSAGE(l, file, line, part) check_message((l), (file), (line), (part), __LINE__)

static void check_message_count(const Loaded *l, size_t count, int at)
{
    if (!check(l->messages.count == count, "message count", __FILE__, at)) {
        fprintf(stderr, "  want %zu messages, got %zu\n", count, l->messages.count);
        print_messages(&l->messages);
    }
}
#define CHECK_MESSAGE_COUNT(l, count) check_message_count((l), (count), __LINE__)

/* The error starts with "FILE:LINE: " (or "FILE: " for line 0). */
static void check_error(const Loaded *l, const char *file, unsigned line, const char *rest,
                        int at)
{
    check(l->rc == -1, "returns -1", __FILE__, at);
    char want[PATH_MAX * 3];
    if (line > 0)
        snprintf(want, sizeof want, "%s:%u: %s", file, line, rest);
    else
        snprintf(want, sizeof want, "%s: %s", file, rest);
    if (!check(strncmp(l->err, want, strlen(want)) == 0, "error text", __FILE__, at))
        fprintf(stderr, "  want: %s...\n  got:  %s\n", want, l->err);
}
#define CHECK_ERROR(l, file, line, rest) check_error((l), (file), (line), (rest), __LINE__)

/* ---- the KMDF miniport ------------------------------------------------ */

/* What every configuration's sources get from the project's definitions. */
static void miniport_defines(ArgList *a)
{
    add_args(a, "-DNDIS630_FIXTURE=1", "-DNDISLINT_FIXTURE_VERSION=3", "-DNDIS_MINIPORT_DRIVER=1",
             "-DNDIS630_MINIPORT=1", (const char *)NULL);
}

static void miniport_includes(ArgList *a)
{
    add_args(a, "-I@inc", "-I@shared/include", (const char *)NULL);
}

static void test_miniport_default(void)
{
    Loaded l;
    load(&l, fixture("miniport/miniport.vcxproj"), NULL, NULL);
    CHECK(l.rc == 0);
    CHECK_STR(l.project.path, fixture("miniport/miniport.vcxproj"));
    CHECK_STR(l.project.configuration, "Release|x64");
    CHECK(l.project.kind == PROJECT_VCXPROJ);
    /* trace.c is excluded from Release|x64; the others are named in
     * another case than the disk has. */
    CHECK_SOURCES(&l, "miniport/Miniport.c", "miniport/send.c", "miniport/sub/OID.c");
    CHECK_READ(&l, "miniport/miniport.vcxproj", "common.props", "shared/version.props");
    CHECK_MESSAGE_COUNT(&l, 1);
    CHECK_MESSAGE(&l, "miniport/miniport.vcxproj", 18,
                  "no configuration given; taking Release|x64, the first Release|x64 of 4 listed");

    ArgList want = {0};
    env_args(&want, "x64", false, "Windows10", "KMDF");
    miniport_defines(&want);
    miniport_includes(&want);
    CHECK_ARGS(&l, 0, &want);
    CHECK_ARGS(&l, 2, &want);
    arg_list_free(&want);

    env_args(&want, "x64", false, "Windows10", "KMDF");
    add_args(&want, "-DSEND_PATH=1", (const char *)NULL);
    miniport_defines(&want);
    miniport_includes(&want);
    CHECK_ARGS(&l, 1, &want);
    arg_list_free(&want);
    unload(&l);
}

static void test_miniport_debug_win32(void)
{
    Loaded l;
    load(&l, fixture("miniport/miniport.vcxproj"), "debug", "x86");
    CHECK(l.rc == 0);
    CHECK_STR(l.project.configuration, "Debug|Win32");
    CHECK_MESSAGE_COUNT(&l, 0);
    CHECK_SOURCES(&l, "miniport/Miniport.c", "miniport/send.c", "miniport/trace.c",
                  "miniport/sub/OID.c");
    ArgList want = {0};
    env_args(&want, "Win32", true, "Windows8.1", "KMDF");
    miniport_defines(&want);
    miniport_includes(&want);
    CHECK_ARGS(&l, 2, &want);
    /* The x86 macros and DBG=1 are there. */
    bool x86 = false, dbg = false;
    for (size_t i = 0; i < want.count; i++) {
        x86 = x86 || strcmp(want.items[i], "-D_X86_=1") == 0;
        dbg = dbg || strcmp(want.items[i], "-DDBG=1") == 0;
    }
    CHECK(x86 && dbg);
    arg_list_free(&want);
    unload(&l);
}

static void test_miniport_choices(void)
{
    Loaded l;
    /* A configuration only: the x64 one is taken first. */
    load(&l, fixture("miniport/miniport.vcxproj"), "Debug", NULL);
    CHECK(l.rc == 0);
    CHECK_STR(l.project.configuration, "Debug|x64");
    CHECK_MESSAGE(&l, "miniport/miniport.vcxproj", 14,
                  "no platform given; taking Debug|x64, the first Debug|x64 of 4 listed");
    unload(&l);

    load(&l, fixture("miniport/miniport.vcxproj"), NULL, "Win32");
    CHECK(l.rc == 0);
    CHECK_STR(l.project.configuration, "Release|Win32");
    unload(&l);

    load(&l, fixture("miniport/miniport.vcxproj"), "Debug", "ARM64");
    CHECK_ERROR(&l, fixture("miniport/miniport.vcxproj"), 0,
                "no configuration Debug|ARM64 in it; it has Debug|Win32, Release|Win32, "
                "Debug|x64, Release|x64");
    unload(&l);

    load(&l, fixture("miniport/miniport.vcxproj"), "Checked", NULL);
    CHECK_ERROR(&l, fixture("miniport/miniport.vcxproj"), 0, "no configuration Checked in it");
    unload(&l);
}

/* ---- conditions ---------------------------------------------------------- */

static void test_conditions(void)
{
    Loaded l;
    load(&l, fixture("conditions/conditions.vcxproj"), "Release", "x64");
    CHECK(l.rc == 0);
    CHECK_STR(l.project.configuration, "Release|x64");
    CHECK_SOURCES(&l, "conditions/src/chosen.c", "conditions/src/present.c",
                  "conditions/wild/a.c", "conditions/src/late.c");
    ArgList want = {0};
    env_args(&want, "x64", false, NULL, "WDM");
    add_args(&want, "-DANDOR_ok", "-DUPPER_ok", "-DNOT_ok", "-DEXISTS_ok", "-DNOEXISTS_",
             "-DSLASH_ok", "-DNUM_ok", "-DVER_ok", "-DEMPTY_ok", "-DKERNEL_", "-DBROKEN_",
             "-DMODE_x64", "-DFUNC_", (const char *)NULL);
    for (size_t i = 0; i < 4; i++)
        CHECK_ARGS(&l, i, &want);
    arg_list_free(&want);
    CHECK_MESSAGE_COUNT(&l, 3);
    CHECK_MESSAGE(&l, "conditions/conditions.vcxproj", 30,
                  "cannot evaluate the condition \"'$(A)' = '1'\"");
    CHECK_MESSAGE(&l, "conditions/conditions.vcxproj", 31,
                  "property functions are not evaluated: "
                  "$([System.IO.Path]::Combine('a', 'b')) is taken as empty");
    CHECK_MESSAGE(&l, "conditions/conditions.vcxproj", 33, "the registry is not read");
    unload(&l);
}

/* ---- C++ ------------------------------------------------------------------ */

static void test_cpp(void)
{
    Loaded l;
    load(&l, fixture("cpp/cppdrv.vcxproj"), "Release", "x64");
    CHECK(l.rc == 0);
    CHECK_MESSAGE_COUNT(&l, 0);
    CHECK_SOURCES(&l, "cpp/driver.cpp", "cpp/util.c", "cpp/legacy.c");
    ArgList common = {0};
    env_args(&common, "x64", false, "Windows10", NULL);
    add_args(&common, "-DKM_CPP=1", "-U_UNICODE", "-UUNICODE", "-include", "@cpp/pch.h",
             (const char *)NULL);

    ArgList want = {0};
    for (size_t i = 0; i < common.count; i++)
        arg_list_add(&want, common.items[i]);
    add_args(&want, "-std=c++17", (const char *)NULL);
    CHECK_ARGS(&l, 0, &want);
    arg_list_free(&want);

    for (size_t i = 0; i < common.count; i++)
        arg_list_add(&want, common.items[i]);
    add_args(&want, "-x", "c++", "-std=c++17", (const char *)NULL);
    CHECK_ARGS(&l, 1, &want);
    arg_list_free(&want);

    for (size_t i = 0; i < common.count; i++)
        arg_list_add(&want, common.items[i]);
    add_args(&want, "-std=c11", (const char *)NULL);
    CHECK_ARGS(&l, 2, &want);
    arg_list_free(&want);
    arg_list_free(&common);
    unload(&l);
}

static void test_application(void)
{
    Loaded l;
    load(&l, fixture("app/app.vcxproj"), NULL, NULL);
    CHECK(l.rc == 1);
    char want[PATH_MAX * 2];
    snprintf(want, sizeof want, "%s: not a driver project (ConfigurationType Application)",
             fixture("app/app.vcxproj"));
    CHECK_STR(l.err, want);
    unload(&l);
}

/* ---- the solution -------------------------------------------------------- */

static void test_sln(void)
{
    ToolMessageList messages = {0};
    char err[1024] = "";
    char **paths = NULL;
    size_t count = 0;
    const char *sln = fixture("drivers.sln");
    CHECK(sln_list_projects(sln, &paths, &count, &messages, err, sizeof err) == 0);
    if (CHECK(count == 3)) {
        CHECK_STR(paths[0], fixture("miniport/miniport.vcxproj"));
        CHECK_STR(paths[1], fixture("cpp/cppdrv.vcxproj"));
        CHECK_STR(paths[2], fixture("app/app.vcxproj"));
    }
    char want[PATH_MAX * 2];
    snprintf(want, sizeof want, "%s:17: project gone\\gone.vcxproj not found; left out", sln);
    if (CHECK(messages.count == 1)) {
        CHECK_STR(messages.items[0].message, want);
        CHECK(messages.items[0].loc.file == NULL);
    }
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
    tool_message_list_free(&messages);

    /* Through project_load: the two drivers; the application left out. */
    ProjectSet set = {0};
    BuildChoice choice = {NULL, NULL};
    CHECK(project_load(sln, &choice, env, &set, &messages, err, sizeof err) == 0);
    if (CHECK(set.count == 2)) {
        CHECK_STR(set.items[0].path, fixture("miniport/miniport.vcxproj"));
        CHECK_STR(set.items[1].path, fixture("cpp/cppdrv.vcxproj"));
        CHECK(set.items[0].files.count == 3);
        CHECK(set.items[1].files.count == 3);
    }
    bool noted = false;
    for (size_t i = 0; i < messages.count; i++)
        noted = noted || (messages.items[i].level == LEVEL_NOTE &&
                          strstr(messages.items[i].message, "not a driver project") != NULL);
    CHECK(noted);
    project_set_free(&set);
    tool_message_list_free(&messages);
}

/* ---- hostile and broken files ---------------------------------------------- */

/* Nothing of /etc/passwd shows anywhere. */
static void check_no_leak(const Loaded *l)
{
    CHECK(strstr(l->err, "root:") == NULL);
    for (size_t i = 0; i < l->messages.count; i++)
        CHECK(strstr(l->messages.items[i].message, "root:") == NULL);
}

static void test_bad_xml(void)
{
    Loaded l;
    load(&l, fixture("hostile/malformed.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, fixture("hostile/malformed.vcxproj"), 7, "not well-formed XML: ");
    unload(&l);

    load(&l, fixture("hostile/xxe.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, fixture("hostile/xxe.vcxproj"), 3, "entity declarations are not accepted");
    check_no_leak(&l);
    unload(&l);

    load(&l, fixture("hostile/laughs.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, fixture("hostile/laughs.vcxproj"), 3, "entity declarations are not accepted");
    unload(&l);

    load(&l, fixture("hostile/notproject.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, fixture("hostile/notproject.vcxproj"), 2,
                "the root element is <Solution>, not <Project>");
    unload(&l);

    /* A broken import fails the project, naming the import. */
    load(&l, fixture("hostile/bad_import.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, fixture("hostile/broken.props"), 5, "not well-formed XML: ");
    unload(&l);
}

static void test_hostile_imports(void)
{
    Loaded l;
    const char *f = "hostile/import_passwd.vcxproj";
    load(&l, fixture(f), NULL, NULL);
    CHECK(l.rc == 0);
    CHECK_READ(&l, "hostile/import_passwd.vcxproj");
    CHECK_SOURCES(&l, "hostile/ok.c");
    CHECK_MESSAGE(&l, f, 2, "import /etc/passwd is not a .props or .targets file; not read");
    CHECK_MESSAGE(&l, f, 3, "is not a .props or .targets file; not read");
    CHECK_MESSAGE(&l, f, 4, "import /proc/self/environ.props not found; not read");
    CHECK_MESSAGE(&l, f, 5, "starts with a property not defined here; not read");
    CHECK_MESSAGE(&l, f, 6, "wildcards in imports are not supported: *.props; not read");
    check_no_leak(&l);
    unload(&l);

    f = "hostile/cycle.vcxproj";
    load(&l, fixture(f), NULL, NULL);
    CHECK(l.rc == 0);
    CHECK_READ(&l, "hostile/cycle.vcxproj", "hostile/cycle_a.props", "hostile/cycle_b.props");
    CHECK_MESSAGE(&l, "hostile/cycle_b.props", 2,
                  "import cycle_a.props imports itself through its imports; not read again");
    unload(&l);

    f = "hostile/import_dir.vcxproj";
    load(&l, fixture(f), NULL, NULL);
    CHECK(l.rc == 0);
    CHECK_MESSAGE(&l, f, 2, "import folder.props is not a regular file; not read");
    CHECK_MESSAGE(&l, f, 3, "import missing.props not found; not read");
    CHECK_MESSAGE_COUNT(&l, 3); /* and the configuration taken */
    unload(&l);
}

static void test_hostile_values(void)
{
    Loaded l;
    const char *f = "hostile/selfref.vcxproj";
    load(&l, fixture(f), NULL, NULL);
    CHECK(l.rc == 0);
    CHECK_SOURCES(&l, "hostile/ok.c");
    ArgList want = {0};
    env_args(&want, "x64", false, NULL, NULL);
    add_args(&want, "-DA_", "-DSELF_", "-DDEEP_", (const char *)NULL);
    CHECK_ARGS(&l, 0, &want);
    arg_list_free(&want);
    CHECK_MESSAGE(&l, f, 22, "a value expanded past 64 KiB; taken as empty");
    CHECK_MESSAGE(&l, f, 30, "nested too deeply");
    unload(&l);

    f = "hostile/proc.vcxproj";
    load(&l, fixture(f), NULL, NULL);
    CHECK(l.rc == 0);
    CHECK_SOURCES(&l, "hostile/ok.c");
    CHECK_MESSAGE(&l, f, 9, "ClCompile /proc/self/status: no such file; left out");
    CHECK_MESSAGE(&l, f, 10, "ClCompile /dev/zero: no such file; left out");
    CHECK_MESSAGE(&l, f, 11, "ClCompile missing.c: no such file; left out");
    /* Nor is the parser sent there. */
    CHECK_MESSAGE(&l, f, 12, "AdditionalIncludeDirectories /proc/self is in /proc, /dev or "
                             "/sys; left out");
    CHECK_MESSAGE(&l, f, 12, "AdditionalIncludeDirectories /SYS/kernel is in");
    CHECK_MESSAGE(&l, f, 12, "ForcedIncludeFiles /proc/self/environ is in");
    ArgList only = {0};
    env_args(&only, "x64", false, NULL, NULL);
    add_args(&only, "-I@hostile", (const char *)NULL);
    CHECK_ARGS(&l, 0, &only);
    arg_list_free(&only);
    unload(&l);
}

/* ---- files made at run time --------------------------------------------------- */

static char temp[PATH_MAX];

static const char *temp_file(const char *name)
{
    static char paths[4][PATH_MAX * 2];
    static int next;
    char *out = paths[next++ % 4];
    snprintf(out, PATH_MAX * 2, "%s/%s", temp, name);
    return out;
}

static void write_file(const char *path, const char *text, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!CHECK(f != NULL))
        return;
    CHECK(fwrite(text, 1, size, f) == size);
    fclose(f);
}

static void test_generated(void)
{
    Loaded l;
    size_t big = (size_t)9 << 20;
    char *text = malloc(big);
    memset(text, ' ', big);
    const char *head = "<Project>";
    memcpy(text, head, strlen(head));
    write_file(temp_file("big.vcxproj"), text, big);
    free(text);
    load(&l, temp_file("big.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, temp_file("big.vcxproj"), 0, "too large (9437184 bytes; at most 8 MiB)");
    unload(&l);

    static const char nul[] = "<Project>\n  <PropertyGroup>\n  \0 </PropertyGroup>\n</Project>\n";
    write_file(temp_file("nul.vcxproj"), nul, sizeof nul - 1);
    load(&l, temp_file("nul.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, temp_file("nul.vcxproj"), 3, "a NUL byte; not a text file");
    unload(&l);

    /* A chain of 17 imports: one more than MSBuild's own projects need. */
    char name[64], body[512];
    for (int i = 0; i <= 17; i++) {
        snprintf(name, sizeof name, i == 0 ? "deep.vcxproj" : "d%d.props", i);
        snprintf(body, sizeof body, "<Project>\n  <Import Project=\"d%d.props\" />\n</Project>\n",
                 i + 1);
        write_file(temp_file(name), body, strlen(body));
    }
    load(&l, temp_file("deep.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, temp_file("d16.props"), 2, "imports nested more than 16 deep");
    CHECK(l.project.read_count == 17);
    unload(&l);

    load(&l, temp_file("missing.vcxproj"), NULL, NULL);
    CHECK_ERROR(&l, temp_file("missing.vcxproj"), 0, "cannot read it: ");
    unload(&l);

    static const char no_project[] = "Microsoft Visual Studio Solution File\n";
    write_file(temp_file("empty.sln"), no_project, sizeof no_project - 1);
    ToolMessageList messages = {0};
    char err[1024];
    char **paths = NULL;
    size_t count = 0;
    CHECK(sln_list_projects(temp_file("empty.sln"), &paths, &count, &messages, err,
                            sizeof err) == -1);
    char want[PATH_MAX * 2];
    snprintf(want, sizeof want, "%s: lists no .vcxproj project", temp_file("empty.sln"));
    CHECK_STR(err, want);
    tool_message_list_free(&messages);
}

static void write_text(const char *path, const char *text)
{
    write_file(path, text, strlen(text));
}

/* Links into /proc are never followed: not by Exists(), not for a
 * source, not for the project itself. */
static void test_links(void)
{
    Loaded l;
    CHECK(symlink("/proc/self/environ", temp_file("environ.h")) == 0);
    CHECK(symlink("/proc/self/environ", temp_file("environ.c")) == 0);
    CHECK(symlink("/proc/self/environ", temp_file("environ.vcxproj")) == 0);
    write_text(temp_file("ok.c"), "/* a source */\n");
    write_text(temp_file("links.vcxproj"),
               "<Project>\n"
               "  <PropertyGroup>\n"
               "    <ConfigurationType>Driver</ConfigurationType>\n"
               "    <Linked Condition=\"Exists('environ.h')\">yes</Linked>\n"
               "  </PropertyGroup>\n"
               "  <ItemGroup>\n"
               "    <ClCompile Include=\"ok.c;environ.c\">\n"
               "      <PreprocessorDefinitions>LINKED_$(Linked)</PreprocessorDefinitions>\n"
               "    </ClCompile>\n"
               "  </ItemGroup>\n"
               "</Project>\n");
    load(&l, temp_file("links.vcxproj"), "Release", "x64");
    CHECK(l.rc == 0);
    if (CHECK(l.project.files.count == 1)) {
        CHECK_STR(l.project.files.entries[0].file, temp_file("ok.c"));
        const ArgList *args = &l.project.files.entries[0].args;
        CHECK_STR(args->items[args->count - 1], "-DLINKED_");
    }
    CHECK(l.messages.count == 1 && l.messages.items[0].loc.line == 7 &&
          strcmp(l.messages.items[0].message, "ClCompile environ.c: no such file; left out") == 0);
    unload(&l);

    load(&l, temp_file("environ.vcxproj"), NULL, NULL);
    CHECK(l.rc == -1);
    CHECK(strstr(l.err, "not a regular file") != NULL);
    unload(&l);
}

/* The bounds: metadata names of one item, metadata values and items of
 * one project. */
static void test_bounds(void)
{
    size_t size = 64 * 1024 + 100001 * 5 + 201 * 32;
    char *text = malloc(size);
    size_t n = (size_t)snprintf(text, size, "<Project>\n  <PropertyGroup>\n    <ConfigurationType>"
                                            "Driver</ConfigurationType>\n  </PropertyGroup>\n"
                                            "  <ItemGroup>\n    <ClCompile Include=\"");
    for (size_t i = 0; i < 100001; i++)
        n += (size_t)snprintf(text + n, size - n, "ok.c;");
    n += (size_t)snprintf(text + n, size - n, "\">\n");
    for (int i = 0; i < 201; i++)
        n += (size_t)snprintf(text + n, size - n, "      <M%d>x</M%d>\n", i, i);
    n += (size_t)snprintf(text + n, size - n, "    </ClCompile>\n  </ItemGroup>\n</Project>\n");
    write_file(temp_file("bounds.vcxproj"), text, n);
    free(text);
    Loaded l;
    load(&l, temp_file("bounds.vcxproj"), "Release", "x64");
    CHECK(l.rc == 0);
    CHECK(l.project.files.count == 1);
    bool names = false, items = false, sets = false;
    for (size_t i = 0; i < l.messages.count; i++) {
        const ToolMessage *m = &l.messages.items[i];
        names = names || (m->loc.line == 207 &&
                          strstr(m->message, "more than 200 metadata of one item") != NULL);
        sets = sets || strstr(m->message, "more than 1000000 metadata values") != NULL;
        items = items || (m->loc.line == 6 &&
                          strstr(m->message, "more than 100000 ClCompile items") != NULL);
    }
    CHECK(names && items && sets);
    unload(&l);
}

static void remove_temp(void)
{
    static const char *const names[] = {"big.vcxproj", "nul.vcxproj", "deep.vcxproj",
                                        "empty.sln", "environ.h", "environ.c",
                                        "environ.vcxproj", "ok.c", "links.vcxproj",
                                        "bounds.vcxproj"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(temp_file(names[i]));
    for (int i = 1; i <= 17; i++) {
        char name[32];
        snprintf(name, sizeof name, "d%d.props", i);
        unlink(temp_file(name));
    }
    rmdir(temp);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s FIXTURE_DIR RULES_DIR\n", argv[0]);
        return 2;
    }
    if (realpath(argv[1], fixtures) == NULL) {
        fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    char err[1024];
    BuildEnvironment *loaded = build_environment_load(argv[2], err, sizeof err);
    if (loaded == NULL) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    env = loaded;
    const char *tmp = getenv("TMPDIR");
    snprintf(temp, sizeof temp, "%s/ndislint-vcxproj-XXXXXX", tmp != NULL ? tmp : "/tmp");
    char made[PATH_MAX];
    if (mkdtemp(temp) == NULL || realpath(temp, made) == NULL) {
        fprintf(stderr, "cannot make a temporary folder: %s\n", strerror(errno));
        return 2;
    }
    snprintf(temp, sizeof temp, "%s", made);

    test_miniport_default();
    test_miniport_debug_win32();
    test_miniport_choices();
    test_conditions();
    test_cpp();
    test_application();
    test_sln();
    test_bad_xml();
    test_hostile_imports();
    test_hostile_values();
    test_generated();
    test_links();
    test_bounds();

    remove_temp();
    build_environment_free(loaded);
    printf("test_project_vcxproj: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
