/* test_inputs.c - compile databases and the configuration file.
 *
 * Databases whose "directory" must be absolute are written at run time
 * into a fresh temporary folder; DATA_DIR holds the ones that do not
 * depend on where they lie.
 *
 * usage: test_inputs DATA_DIR
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "finding.h"
#include "options_config.h"
#include "source_compile_db.h"

#include "../test_check.h"

static const char *data_dir;
static char root[PATH_MAX]; /* the temporary folder, real path */

/* ---- a scratch tree, removed at the end -------------------------------- */

static char *created[256];
static size_t created_count;

static void remember(const char *path)
{
    if (created_count < sizeof created / sizeof created[0])
        created[created_count++] = strdup(path);
}

static void remove_created(void)
{
    while (created_count > 0) {
        char *path = created[--created_count];
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            rmdir(path);
        else
            unlink(path);
        free(path);
    }
    rmdir(root);
}

static char *path_in(const char *rel, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", root, rel);
    return out;
}

static void make_dir(const char *rel)
{
    char path[PATH_MAX + 64];
    path_in(rel, path, sizeof path);
    if (mkdir(path, 0700) == 0)
        remember(path);
}

static void write_file(const char *rel, const char *text)
{
    char path[PATH_MAX + 64];
    path_in(rel, path, sizeof path);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
    remember(path);
}

