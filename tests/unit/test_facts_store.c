/* test_facts_store.c - function bodies set aside in the store and read
 * back: the index that stands in for them, the same facts after loading
 * (with the body's own tables of paths and file-scope variables), a body
 * whose bytes are gone, one whose bytes are damaged, and bodies left for a
 * second parse that fails.
 *
 * usage: test_facts_store
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "facts_dump.h"
#include "facts_program.h"
#include "facts_store.h"
#include "facts_wire.h"

#include "../test_check.h"

static Arena *arena;
static const char *file_name;

static Expr *node(ExprKind kind, unsigned line, size_t kid_count)
{
    Expr *e = arena_alloc(arena, sizeof(*e));
    e->kind = kind;
    e->loc = (SourceLoc){file_name, line, 5};
    e->kids = arena_alloc(arena, (kid_count + 1) * sizeof(*e->kids));
    e->kid_count = kid_count;
    return e;
}

static Expr *function_name(const char *name, unsigned line)
{
    Expr *e = node(EXPR_FUNC, line, 0);
    e->name = name;
    return e;
}

static Stmt *statement(StmtKind kind, Expr *e, size_t kid_count)
{
    Stmt *s = arena_alloc(arena, sizeof(*s));
    s->kind = kind;
    s->expr = e;
    s->loc = e != NULL ? e->loc : (SourceLoc){file_name, 1, 1};
    s->kids = arena_alloc(arena, (kid_count + 1) * sizeof(*s->kids));
    s->kid_count = kid_count;
    return s;
}

/* Init(p) { NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS c;
 *           c.MessageInterruptHandler = MyIsr;
 *           NdisMRegisterInterruptEx(p, p, &c, p); return 0; }
 * and a declaration of MyIsr (a role typedef). */
static void build_unit(Driver *driver, TranslationFacts *unit)
{
    arena = &driver->arena;
    file_name = driver_intern_path(driver, "/src/init.c");
    Function *init = arena_alloc(arena, sizeof(*init));
    init->name = "Init";
    init->loc = (SourceLoc){file_name, 3, 1};
    init->is_definition = true;
    init->param_count = 1;
    init->var_count = 2;
    init->vars = arena_alloc(arena, 3 * sizeof(*init->vars));
    for (unsigned i = 0; i < 2; i++) {
        Var *v = arena_alloc(arena, sizeof(*v));
        v->name = i == 0 ? "p" : "c";
        v->scope = i == 0 ? VAR_PARAM : VAR_LOCAL;
        v->record = i == 0 ? NULL : "NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS";
        v->index = i;
        v->loc = (SourceLoc){file_name, 3 + i, 9};
        init->vars[i] = v;
    }
    Stmt *decl = statement(STMT_DECL, NULL, 0);
    decl->var = init->vars[1];

    Expr *field = node(EXPR_MEMBER, 5, 1);
    field->name = "MessageInterruptHandler";
    field->record = "NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS";
    field->kids[0] = node(EXPR_VAR, 5, 0);
    field->kids[0]->var = init->vars[1];
    Expr *assign = node(EXPR_ASSIGN, 5, 2);
    assign->op = OP_ASSIGN;
    assign->kids[0] = field;
    assign->kids[1] = function_name("MyIsr", 5);

    Expr *call = node(EXPR_CALL, 6, 5);
    call->kids[0] = function_name("NdisMRegisterInterruptEx", 6);
    for (size_t i = 1; i < 5; i++) {
        call->kids[i] = node(EXPR_VAR, 6, 0);
        call->kids[i]->var = init->vars[0];
    }
    /* A file-scope variable, read at a place in a header. */
    Var *global = arena_alloc(arena, sizeof(*global));
    global->name = "g_Count";
    global->scope = VAR_GLOBAL;
    Expr *read = node(EXPR_VAR, 8, 0);
    read->var = global;
    read->loc.file = driver_intern_path(driver, "/src/init.h");
    Stmt *body = statement(STMT_COMPOUND, NULL, 5);
    body->kids[0] = decl;
    body->kids[1] = statement(STMT_EXPR, assign, 0);
    body->kids[2] = statement(STMT_EXPR, call, 0);
    body->kids[3] = statement(STMT_EXPR, read, 0);
    body->kids[4] = statement(STMT_RETURN, node(EXPR_INT, 7, 0), 0);
    init->body = body;

    /* Helper(void) { NdisZeroMemory(0, 0); }: calls, names no function. */
    Function *helper = arena_alloc(arena, sizeof(*helper));
    helper->name = "Helper";
    helper->loc = (SourceLoc){file_name, 20, 1};
    helper->is_definition = true;
    Expr *zero = node(EXPR_CALL, 21, 3);
    zero->kids[0] = function_name("NdisZeroMemory", 21);
    zero->kids[1] = node(EXPR_INT, 21, 0);
    zero->kids[2] = node(EXPR_INT, 21, 0);
    helper->body = statement(STMT_COMPOUND, NULL, 1);
    helper->body->kids[0] = statement(STMT_EXPR, zero, 0);

    Function *isr = arena_alloc(arena, sizeof(*isr));
    isr->name = "MyIsr";
    isr->loc = (SourceLoc){file_name, 1, 1};
    isr->role_type = "MINIPORT_MESSAGE_INTERRUPT";

    memset(unit, 0, sizeof(*unit));
    unit->main_file = file_name;
    unit->function_count = 3;
    unit->functions = arena_alloc(arena, 4 * sizeof(*unit->functions));
    unit->functions[0] = init;
    unit->functions[1] = isr;
    unit->functions[2] = helper;
}

