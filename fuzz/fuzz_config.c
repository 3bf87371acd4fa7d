/* fuzz_config.c - config_load on arbitrary .ndislint.json files; when one
 * loads, its exclude patterns are matched against a few paths. */
#include <stdint.h>

#include "fuzz_common.h"
#include "options_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char file[PATH_MAX];
    if (file[0] == '\0')
        fuzz_path(file, sizeof(file), ".ndislint.json");
    fuzz_write(file, data, size);

    Config config = {0};
    char err[1024];
    if (config_load(file, &config, err, sizeof(err)) == 0) {
        static const char *const probes[] = {"a.c", "src/driver.c",
                                             "third_party/x/y/z.c", ".ndislint.json"};
        for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
            char path[PATH_MAX];
            fuzz_path(path, sizeof(path), probes[i]);
            (void)config_excludes(&config, path);
        }
        (void)config_excludes(&config, "/");
    } else if (strlen(err) >= sizeof(err)) {
        abort();
    }
    config_free(&config);
    return 0;
}
