/* test_parse_focus.c - which bodies the parser converts at once when told
 * what the rules start from, what the others keep, and that a second
 * reading with every body converted gives them theirs.
 *
 * usage: test_parse_focus   (parses a small file with the model headers)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "facts.h"
#include "source_args.h"
#include "source_parse.h"

#include "../test_check.h"

static const char source[] =
    "#include <ndis.h>\n"
    "MINIPORT_INITIALIZE MpInit;\n"
    "static NDIS_STATUS Helper(void) { return NDIS_STATUS_SUCCESS; }\n"
    "static void Leaf(void) { }\n"
    "static void Unreached(void) { Leaf(); }\n"
    "static void Handler(void) { }\n"
    "static void Store(PVOID *slot) { *slot = (PVOID)Handler; }\n"
    "static void Registers(NDIS_HANDLE h, PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS c,\n"
    "                      PNDIS_HANDLE out) { NdisMRegisterInterruptEx(h, h, c, out); }\n"
    "NDIS_STATUS MpInit(NDIS_HANDLE a, NDIS_HANDLE b, PNDIS_MINIPORT_INIT_PARAMETERS p)\n"
    "{ UNREFERENCED_PARAMETER(a); UNREFERENCED_PARAMETER(b); UNREFERENCED_PARAMETER(p);\n"
    "  return Helper(); }\n";

static const Function *find(const TranslationFacts *unit, const char *name)
{
    for (size_t i = 0; i < unit->function_count; i++) {
        if (unit->functions[i]->is_definition && strcmp(unit->functions[i]->name, name) == 0)
            return unit->functions[i];
    }
    return NULL;
}

static int parse(SourceParser *parser, Driver *driver, const char *path,
                 const char *model_include, TranslationFacts *unit)
{
    ParseSettings settings = {
        .resource_dir = NDISLINT_RESOURCE_DIR,
        .model_include = model_include,
    };
    ArgList args = {0};
    source_args_build(&settings, path, &args);
    ToolMessageList messages = {0};
    int status = source_parse_file(parser, driver, &driver->arena, path, &args, unit,
                                   &messages);
    for (size_t i = 0; i < messages.count; i++)
        fprintf(stderr, "parser: %s\n", messages.items[i].message);
    tool_message_list_free(&messages);
    arg_list_free(&args);
    return status;
}

int main(void)
{
    char dir[] = "/tmp/ndislint-focus-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 2;
    char path[sizeof(dir) + 16];
    snprintf(path, sizeof(path), "%s/focus.c", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return 2;
    fputs(source, f);
    fclose(f);
    const char *model_include = NDISLINT_SOURCE_DATA_DIR "/include";

    Driver driver;
    driver_init(&driver);
    SourceParser *focused = source_parser_new();
    SourceParser *full = source_parser_new();
    static const char *const entry_calls[] = {"NdisMRegisterInterruptEx"};
    source_parser_focus(focused, entry_calls, 1);
    TranslationFacts first, second;
    CHECK(parse(focused, &driver, path, model_include, &first) == 0);
    CHECK(parse(full, &driver, path, model_include, &second) == 0);

    /* Converted: a role, what it calls, a stored handler and its user, a
     * registration. Left for later: the rest, with their index. */
    const char *converted[] = {"MpInit", "Helper", "Store", "Handler", "Registers"};
    for (size_t i = 0; i < sizeof(converted) / sizeof(converted[0]); i++) {
        const Function *fn = find(&first, converted[i]);
        CHECK(fn != NULL && !fn->body_deferred && fn->body != NULL);
    }
    const Function *unreached = find(&first, "Unreached");
    const Function *leaf = find(&first, "Leaf");
    CHECK(unreached != NULL && unreached->body_deferred && unreached->body == NULL);
    CHECK(leaf != NULL && leaf->body_deferred);
    CHECK(unreached != NULL && unreached->indexed && function_calls(unreached, "Leaf"));
    CHECK(unreached != NULL && !function_uses_function_values(unreached));
    CHECK(unreached != NULL && unreached->end_loc.line == 5);
    /* Without a focus nothing is left for later. */
    for (size_t i = 0; i < second.function_count; i++)
        CHECK(!second.functions[i]->body_deferred);

    /* The second reading gives the deferred ones their bodies. */
    unit_adopt_bodies(&first, &second);
    CHECK(unreached != NULL && !unreached->body_deferred && unreached->body != NULL);
    CHECK(unreached != NULL && unreached->body == find(&second, "Unreached")->body);
    CHECK(leaf != NULL && !leaf->body_deferred);

    source_parser_free(focused);
    source_parser_free(full);
    driver_free(&driver);
    unlink(path);
    rmdir(dir);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
