/* test_ddi_table.c - the DDI table of rules/ddi: what the bundled files
 * say of the DDIs the rules depend on, and how a broken file is refused
 * (the file, the line, the problem; never a partial table).
 *
 *   test_ddi_table RULES_DIR SCRATCH_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rule_ddi_table.h"

static int passed, failed;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (cond) {                                                        \
            passed++;                                                      \
        } else {                                                           \
            failed++;                                                      \
            fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #cond); \
        }                                                                  \
    } while (0)

static const char *scratch;

/* Writes `text` as SCRATCH/NAME/ddi.json and loads that folder. */
static int load_text(const char *name, const char *text, DdiTable *table, char *err,
                     size_t err_size)
{
    char dir[4096], file[4200];
    snprintf(dir, sizeof(dir), "%s/%s", scratch, name);
    mkdir(dir, 0700);
    snprintf(file, sizeof(file), "%s/ddi.json", dir);
    FILE *f = fopen(file, "w");
    if (f == NULL) {
        perror(file);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
    return ddi_table_load(table, dir, err, err_size);
}

static void test_bundled(const char *rules_dir)
{
    char dir[4096], err[1024];
    snprintf(dir, sizeof(dir), "%s/ddi", rules_dir);
    DdiTable t;
    CHECK(ddi_table_load(&t, dir, err, sizeof(err)) == 0);
    CHECK(t.count > 300);
    const DdiInfo *d = ddi_find(&t, "NdisMIndicateReceiveNetBufferLists");
    CHECK(d != NULL && d->irql_max == IRQL_DISPATCH && d->irql_min == IRQL_PASSIVE);
    d = ddi_find(&t, "NdisMRegisterInterruptEx");
    CHECK(d != NULL && d->handle_effect == HANDLE_REGISTERS && d->handle_argument == 3 &&
          d->irql_max == IRQL_PASSIVE);
    d = ddi_find(&t, "NdisMDeregisterInterruptEx");
    CHECK(d != NULL && d->handle_effect == HANDLE_DEREGISTERS && d->handle_argument == 0);
    d = ddi_find(&t, "NdisMSynchronizeWithInterruptEx");
    CHECK(d != NULL && d->callback_argument == 2 && d->callback_role != NULL &&
          strcmp(d->callback_role, "MINIPORT_SYNCHRONIZE_INTERRUPT") == 0 &&
          d->irql_max >= IRQL_DIRQL);
    d = ddi_find(&t, "NdisMQueueDpcEx");
    CHECK(d != NULL && d->irql_max >= IRQL_DIRQL && d->handle_effect == HANDLE_QUEUES_DPC);
    d = ddi_find(&t, "KeStallExecutionProcessor");
    CHECK(d != NULL && d->irql_max == IRQL_HIGH);
    /* Every entry names its documentation page. */
    size_t without_page = 0;
    for (size_t i = 0; i < t.count; i++)
        if (strncmp(t.items[i].page, "https://learn.microsoft.com/", 28) != 0)
            without_page++;
    CHECK(without_page == 0);
    /* A name the table does not hold, or lists as unknown, is not found. */
    CHECK(ddi_find(&t, "NoSuchRoutine") == NULL);
    CHECK(ddi_find(&t, "strcmp") == NULL);
    ddi_table_free(&t);
}

static void test_missing_folder(void)
{
    char dir[4096], err[256] = "x";
    snprintf(dir, sizeof(dir), "%s/not-there", scratch);
    DdiTable t;
    CHECK(ddi_table_load(&t, dir, err, sizeof(err)) == 0 && t.count == 0 && err[0] == '\0');
}

static void expect_error(const char *name, const char *text, const char *needle)
{
    DdiTable t;
    char err[1024] = "";
    int rc = load_text(name, text, &t, err, sizeof(err));
    CHECK(rc == -1);
    CHECK(t.count == 0 && t.items == NULL);
    CHECK(strstr(err, "ddi.json") != NULL);
    if (strstr(err, needle) == NULL) {
        failed++;
        fprintf(stderr, "FAIL %s: expected '%s' in: %s\n", name, needle, err);
    } else {
        passed++;
    }
}

static void test_bad_files(void)
{
    expect_error("syntax", "{\"ddis\": [", "not valid JSON");
    expect_error("root", "[]", "expected an object");
    expect_error("root_key", "{\"ddis\": [], \"extra\": 1}", "unknown key \"extra\"");
    expect_error("level",
                 "{\"ddis\": [\n{\"name\": \"A\", \"irql\": {\"min\": \"PASSIVE_LEVEL\", "
                 "\"max\": \"DPC_LEVEL\"}, \"documented\": \"x\", \"page\": \"https://e/a\"}]}",
                 ":2: \"irql\"");
    expect_error("order",
                 "{\"ddis\": [{\"name\": \"A\", \"irql\": {\"min\": \"DIRQL\", "
                 "\"max\": \"PASSIVE_LEVEL\"}, \"documented\": \"x\", \"page\": \"https://e/a\"}]}",
                 "\"min\" is above \"max\"");
    expect_error("entry_key",
                 "{\"ddis\": [{\"name\": \"A\", \"irql\": {\"min\": \"PASSIVE_LEVEL\", "
                 "\"max\": \"PASSIVE_LEVEL\"}, \"documented\": \"x\", \"page\": \"https://e/a\", "
                 "\"irqll\": 1}]}",
                 "unknown key \"irqll\"");
    expect_error("effect",
                 "{\"ddis\": [{\"name\": \"A\", \"irql\": {\"min\": \"PASSIVE_LEVEL\", "
                 "\"max\": \"PASSIVE_LEVEL\"}, \"documented\": \"x\", \"page\": \"https://e/a\", "
                 "\"interruptHandle\": {\"argument\": 0, \"effect\": \"frees\"}}]}",
                 "\"effect\" must be");
    expect_error("argument",
                 "{\"ddis\": [{\"name\": \"A\", \"irql\": {\"min\": \"PASSIVE_LEVEL\", "
                 "\"max\": \"PASSIVE_LEVEL\"}, \"documented\": \"x\", \"page\": \"https://e/a\", "
                 "\"callback\": {\"argument\": -1, \"role\": \"R\"}}]}",
                 "\"argument\" must be an index");
    expect_error("page",
                 "{\"ddis\": [{\"name\": \"A\", \"irql\": {\"min\": \"PASSIVE_LEVEL\", "
                 "\"max\": \"PASSIVE_LEVEL\"}, \"documented\": \"x\", \"page\": \"file:///etc\"}]}",
                 "https://");
    expect_error("twice",
                 "{\"ddis\": [{\"name\": \"A\", \"irql\": {\"min\": \"PASSIVE_LEVEL\", "
                 "\"max\": \"PASSIVE_LEVEL\"}, \"documented\": \"x\", \"page\": \"https://e/a\"},"
                 "{\"name\": \"A\", \"irql\": {\"min\": \"PASSIVE_LEVEL\", "
                 "\"max\": \"PASSIVE_LEVEL\"}, \"documented\": \"x\", \"page\": \"https://e/a\"}]}",
                 "A is described twice");
    expect_error("unknown_shape", "{\"ddis\": [], \"unknown\": [{\"name\": \"A\"}]}",
                 "\"unknown\"");
}

/* A DDI described by a line of data only: found, with what it says. */
static void test_new_entry(void)
{
    DdiTable t;
    char err[1024];
    int rc = load_text("new",
                       "{\"ddis\": [{\"name\": \"HwQueueRepair\", \"irql\": {\"min\": "
                       "\"PASSIVE_LEVEL\", \"max\": \"APC_LEVEL\"}, \"documented\": \"<= "
                       "APC_LEVEL\", \"page\": \"https://example.invalid/hw\", \"callback\": "
                       "{\"argument\": 1, \"role\": \"HW_REPAIR_ROUTINE\"}}]}",
                       &t, err, sizeof(err));
    CHECK(rc == 0);
    const DdiInfo *d = ddi_find(&t, "HwQueueRepair");
    CHECK(d != NULL && d->irql_max == IRQL_APC && d->callback_argument == 1 &&
          d->handle_argument == -1 && d->handle_effect == HANDLE_NONE);
    ddi_table_free(&t);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_ddi_table RULES_DIR SCRATCH_DIR\n");
        return 2;
    }
    scratch = argv[2];
    mkdir(scratch, 0700);
    test_bundled(argv[1]);
    test_missing_folder();
    test_bad_files();
    test_new_entry();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
