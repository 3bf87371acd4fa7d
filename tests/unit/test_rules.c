/* test_rules.c - the rules and the path engine, from facts built by hand.
 *
 * No parser is involved: each test writes the facts of a small function
 * the way the front end would, runs a rule and checks its findings. This
 * keeps the rules' logic testable apart from libclang.
 *
 * usage: test_rules RULES_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "facts_cfg.h"
#include "facts_program.h"
#include "finding.h"
#include "rule_catalog.h"
#include "rules.h"

#include "../test_check.h"

/* ---- a tiny builder of facts ------------------------------------------ */

static Driver driver;
static const char *file_name;
static unsigned next_line;

static SourceLoc at(unsigned line)
{
    SourceLoc loc = {file_name, line, 1};
    return loc;
}

static Expr *expr(ExprKind kind, unsigned line)
{
    Expr *e = arena_alloc(&driver.arena, sizeof(*e));
    e->kind = kind;
    e->loc = at(line);
    return e;
}

static Expr *int_value(int64_t value)
{
    Expr *e = expr(EXPR_INT, next_line);
    e->int_value = value;
    return e;
}

static Expr *var_ref(Var *var)
{
    Expr *e = expr(EXPR_VAR, next_line);
    e->var = var;
    return e;
}

static Expr *with_kids(Expr *e, size_t count, Expr **kids)
{
    e->kids = arena_copy(&driver.arena, kids, count * sizeof(*kids));
    e->kid_count = count;
    return e;
}

static Expr *func_ref(const char *name)
{
    Expr *e = expr(EXPR_FUNC, next_line);
    e->name = name;
    return e;
}

static Expr *call(const char *name, size_t argc, Expr **args)
{
    Expr *kids[8];
    kids[0] = func_ref(name);
    for (size_t i = 0; i < argc; i++)
        kids[i + 1] = args[i];
    return with_kids(expr(EXPR_CALL, next_line), argc + 1, kids);
}

static Stmt *stmt(StmtKind kind)
{
    Stmt *s = arena_alloc(&driver.arena, sizeof(*s));
    s->kind = kind;
    s->loc = at(next_line++);
    return s;
}

static Stmt *stmt_kids(Stmt *s, size_t count, Stmt **kids)
{
    s->kids = arena_copy(&driver.arena, kids, count * sizeof(*kids));
    s->kid_count = count;
    return s;
}

static Stmt *ret(Expr *value)
{
    Stmt *s = stmt(STMT_RETURN);
    s->expr = value;
    return s;
}

static Stmt *if_stmt(Expr *cond, Stmt *then_branch, Stmt *else_branch)
{
    Stmt *s = stmt(STMT_IF);
    s->expr = cond;
    Stmt *kids[2] = {then_branch, else_branch};
    return stmt_kids(s, 2, kids);
}

static Stmt *compound(size_t count, Stmt **kids)
{
    return stmt_kids(stmt(STMT_COMPOUND), count, kids);
}

static Var *new_var(Function *f, const char *name, VarScope scope)
{
    Var *var = arena_alloc(&driver.arena, sizeof(*var));
    var->name = name;
    var->scope = scope;
    var->index = (unsigned)f->var_count;
    Var **vars = arena_alloc(&driver.arena, (f->var_count + 1) * sizeof(*vars));
    for (size_t i = 0; i < f->var_count; i++)
        vars[i] = f->vars[i];
    vars[f->var_count] = var;
    f->vars = vars;
    f->var_count++;
    if (scope == VAR_PARAM)
        f->param_count++;
    return var;
}

static Function *function(TranslationFacts *unit, const char *name,
                          const char *role_type)
{
    Function *f = arena_alloc(&driver.arena, sizeof(*f));
    f->name = name;
    f->role_type = role_type;
    f->is_definition = true;
    f->loc = at(next_line++);
    Function **functions =
        arena_alloc(&driver.arena, (unit->function_count + 1) * sizeof(*functions));
    for (size_t i = 0; i < unit->function_count; i++)
        functions[i] = unit->functions[i];
    functions[unit->function_count++] = f;
    unit->functions = functions;
    return f;
}

static void finish(Function *f, Stmt *body)
{
    f->body = body;
    f->end_loc = at(next_line++);
}

static TranslationFacts *begin(const char *name)
{
    driver_init(&driver);
    file_name = driver_intern_path(&driver, name);
    next_line = 1;
    return driver_add_unit(&driver, name);
}

/* Runs one rule over the driver and returns the findings (sorted). */
static FindingList run_rule(const RuleCatalog *catalog, const char *id)
{
    FindingList findings = {0};
    ToolMessageList messages = {0};
    Program program;
    program_build(&program, &driver);
    RuleCatalog one = {(RuleInfo *)rule_catalog_find(catalog, id), 1, catalog->ddis,
                       catalog->resources};
    (void)rules_run_all(&program, &one, false, &findings, &messages);
    finding_list_sort(&findings);
    program_free(&program);
    tool_message_list_free(&messages);
    return findings;
}

/* ---- tests ------------------------------------------------------------ */

/* BOOLEAN Isr(x) { if (x) return TRUE; return FALSE; } as a message ISR:
 * one finding, on the second return. */
static void test_ndis003_return_false(const RuleCatalog *catalog)
{
    TranslationFacts *unit = begin("/drv/isr.c");
    Function *f = function(unit, "MpMsgIsr", "MINIPORT_MESSAGE_INTERRUPT");
    Var *x = new_var(f, "x", VAR_PARAM);
    Stmt *first = if_stmt(var_ref(x), ret(int_value(1)), NULL);
    Stmt *second = ret(int_value(0));
    Stmt *kids[2] = {first, second};
    finish(f, compound(2, kids));
    FindingList findings = run_rule(catalog, "NDIS003");
    CHECK(findings.count == 1);
    if (findings.count == 1)
        CHECK(findings.items[0].loc.line == second->loc.line);
    finding_list_free(&findings);
    driver_free(&driver);
}

