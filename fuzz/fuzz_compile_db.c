/* fuzz_compile_db.c - compile_db_load (and libclang's compilation
 * database under it) on arbitrary compile_commands.json files; when one
 * loads, every entry is looked up again by its file and its arguments are
 * checked again for unsafe ones. */
#include <stdint.h>

#include "finding.h"
#include "fuzz_common.h"
#include "source_compile_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[PATH_MAX];
    static char file[PATH_MAX];
    if (dir[0] == '\0') {
        fuzz_path(dir, sizeof(dir), "db");
        if (mkdir(dir, 0700) != 0)
            fuzz_die("mkdir");
        fuzz_path(file, sizeof(file), "db/compile_commands.json");
    }
    fuzz_write(file, data, size);

    CompileDb db = {0};
    ToolMessageList messages = {0};
    char err[1024];
    /* The folder form and the file form alternate with the input's size. */
    const char *path = (size & 1) ? file : dir;
    if (compile_db_load(path, &db, &messages, err, sizeof(err)) == 0) {
        for (size_t i = 0; i < db.count; i++) {
            (void)compile_db_find(&db, db.entries[i].file);
            (void)compile_args_find_unsafe(db.entries[i].args.items,
                                           db.entries[i].args.count);
        }
        compile_db_free(&db);
    } else if (strlen(err) >= sizeof(err)) {
        abort();
    }
    tool_message_list_free(&messages);
    return 0;
}
