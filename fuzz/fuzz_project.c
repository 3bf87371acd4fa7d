/* fuzz_project.c - project_load on arbitrary project files: a .vcxproj
 * (XML), a .sln, a `sources` file or a `dirs` file, written alone in a
 * folder of its own. What the input names beyond itself (imports,
 * !include, sources below a dirs file) is mostly not there, which is an
 * error the readers must report, never a crash; the input naming itself
 * is the cycle they must catch.
 *
 * The kind follows the input: XML (a first non-blank '<') is a .vcxproj,
 * a solution header makes a .sln, and otherwise the input's size picks
 * `sources` (even) or `dirs` (odd), so that one corpus feeds both. */
#include <ctype.h>
#include <stdint.h>

#include "finding.h"
#include "fuzz_common.h"
#include "project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *project_name(const uint8_t *data, size_t size)
{
    size_t i = 0;
    while (i < size && isspace(data[i]))
        i++;
    if (i < size && data[i] == '<')
        return "driver.vcxproj";
    static const char solution[] = "Microsoft Visual Studio Solution File";
    size_t n = sizeof(solution) - 1;
    for (size_t at = 0; at + n <= size && at < 512; at++)
        if (memcmp(data + at, solution, n) == 0)
            return "drivers.sln";
    return (size & 1) ? "dirs" : "sources";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[PATH_MAX];
    static BuildEnvironment *env;
    if (dir[0] == '\0') {
        fuzz_path(dir, sizeof(dir), "project");
        if (mkdir(dir, 0700) != 0)
            fuzz_die("mkdir");
        char err[1024];
        env = build_environment_load(fuzz_rules_dir(), err, sizeof(err));
        if (env == NULL) {
            fprintf(stderr, "fuzz_project: %s\n", err);
            abort();
        }
    }
    /* One file at a time: the one of the previous input is removed, so
     * that a `dirs` input never finds a `sources` written before. */
    static const char *names[] = {"driver.vcxproj", "drivers.sln", "sources", "dirs"};
    char file[PATH_MAX];
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (snprintf(file, sizeof(file), "%s/%s", dir, names[i]) >= (int)sizeof(file))
            fuzz_die("path too long");
        unlink(file);
    }
    if (snprintf(file, sizeof(file), "%s/%s", dir, project_name(data, size)) >=
        (int)sizeof(file))
        fuzz_die("path too long");
    fuzz_write(file, data, size);

    /* Half the inputs ask for a configuration, half take the default. */
    BuildChoice choice = {0};
    if (size & 2) {
        choice.configuration = "Debug";
        choice.platform = "Win32";
    }
    ProjectSet set = {0};
    ToolMessageList messages = {0};
    char err[1024];
    if (project_load(file, &choice, env, &set, &messages, err, sizeof(err)) == 0) {
        for (size_t i = 0; i < set.count; i++) {
            const CompileDb *db = &set.items[i].files;
            for (size_t j = 0; j < db->count; j++)
                (void)compile_args_find_unsafe(db->entries[j].args.items,
                                               db->entries[j].args.count);
        }
    } else if (strlen(err) >= sizeof(err) || err[0] == '\0') {
        abort();
    }
    project_set_free(&set);
    tool_message_list_free(&messages);
    return 0;
}