/* The same function without a role is not checked: roles never come from
 * names. */
static void test_ndis003_needs_role(const RuleCatalog *catalog)
{
    TranslationFacts *unit = begin("/drv/isr.c");
    Function *f = function(unit, "MPMessageInterrupt", NULL);
    Stmt *only = ret(int_value(0));
    finish(f, compound(1, &only));
    FindingList findings = run_rule(catalog, "NDIS003");
    CHECK(findings.count == 0);
    finding_list_free(&findings);
    driver_free(&driver);
}

/* A local that is TRUE on every path: r = 1; if (x) r = 1; return r. */
static void test_ndis003_local_true(const RuleCatalog *catalog)
{
    TranslationFacts *unit = begin("/drv/isr.c");
    Function *f = function(unit, "MpMsgIsr", "MINIPORT_MESSAGE_INTERRUPT");
    Var *x = new_var(f, "x", VAR_PARAM);
    Var *r = new_var(f, "r", VAR_LOCAL);
    Stmt *decl = stmt(STMT_DECL);
    decl->var = r;
    decl->expr = int_value(1);
    Expr *assign_kids[2] = {var_ref(r), int_value(1)};
    Expr *assign = with_kids(expr(EXPR_ASSIGN, next_line), 2, assign_kids);
    assign->op = OP_ASSIGN;
    Stmt *set = stmt(STMT_EXPR);
    set->expr = assign;
    Stmt *test = if_stmt(var_ref(x), set, NULL);
    Stmt *back = ret(var_ref(r));
    Stmt *kids[3] = {decl, test, back};
    finish(f, compound(3, kids));
    FindingList findings = run_rule(catalog, "NDIS003");
    CHECK(findings.count == 0);
    finding_list_free(&findings);
    driver_free(&driver);
}

/* A function that falls off its end reports at the closing brace. */
static void test_ndis003_fall_off(const RuleCatalog *catalog)
{
    TranslationFacts *unit = begin("/drv/isr.c");
    Function *f = function(unit, "MpMsgIsr", "MINIPORT_MESSAGE_INTERRUPT");
    Var *x = new_var(f, "x", VAR_PARAM);
    Stmt *only = if_stmt(var_ref(x), ret(int_value(1)), NULL);
    finish(f, compound(1, &only));
    FindingList findings = run_rule(catalog, "NDIS003");
    CHECK(findings.count == 1);
    if (findings.count == 1)
        CHECK(findings.items[0].loc.line == f->end_loc.line);
    finding_list_free(&findings);
    driver_free(&driver);
}

/* KeBugCheckEx ends a path: nothing after it is reached. */
static void test_cfg_noreturn(void)
{
    TranslationFacts *unit = begin("/drv/x.c");
    Function *f = function(unit, "Fatal", NULL);
    Stmt *bug = stmt(STMT_EXPR);
    bug->expr = call("KeBugCheckEx", 0, NULL);
    Stmt *kids[2] = {bug, ret(int_value(0))};
    finish(f, compound(2, kids));
    Cfg *cfg = cfg_build(f);
    CHECK(cfg != NULL);
    bool return_reached = false;
    for (size_t i = 0; cfg != NULL && i < cfg->node_count; i++) {
        const CfgNode *node = cfg->nodes[i];
        for (size_t e = 0; e < node->edge_count; e++)
            return_reached = return_reached || node->edges[e].to->kind == CFG_RETURN;
    }
    CHECK(!return_reached);
    cfg_free(cfg);
    driver_free(&driver);
}

/* `do { ... } while (0)` runs its body once and leaves: no back edge. */
static void test_cfg_do_while_zero(void)
{
    TranslationFacts *unit = begin("/drv/x.c");
    Function *f = function(unit, "Once", NULL);
    Stmt *body_ret = ret(int_value(1));
    Stmt *loop = stmt(STMT_DO);
    loop->expr = int_value(0);
    stmt_kids(loop, 1, &body_ret);
    finish(f, compound(1, &loop));
    Cfg *cfg = cfg_build(f);
    CHECK(cfg != NULL && !cfg->incomplete);
    size_t branches = 0;
    for (size_t i = 0; cfg != NULL && i < cfg->node_count; i++)
        branches += cfg->nodes[i]->kind == CFG_BRANCH;
    CHECK(branches == 0);
    cfg_free(cfg);
    driver_free(&driver);
}

/* A goto to a label that does not exist leaves the graph incomplete, so
 * the rules stay silent on it. */
static void test_cfg_missing_label(void)
{
    TranslationFacts *unit = begin("/drv/x.c");
    Function *f = function(unit, "Broken", NULL);
    Stmt *jump = stmt(STMT_GOTO);
    jump->label = "nowhere";
    finish(f, compound(1, &jump));
    Cfg *cfg = cfg_build(f);
    CHECK(cfg != NULL && cfg->incomplete);
    cfg_free(cfg);
    driver_free(&driver);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_rules RULES_DIR\n");
        return 2;
    }
    RuleCatalog catalog = {0};
    char err[512];
    if (rule_catalog_load(&catalog, argv[1], err, sizeof(err)) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    test_ndis003_return_false(&catalog);
    test_ndis003_needs_role(&catalog);
    test_ndis003_local_true(&catalog);
    test_ndis003_fall_off(&catalog);
    test_cfg_noreturn();
    test_cfg_do_while_zero();
    test_cfg_missing_label();
    rule_catalog_free(&catalog);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