/* Writes `fmt` with every "@ROOT@" replaced by the temporary folder. */
static void write_with_root(const char *rel, const char *text)
{
    char out[8192];
    size_t n = 0;
    const char *mark = "@ROOT@";
    for (const char *p = text; *p != '\0' && n + PATH_MAX < sizeof out;) {
        if (strncmp(p, mark, strlen(mark)) == 0) {
            n += (size_t)snprintf(out + n, sizeof out - n, "%s", root);
            p += strlen(mark);
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    write_file(rel, out);
}

/* ---- helpers ----------------------------------------------------------- */

/* Compares `args` with `expected` (NULL-terminated, "@ROOT@" expanded at
 * the start of an item); prints both on a mismatch. */
static bool args_are(const ArgList *args, const char *const *expected)
{
    size_t n = 0;
    bool same = true;
    for (; expected[n] != NULL; n++) {
        char want[PATH_MAX + 256];
        const char *e = expected[n];
        const char *at = strstr(e, "@ROOT@");
        if (at != NULL)
            snprintf(want, sizeof want, "%.*s%s%s", (int)(at - e), e, root,
                     at + 6);
        else
            snprintf(want, sizeof want, "%s", e);
        if (n >= args->count || strcmp(args->items[n], want) != 0)
            same = false;
    }
    if (n != args->count)
        same = false;
    if (!same) {
        fprintf(stderr, "  got:");
        for (size_t i = 0; i < args->count; i++)
            fprintf(stderr, " [%s]", args->items[i]);
        fprintf(stderr, "\n  expected:");
        for (size_t i = 0; expected[i] != NULL; i++)
            fprintf(stderr, " [%s]", expected[i]);
        fprintf(stderr, "\n");
    }
    return same;
}

static const CompileEntry *entry_named(const CompileDb *db, const char *rel)
{
    char path[PATH_MAX + 64];
    path_in(rel, path, sizeof path);
    for (size_t i = 0; i < db->count; i++) {
        if (strcmp(db->entries[i].file, path) == 0)
            return &db->entries[i];
    }
    fprintf(stderr, "  no entry for %s\n", path);
    return NULL;
}

/* True when a warning about `file` says exactly that `arg` was dropped. */
static bool warned_about(const ToolMessageList *messages, const char *file,
                         const char *arg, const char *why)
{
    char want[512];
    snprintf(want, sizeof want, "compile database: dropped '%s': %s", arg,
             why);
    for (size_t i = 0; i < messages->count; i++) {
        const ToolMessage *m = &messages->items[i];
        if (m->level == LEVEL_WARNING && m->loc.file != NULL &&
            strcmp(m->loc.file, file) == 0 && strcmp(m->message, want) == 0)
            return true;
    }
    fprintf(stderr, "  no warning: %s\n", want);
    return false;
}

static bool starts_with(const char *s, const char *prefix)
{
    bool ok = strncmp(s, prefix, strlen(prefix)) == 0;
    if (!ok)
        fprintf(stderr, "  '%s' does not start with '%s'\n", s, prefix);
    return ok;
}

static const char loads[] = "it would load code into the parser";
static const char reads[] =
    "it would make the parser read or write a file the database names";

/* ---- compile databases ------------------------------------------------- */

static void setup_tree(void)
{
    make_dir("db");
    make_dir("db/src");
    make_dir("db/inc");
    write_file("db/src/a.c", "int a;\n");
    write_file("db/src/b.c", "int b;\n");
    write_file("db/src/c.c", "int c;\n");
    write_file("db/src/d.c", "int d;\n");
    write_file("db/src/e.c", "int e;\n");
    write_file("db/pre.h", "#define PRE 1\n");
    /* Would define FROM_RSP if anything read it. */
    write_file("db/r.rsp", "-DFROM_RSP=1 -fplugin=rsp.so\n");
    write_with_root(
        "db/compile_commands.json",
        "[\n"
        " {\"directory\": \"@ROOT@/db\", \"file\": \"src/a.c\",\n"
        "  \"arguments\": [\"clang\", \"-c\", \"-Iinc\", \"-I\", \"./inc2\",\n"
        "    \"-I@ROOT@/abs\", \"-DFOO=1\", \"-isystem\", \"sys\", \"-o\",\n"
        "    \"a.o\", \"src/a.c\", \"-Wall\", \"-O2\", \"-g\", \"-MD\",\n"
        "    \"-MF\", \"a.d\", \"--target=x86_64-linux-gnu\", \"-std=c11\",\n"
        "    \"-fms-extensions\", \"-m64\", \"-nostdinc\", \"-include\",\n"
        "    \"pre.h\", \"-x\", \"c\", \"-fno-builtin\", \"-UBAR\"]},\n"
        " {\"directory\": \"@ROOT@/db\", \"file\": \"@ROOT@/db/src/b.c\",\n"
        "  \"command\": \"gcc -c -I inc -D 'BAR=a b' -DQ=\\\\\\\"q\\\\\\\" "
        "-o b.o @ROOT@/db/src/b.c\"},\n"
        " {\"directory\": \"@ROOT@/db\", \"file\": \"src/c.c\",\n"
        "  \"command\": \"cl.exe /nologo /W4 /I inc /Iinc2 /DX=1 /D Y /UZ "
        "/TC /FI pre.h /Fo:c.obj /Zi /GS- /kernel /std:c11 -FIother.h "
        "/O2 /Tc src/c.c\"},\n"
        " {\"directory\": \"@ROOT@/db\", \"file\": \"src/d.c\",\n"
        "  \"arguments\": [\"clang\", \"-fplugin=x.so\", \"-Xclang\", "
        "\"-load\",\n"
        "    \"-Xclang\", \"x.so\", \"-fpass-plugin=p.so\", \"-DOK\", "
        "\"@r.rsp\",\n"
        "    \"-ivfsoverlay\", \"o.yaml\", \"-Xclang\", \"-add-plugin\", "
        "\"-Xclang\",\n"
        "    \"pl\", \"-fplugin-arg-pl-k=v\", \"-load\", \"y.so\", "
        "\"src/d.c\"]},\n"
        " {\"directory\": \"@ROOT@/db\", \"file\": \"src/e.c\",\n"
        "  \"command\": \"clang-cl @r.rsp /clang:-fplugin=z.so "
        "/clang:-DVIA_CLANG src/e.c\"}\n"
        "]\n");
}

static void test_clang_style(const CompileDb *db)
{
    const CompileEntry *a = entry_named(db, "db/src/a.c");
    CHECK(a != NULL);
    if (a != NULL) {
        static const char *const want[] = {
            "-I@ROOT@/db/inc", "-I@ROOT@/db/inc2", "-I@ROOT@/abs", "-DFOO=1",
            "-isystem", "@ROOT@/db/sys", "-std=c11", "-fms-extensions",
            "-include", "@ROOT@/db/pre.h", "-x", "c", "-UBAR", NULL};
        CHECK(args_are(&a->args, want));
    }
    const CompileEntry *b = entry_named(db, "db/src/b.c");
    CHECK(b != NULL);
    if (b != NULL) {
        static const char *const want[] = {"-I@ROOT@/db/inc", "-DBAR=a b",
                                           "-DQ=\"q\"", NULL};
        CHECK(args_are(&b->args, want));
    }
}

static void test_cl_style(const CompileDb *db)
{
    const CompileEntry *c = entry_named(db, "db/src/c.c");
    CHECK(c != NULL);
    if (c != NULL) {
        /* other.h is not in the entry's folder: left to the include path. */
        static const char *const want[] = {
            "-I@ROOT@/db/inc", "-I@ROOT@/db/inc2", "-DX=1", "-DY", "-UZ",
            "-x", "c", "-include", "@ROOT@/db/pre.h", "-std=c11",
            "-include", "other.h", NULL};
        CHECK(args_are(&c->args, want));
    }
}

static void test_dropped(const CompileDb *db, const ToolMessageList *messages)
{
    const CompileEntry *d = entry_named(db, "db/src/d.c");
    const CompileEntry *e = entry_named(db, "db/src/e.c");
    CHECK(d != NULL && e != NULL);
    if (d == NULL || e == NULL)
        return;
    static const char *const want_d[] = {"-DOK", NULL};
    CHECK(args_are(&d->args, want_d));
    CHECK(warned_about(messages, d->file, "-fplugin=x.so", loads));
    CHECK(warned_about(messages, d->file, "-Xclang -load -Xclang x.so", loads));
    CHECK(warned_about(messages, d->file, "-fpass-plugin=p.so", loads));
    CHECK(warned_about(messages, d->file, "-Xclang -add-plugin -Xclang pl",
                       loads));
    CHECK(warned_about(messages, d->file, "-fplugin-arg-pl-k=v", loads));
    CHECK(warned_about(messages, d->file, "-load y.so", loads));
    CHECK(warned_about(messages, d->file, "@r.rsp", reads));
    CHECK(warned_about(messages, d->file, "-ivfsoverlay o.yaml", reads));

    /* The response file was not read: nothing from it reached the
     * arguments, in the "command" form either. */
    static const char *const want_e[] = {"-DVIA_CLANG", NULL};
    CHECK(args_are(&e->args, want_e));
    CHECK(warned_about(messages, e->file, "@r.rsp", reads));
    CHECK(warned_about(messages, e->file, "/clang:-fplugin=z.so", loads));
    /* Nothing else was said: 8 for d.c, 2 for e.c. */
    CHECK(messages->count == 10);
}

static void test_find(const CompileDb *db)
{
    char cwd[PATH_MAX];
    char dir[PATH_MAX + 64];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK(chdir(path_in("db/inc", dir, sizeof dir)) == 0);
    const CompileEntry *a = entry_named(db, "db/src/a.c");
    CHECK(a != NULL && compile_db_find(db, "../src/a.c") == a);
    CHECK(a != NULL && compile_db_find(db, ".//../src/./a.c") == a);
    CHECK(compile_db_find(db, "../src/zzz.c") == NULL);
    CHECK(compile_db_find(db, "a.c") == NULL);
    CHECK(chdir(cwd) == 0);
    CHECK(a != NULL && compile_db_find(db, a->file) == a);
}

static void test_compile_db(void)
{
    char path[PATH_MAX + 64];
    char err[1024];
    CompileDb db;
    ToolMessageList messages = {0};

    setup_tree();
    int rc = compile_db_load(path_in("db", path, sizeof path), &db, &messages,
                             err, sizeof err);
    CHECK(rc == 0);
    if (rc != 0) {
        fprintf(stderr, "  %s\n", err);
        tool_message_list_free(&messages);
        return;
    }
    CHECK(db.count == 5);
    CHECK(strcmp(db.path, path_in("db/compile_commands.json", path,
                                  sizeof path)) == 0);
    test_clang_style(&db);
    test_cl_style(&db);
    test_dropped(&db, &messages);
    test_find(&db);
    compile_db_free(&db);
    tool_message_list_free(&messages);

    /* The same database named by its file. */
    rc = compile_db_load(path_in("db/compile_commands.json", path,
                                 sizeof path), &db, &messages, err,
                         sizeof err);
    CHECK(rc == 0 && db.count == 5);
    CHECK(rc == 0 && entry_named(&db, "db/src/c.c") != NULL);
    compile_db_free(&db);
    tool_message_list_free(&messages);
}

static void test_compile_db_errors(void)
{
    char path[PATH_MAX];
    char want[PATH_MAX + 64];
    char err[1024];
    CompileDb db;
    ToolMessageList messages = {0};

    snprintf(path, sizeof path, "%s/malformed", data_dir);
    CHECK(compile_db_load(path, &db, &messages, err, sizeof err) == -1);
    snprintf(want, sizeof want, "%s/compile_commands.json:5: not valid JSON",
             path);
    CHECK(strcmp(err, want) == 0);
    CHECK(db.count == 0 && db.entries == NULL);

    snprintf(path, sizeof path, "%s/missing_file/compile_commands.json",
             data_dir);
    CHECK(compile_db_load(path, &db, &messages, err, sizeof err) == -1);
    snprintf(want, sizeof want,
             "%s: entry 1: key 'file': required key is missing", path);
    CHECK(strcmp(err, want) == 0);

    snprintf(path, sizeof path, "%s/build.json", data_dir);
    CHECK(compile_db_load(path, &db, &messages, err, sizeof err) == -1);
    CHECK(starts_with(err, path));
    CHECK(strstr(err, "compile_commands.json") != NULL);

    snprintf(path, sizeof path, "%s/no-such-folder", data_dir);
    CHECK(compile_db_load(path, &db, &messages, err, sizeof err) == -1);
    CHECK(starts_with(err, path));
    CHECK(messages.count == 0);
    tool_message_list_free(&messages);
}

/* ---- the configuration file -------------------------------------------- */

/* Writes `text` as cfg/.ndislint.json and checks that loading it fails
 * with exactly "PATH:`line`: `message`". */
static void check_config_error(const char *text, unsigned line,
                               const char *message)
{
    char path[PATH_MAX + 64];
    char want[PATH_MAX + 512];
    char err[1024] = "";
    Config config;

    write_file("cfg/bad/.ndislint.json", text);
    path_in("cfg/bad/.ndislint.json", path, sizeof path);
    CHECK(config_load(path, &config, err, sizeof err) == -1);
    snprintf(want, sizeof want, "%s:%u: %s", path, line, message);
    if (strcmp(err, want) != 0)
        fprintf(stderr, "  got:      %s\n  expected: %s\n", err, want);
    CHECK(strcmp(err, want) == 0);
    CHECK(config.path == NULL && config.rule_count == 0);
}

static void test_config_errors(void)
{
    make_dir("cfg/bad");
    check_config_error("{\n  \"rules\": {},\n  \"bogus\": 1\n}\n", 3,
                       "key 'bogus': unknown key");
    check_config_error("{\n \"rules\": {\n   \"NDIS003\": \"off\",\n"
                       "   \"NDIS003\": \"error\"\n }\n}\n",
                       4, "key 'rules.NDIS003': duplicate key");
    check_config_error("{\"args\": [],\n\n\"args\": []}\n", 3,
                       "key 'args': duplicate key");
    check_config_error("{\n\n \"args\": \"-DX\"\n}\n", 3,
                       "key 'args': expected an array of strings");
    check_config_error("{\"rules\": {\n \"NDIS001\": \"note\",\n"
                       " \"NDIS003\": \"loud\"}}\n",
                       3, "key 'rules.NDIS003': expected one of off, error, "
                          "warning, note");
    /* The line is found past nested values and strings with brackets. */
    check_config_error("{\"rules\": {\"a\": \"error\", \"b}\": \"off\"},\n"
                       " \"exclude\": [\"x\", \"y, [z]\\\"\"], \"args\": [\n"
                       " 3]}\n",
                       3, "key 'args[0]': expected a non-empty string");
    check_config_error("{\"rules\": {\"a\": \"error\",\n"
                       " \"NDIS003\": 2}}\n",
                       2, "key 'rules.NDIS003': expected one of off, error, "
                          "warning, note");
    check_config_error("{\"exclude\": [\n \"a\",\n 5]}\n", 3,
                       "key 'exclude[1]': expected a non-empty string");
    check_config_error("{\"args\": [\"-DX\",\n \"-Xclang\", \"-load\", "
                       "\"-Xclang\", \"x.so\"]}\n",
                       2, "key 'args[1]': '-Xclang' would load code into the "
                          "parser or make it read other files");
    check_config_error("{\n \"rules\": {\n  \"NDIS003\": \"off\",\n }\n}\n",
                       4, "not valid JSON");
    check_config_error("[1]\n", 1, "expected a JSON object at the top level");
}

static void test_config_valid(void)
{
    char path[PATH_MAX + 64];
    char err[1024] = "";
    Config config;

    make_dir("cfg");
    write_file("cfg/.ndislint.json",
               "{\n"
               "  \"rules\": {\"NDIS003\": \"off\", \"message-isr-true\": "
               "\"note\"},\n"
               "  \"args\": [\"-DX=1\", \"-Iinc\"],\n"
               "  \"exclude\": [\"third_party/**\", \"*.cpp\", \"src/?.c\",\n"
               "               \"build/\", \"**/gen/*.c\"]\n"
               "}\n");
    path_in("cfg/.ndislint.json", path, sizeof path);
    int rc = config_load(path, &config, err, sizeof err);
    CHECK(rc == 0);
    if (rc != 0) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(strcmp(config.path, path) == 0);
    CHECK(config.rule_count == 2);
    CHECK(strcmp(config.rules[0].rule, "NDIS003") == 0 && config.rules[0].off);
    CHECK(strcmp(config.rules[1].rule, "message-isr-true") == 0 &&
          !config.rules[1].off && config.rules[1].level == LEVEL_NOTE);
    CHECK(config.arg_count == 2 && strcmp(config.args[1], "-Iinc") == 0);
    CHECK(config.exclude_count == 5);

    static const struct {
        const char *rel;
        bool excluded;
    } cases[] = {
        {"cfg/third_party/x/y.c", true},
        {"cfg/third_party/y.c", true},
        {"cfg/third_party_x/y.c", false},
        {"cfg/a.cpp", true},
        {"cfg/sub/a.cpp", false},
        {"cfg/a.c", false},
        {"cfg/src/a.c", true},
        {"cfg/src/ab.c", false},
        {"cfg/src/sub/a.c", false},
        {"cfg/build/x/y.c", true},
        {"cfg/gen/x.c", true},
        {"cfg/a/b/gen/x.c", true},
        {"cfg/a/b/gen/x/y.c", false},
        {"other/third_party/z.c", false},
        {"third_party/z.c", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char file[PATH_MAX + 64];
        path_in(cases[i].rel, file, sizeof file);
        bool got = config_excludes(&config, file);
        if (got != cases[i].excluded)
            fprintf(stderr, "  exclude %s: got %d\n", cases[i].rel, got);
        CHECK(got == cases[i].excluded);
    }
    config_free(&config);
    CHECK(config.path == NULL && config.rules == NULL);
}

static void test_config_find(void)
{
    char start[PATH_MAX + 64];
    char want[PATH_MAX + 64];
    char found[PATH_MAX];

    make_dir("cfg/a");
    make_dir("cfg/a/b");
    make_dir("cfg/a/b/c");
    path_in("cfg/a/b/c", start, sizeof start);
    path_in("cfg/.ndislint.json", want, sizeof want);
    CHECK(config_find(start, found, sizeof found) == 1);
    CHECK(strcmp(found, want) == 0);
    /* A nearer file wins. */
    write_file("cfg/a/.ndislint.json", "{}\n");
    path_in("cfg/a/.ndislint.json", want, sizeof want);
    CHECK(config_find(start, found, sizeof found) == 1);
    CHECK(strcmp(found, want) == 0);
    /* Too small a buffer is "not found", never a cut path. */
    CHECK(config_find(start, found, 8) == 0);
    /* The scratch folder's parents are expected to hold none. */
    path_in("db", start, sizeof start);
    CHECK(config_find(start, found, sizeof found) == 0);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_inputs DATA_DIR\n");
        return 2;
    }
    data_dir = argv[1];
    const char *tmp = getenv("TMPDIR");
    char pattern[PATH_MAX];
    snprintf(pattern, sizeof pattern, "%s/ndislint-inputs-XXXXXX",
             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    if (mkdtemp(pattern) == NULL || realpath(pattern, root) == NULL) {
        fprintf(stderr, "cannot create a temporary folder\n");
        return 2;
    }

    test_compile_db();
    test_compile_db_errors();
    test_config_valid();
    test_config_errors();
    test_config_find();

    remove_created();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
