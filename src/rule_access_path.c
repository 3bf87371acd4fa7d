/* rule_access_path.c - see rule_access_path.h. */
#include "rule_access_path.h"

#include <stdio.h>
#include <string.h>

static bool append(char *buf, size_t size, size_t *used, const char *text)
{
    size_t length = strlen(text);
    if (*used + length + 1 > size)
        return false;
    memcpy(buf + *used, text, length + 1);
    *used += length;
    return true;
}

static bool build(const Expr *e, char *buf, size_t size, size_t *used);

/* `*e`: written "(*e)", except that `*&x` is just "x". */
static bool build_deref(const Expr *e, char *buf, size_t size, size_t *used)
{
    if (e->kind == EXPR_UNARY && e->op == OP_ADDR)
        return build(e->kids[0], buf, size, used);
    return append(buf, size, used, "(*") && build(e, buf, size, used) &&
           append(buf, size, used, ")");
}

static bool build(const Expr *e, char *buf, size_t size, size_t *used)
{
    if (e == NULL)
        return false;
    switch (e->kind) {
    case EXPR_VAR: {
        char name[256];
        if (e->var->scope == VAR_GLOBAL)
            snprintf(name, sizeof(name), "%s", e->var->name);
        else
            snprintf(name, sizeof(name), "%s#%u", e->var->name, e->var->index);
        return append(buf, size, used, name);
    }
    case EXPR_MEMBER:
        if (e->kid_count != 1)
            return false;
        if (e->arrow) {
            if (!build_deref(e->kids[0], buf, size, used))
                return false;
        } else if (!build(e->kids[0], buf, size, used)) {
            return false;
        }
        return append(buf, size, used, ".") &&
               append(buf, size, used, e->name);
    case EXPR_UNARY:
        if (e->op == OP_DEREF)
            return build_deref(e->kids[0], buf, size, used);
        if (e->op == OP_ADDR) {
            /* `&*p` is p. */
            const Expr *inner = e->kids[0];
            if (inner->kind == EXPR_UNARY && inner->op == OP_DEREF)
                return build(inner->kids[0], buf, size, used);
            return append(buf, size, used, "&") &&
                   build(inner, buf, size, used);
        }
        return false;
    default:
        return false;
    }
}

bool access_path(const Expr *e, char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return false;
    buf[0] = '\0';
    return build(e, buf, size, &used);
}

bool access_path_deref(const Expr *e, char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0 || e == NULL)
        return false;
    buf[0] = '\0';
    return build_deref(e, buf, size, &used);
}

bool access_path_contains(const char *prefix, const char *path)
{
    size_t length = strlen(prefix);
    if (strncmp(prefix, path, length) != 0)
        return false;
    return path[length] == '\0' || path[length] == '.';
}

/* ---- fields of a local structure ----------------------------------------- */

bool access_field_path(const Expr *e, const Var **var, char *buf, size_t size)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_VAR) {
        *var = e->var;
        buf[0] = '\0';
        return true;
    }
    if (e->kind != EXPR_MEMBER || e->kid_count == 0 ||
        !access_field_path(e->kids[0], var, buf, size))
        return false;
    if (e->name == NULL || e->name[0] == '\0')
        return true;
    size_t used = strlen(buf);
    int n = snprintf(buf + used, size - used, "%s%s", used > 0 ? "." : "", e->name);
    return n > 0 && (size_t)n < size - used;
}

typedef struct StoredField {
    const Var *var;
    const char *const *fields;
    size_t field_count;
    SourceLoc before;
    const Expr *value;
    SourceLoc at;
} StoredField;

static bool loc_before(SourceLoc a, SourceLoc b)
{
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

static void find_stored_field(const Expr *e, void *data)
{
    StoredField *found = data;
    if (e->kind != EXPR_ASSIGN || e->op != OP_ASSIGN || e->kid_count != 2 ||
        !loc_before(e->loc, found->before))
        return;
    const Var *var = NULL;
    char path[ACCESS_PATH_MAX];
    if (!access_field_path(e->kids[0], &var, path, sizeof(path)) || var != found->var)
        return;
    for (size_t i = 0; i < found->field_count; i++) {
        if (strcmp(found->fields[i], path) == 0 &&
            (found->value == NULL || loc_before(found->at, e->loc))) {
            found->value = e->kids[1];
            found->at = e->loc;
        }
    }
}

const Expr *access_stored_field(const Function *function, const Var *var,
                                const char *const *fields, size_t field_count, SourceLoc before)
{
    if (function == NULL || function->body == NULL || var == NULL)
        return NULL;
    StoredField found = {var, fields, field_count, before, NULL, {NULL, 0, 0}};
    stmt_walk_exprs(function->body, find_stored_field, &found);
    return found.value;
}
