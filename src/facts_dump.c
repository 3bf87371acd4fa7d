/* facts_dump.c - a readable listing of the facts, one node a line. */
#include "facts_dump.h"
#include "facts_store.h"

static const char *const expr_kind_names[] = {
    "other", "int", "string", "var", "func", "member", "call", "assign",
    "binary", "unary", "cond", "init-list", "sizeof",
};

static const char *const stmt_kind_names[] = {
    "other", "null", "compound", "expr", "decl", "if", "switch", "case",
    "while", "do", "for", "break", "continue", "goto", "label", "return",
    "try", "leave",
};

static void dump_expr(FILE *out, const Expr *e, int depth)
{
    if (e == NULL)
        return;
    fprintf(out, "%*s%s", depth * 2, "", expr_kind_names[e->kind]);
    switch (e->kind) {
    case EXPR_INT:
        fprintf(out, " %lld", (long long)e->int_value);
        break;
    case EXPR_VAR:
        fprintf(out, " %s#%u%s", e->var->name, e->var->index,
                e->var->scope == VAR_GLOBAL ? " (global)" : "");
        break;
    case EXPR_FUNC:
        fprintf(out, " %s", e->name);
        break;
    case EXPR_MEMBER:
        fprintf(out, " %s%s of %s", e->arrow ? "->" : ".", e->name,
                e->record != NULL ? e->record : "?");
        break;
    case EXPR_INIT_LIST:
        fprintf(out, " of %s", e->init_record != NULL ? e->init_record : "?");
        break;
    default:
        if (e->op != OP_NONE)
            fprintf(out, " op%d", (int)e->op);
        break;
    }
    fprintf(out, "  @%u:%u\n", e->loc.line, e->loc.col);
    for (size_t i = 0; i < e->kid_count; i++) {
        if (e->kind == EXPR_INIT_LIST && e->designators[i] != NULL)
            fprintf(out, "%*s.%s =\n", depth * 2 + 2, "", e->designators[i]);
        dump_expr(out, e->kids[i], depth + 1);
    }
}

static void dump_stmt(FILE *out, const Stmt *s, int depth)
{
    if (s == NULL)
        return;
    fprintf(out, "%*s[%s]", depth * 2, "", stmt_kind_names[s->kind]);
    if (s->label != NULL)
        fprintf(out, " %s", s->label);
    if (s->var != NULL)
        fprintf(out, " %s#%u", s->var->name, s->var->index);
    fprintf(out, "  @%u:%u\n", s->loc.line, s->loc.col);
    if (s->damage != NULL) {
        fprintf(out, "%*sDAMAGED @%u:%u%s%s:", (int)(depth + 1) * 2, "",
                s->damage->error_loc.line, s->damage->error_loc.col,
                s->damage->trace_call ? " trace" : "",
                s->damage->known_callee ? " known-callee" : "");
        for (size_t i = 0; i < s->damage->name_count; i++)
            fprintf(out, " %s%s%s%s", s->damage->name_flags[i] & DAMAGE_NAME_ADDRESS ? "&" : "",
                    s->damage->name_flags[i] & DAMAGE_NAME_MEMBER ? "." : "",
                    s->damage->names[i], s->damage->name_flags[i] & DAMAGE_NAME_BASE ? "->" : "");
        fprintf(out, "\n");
    }
    dump_expr(out, s->expr, depth + 1);
    dump_expr(out, s->expr2, depth + 1);
    for (size_t i = 0; i < s->kid_count; i++)
        dump_stmt(out, s->kids[i], depth + 1);
}

void facts_dump(FILE *out, Driver *driver)
{
    for (size_t u = 0; u < driver->unit_count; u++) {
        const TranslationFacts *unit = &driver->units[u];
        fprintf(out, "unit %s\n", unit->main_file);
        for (size_t i = 0; i < unit->function_count; i++) {
            Function *f = unit->functions[i];
            bool loaded = driver_load_body(driver, f);
            fprintf(out, "function %s%s%s role=%s at %s:%u:%u%s%s\n", f->name,
                    f->is_definition ? " (definition)" : "",
                    f->is_static ? " static" : "",
                    f->role_type != NULL ? f->role_type : "-", f->loc.file,
                    f->loc.line, f->loc.col,
                    f->has_parse_errors ? " PARSE-ERRORS" : "",
                    f->damage_count > 0 ? " DAMAGED" : "");
            if (loaded)
                dump_stmt(out, f->body, 1);
            else
                fprintf(out, "  (its facts could not be read back)\n");
        }
        for (size_t i = 0; i < unit->global_count; i++) {
            fprintf(out, "global %s\n", unit->globals[i].var->name);
            dump_expr(out, unit->globals[i].init, 1);
        }
    }
}