static char *dump(Driver *driver)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    facts_dump(out, driver);
    fclose(out);
    return text;
}

/* Reads `bytes` into a fresh driver, with a store or without. */
static void read_into(Driver *driver, const unsigned char *bytes, size_t size, bool store)
{
    driver_init(driver);
    if (store)
        driver->store = body_store_open();
    TranslationFacts *unit = driver_add_unit(driver, "/src/init.c");
    int status = 0;
    ToolMessageList messages = {0};
    CHECK(wire_read(bytes, size, driver, &driver->arena, &status, unit, &messages) == 0);
    tool_message_list_free(&messages);
}

int main(void)
{
    Driver source;
    driver_init(&source);
    TranslationFacts unit;
    build_unit(&source, &unit);
    /* Facts built by hand have no index: the body answers. */
    CHECK(function_calls(unit.functions[0], "NdisMRegisterInterruptEx"));
    CHECK(!function_calls(unit.functions[0], "NdisMDeregisterInterruptEx"));
    CHECK(function_uses_function_values(unit.functions[0]));
    unsigned char *bytes = NULL;
    size_t size = 0;
    ToolMessageList none = {0};
    CHECK(wire_write(0, &unit, &none, &bytes, &size) == 0);

    Driver in_memory, stored;
    read_into(&in_memory, bytes, size, false);
    read_into(&stored, bytes, size, true);
    CHECK(stored.store != NULL);
    const Function *kept = in_memory.units[0].functions[0];
    Function *set_aside = stored.units[0].functions[0];
    CHECK(kept->body != NULL && !kept->body_stored);
    CHECK(set_aside->body == NULL && set_aside->body_stored && set_aside->var_count == 0);
    /* The index answers while the body is away. */
    CHECK(set_aside->indexed && set_aside->callee_count == 1);
    CHECK(function_calls(set_aside, "NdisMRegisterInterruptEx"));
    CHECK(!function_calls(set_aside, "NdisMSetMiniportAttributes"));
    CHECK(function_uses_function_values(set_aside));
    /* A declaration is never set aside. */
    CHECK(!stored.units[0].functions[1]->body_stored);
    const Function *helper = stored.units[0].functions[2];
    CHECK(helper->body_stored && function_calls(helper, "NdisZeroMemory"));
    CHECK(!function_uses_function_values(helper));

    /* Read back, the facts are the same as those kept in memory. */
    Program program;
    program_build(&program, &stored);
    const ProgramFunction *isr = program_find(&program, "MyIsr");
    CHECK(isr != NULL && program_has_role(isr, ROLE_MESSAGE_ISR));
    const Function *loaded = program_definition(&program, "Init");
    CHECK(loaded == set_aside && loaded->body != NULL && !loaded->body_stored);
    CHECK(loaded->var_count == 2 && strcmp(loaded->vars[1]->name, "c") == 0);
    /* The body's own tables: the global and the header's path. */
    const Expr *read = loaded->body->kids[3]->expr;
    CHECK(read->kind == EXPR_VAR && read->var->scope == VAR_GLOBAL &&
          strcmp(read->var->name, "g_Count") == 0);
    CHECK(read->loc.file == driver_intern_path(&stored, "/src/init.h"));
    CHECK(loaded->body->kids[2]->expr->loc.file == driver_intern_path(&stored, "/src/init.c"));
    program_free(&program);
    char *a = dump(&in_memory);
    char *b = dump(&stored);
    CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
    CHECK(stored.load_failures == 0);
    free(a);
    free(b);

    /* A store that lost the bytes: the body is not relied on, and counted. */
    Driver broken;
    read_into(&broken, bytes, size, true);
    body_store_close(broken.store);
    broken.store = body_store_open();
    program_build(&program, &broken);
    CHECK(program_definition(&program, "Init") == NULL);
    CHECK(broken.load_failures == 1);
    CHECK(program_find(&program, "Init") != NULL);
    program_free(&program);

    /* Damaged bytes in their place: nothing half read is kept, the
     * failure is counted once, and the function is named. */
    Driver damaged;
    read_into(&damaged, bytes, size, true);
    Function *victim = damaged.units[0].functions[0];
    body_store_close(damaged.store);
    damaged.store = body_store_open();
    size_t garbage_size = (size_t)(victim->stored_at + victim->stored_size);
    unsigned char *garbage = malloc(garbage_size);
    memset(garbage, 0xEE, garbage_size);
    uint64_t at = 0;
    CHECK(body_store_put(damaged.store, garbage, garbage_size, &at) && at == 0);
    free(garbage);
    CHECK(!driver_load_body(&damaged, victim));
    CHECK(!driver_load_body(&damaged, victim));
    CHECK(victim->load_failed && victim->body == NULL && victim->var_count == 0);
    CHECK(damaged.load_failures == 1 && damaged.first_load_failure == victim);
    program_build(&program, &damaged);
    CHECK(program_definition(&program, "Init") == NULL);
    CHECK(program_any_definition(&program, program_find(&program, "Init")) == NULL);
    CHECK(damaged.load_failures == 1);
    program_free(&program);
    driver_free(&damaged);

    free(bytes);
    driver_free(&source);
    driver_free(&in_memory);
    driver_free(&stored);
    driver_free(&broken);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
