/* source_convert_stmt.c - statements, functions and file-scope variables
 * to facts. */
#include "source_walker.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "memory.h"

/* ---- statements -------------------------------------------------------- */

static Stmt *convert_stmt(Walker *w, CXCursor cursor);

static Stmt *new_stmt(Walker *w, StmtKind kind, CXCursor cursor)
{
    Stmt *s = arena_alloc(w->arena, sizeof(*s));
    s->kind = kind;
    s->loc = loc_of(w, cursor);
    return s;
}

static void set_stmt_kids(Walker *w, Stmt *s, Stmt **kids, size_t count)
{
    s->kids = arena_copy(w->arena, kids, count * sizeof(*kids));
    s->kid_count = count;
}

/* Statement children are either statements or expressions used as
 * statements. */
static Stmt *convert_child(Walker *w, CXCursor cursor)
{
    Stmt *s;
    if (is_expression(cursor)) {
        s = new_stmt(w, STMT_EXPR, cursor);
        s->expr = convert_expr(w, cursor);
    } else {
        s = convert_stmt(w, cursor);
    }
    /* A block's errors between its statements are its dropped ones. */
    if (clang_getCursorKind(cursor) != CXCursor_CompoundStmt)
        claim_for_stmt(w, s, cursor);
    return s;
}

static Stmt *convert_var_decl(Walker *w, CXCursor decl)
{
    Stmt *s = new_stmt(w, STMT_DECL, decl);
    s->var = var_for_decl(w, decl);
    CXCursor init;
    if (last_expression_child(w, decl, &init))
        s->expr = convert_expr(w, init);
    return s;
}

static Stmt *convert_decl_stmt(Walker *w, CXCursor cursor)
{
    CursorList kids = children_of(w, cursor);
    Stmt **decls = malloc((kids.count + 1) * sizeof(*decls));
    if (decls == NULL)
        out_of_memory();
    size_t count = 0;
    for (size_t i = 0; i < kids.count; i++) {
        if (clang_getCursorKind(kids.items[i]) == CXCursor_VarDecl)
            decls[count++] = convert_var_decl(w, kids.items[i]);
    }
    Stmt *s;
    if (count == 1) {
        s = decls[0];
    } else {
        s = new_stmt(w, STMT_COMPOUND, cursor);
        set_stmt_kids(w, s, decls, count);
    }
    free(decls);
    cursor_list_free(&kids);
    return s;
}

/* libclang leaves out the empty parts of `for (init; cond; inc)`, so each
 * child is placed by its position against the header's semicolons. */
static Stmt *convert_for(Walker *w, CXCursor cursor, CursorList *kids)
{
    Stmt *s = new_stmt(w, STMT_FOR, cursor);
    Stmt *parts[2] = {NULL, NULL};
    if (kids->count == 0) {
        set_stmt_kids(w, s, parts, 2);
        return s;
    }
    /* Only the header is read: the body can be long, and its semicolons
     * are not the header's. */
    CXSourceRange header = clang_getRange(
        clang_getRangeStart(clang_getCursorExtent(cursor)),
        clang_getRangeStart(clang_getCursorExtent(kids->items[kids->count - 1])));
    CXToken *tokens = NULL;
    unsigned token_count = 0;
    clang_tokenize(w->tu, header, &tokens, &token_count);
    unsigned semicolons[2] = {0, 0};
    int found = 0;
    int depth = 0;
    for (unsigned i = 0; i < token_count && found < 2; i++) {
        if (clang_getTokenKind(tokens[i]) != CXToken_Punctuation)
            continue;
        CXString spelling = clang_getTokenSpelling(w->tu, tokens[i]);
        const char *text = clang_getCString(spelling);
        if (strcmp(text, "(") == 0)
            depth++;
        else if (strcmp(text, ")") == 0)
            depth--;
        else if (strcmp(text, ";") == 0 && depth == 1) {
            unsigned offset = 0;
            clang_getSpellingLocation(clang_getTokenLocation(w->tu, tokens[i]),
                                      NULL, NULL, NULL, &offset);
            semicolons[found++] = offset;
        }
        clang_disposeString(spelling);
    }
    if (tokens != NULL)
        clang_disposeTokens(w->tu, tokens, token_count);
    parts[1] = convert_child(w, kids->items[kids->count - 1]);
    for (size_t i = 0; i + 1 < kids->count; i++) {
        CXCursor kid = kids->items[i];
        unsigned offset = 0;
        clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(kid)),
                                  NULL, NULL, NULL, &offset);
        if (found == 2 && offset < semicolons[0]) {
            parts[0] = convert_child(w, kid);
        } else if (found == 2 && offset < semicolons[1] && is_expression(kid)) {
            s->expr = convert_expr(w, kid);
        } else if (is_expression(kid)) {
            s->expr2 = convert_expr(w, kid);
        }
    }
    set_stmt_kids(w, s, parts, 2);
    return s;
}

/* The extent of a statement, or, when clang gives it none (a `case` whose
 * statement it dropped), the extent of its children that have one: the
 * tokens after them are then read as dropped statements of the block. */
static CXSourceRange known_extent(Walker *w, CXCursor cursor)
{
    CXSourceRange extent = clang_getCursorExtent(cursor);
    unsigned line = 0;
    clang_getSpellingLocation(clang_getRangeStart(extent), NULL, &line, NULL, NULL);
    if (line != 0)
        return extent;
    CursorList kids = children_of(w, cursor);
    CXSourceRange known = extent;
    bool found = false;
    for (size_t i = 0; i < kids.count; i++) {
        CXSourceRange kid = clang_getCursorExtent(kids.items[i]);
        clang_getSpellingLocation(clang_getRangeStart(kid), NULL, &line, NULL, NULL);
        if (line == 0)
            continue;
        known = found ? clang_getRange(clang_getRangeStart(known), clang_getRangeEnd(kid)) : kid;
        found = true;
    }
    cursor_list_free(&kids);
    return known;
}

static Stmt *convert_stmt(Walker *w, CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_DeclStmt)
        return convert_decl_stmt(w, cursor);
    CursorList kids = children_of(w, cursor);
    Stmt *s = NULL;
    switch (kind) {
    case CXCursor_CompoundStmt: {
        s = new_stmt(w, STMT_COMPOUND, cursor);
        StmtList items = {NULL, 0, 0};
        CXSourceRange extent = clang_getCursorExtent(cursor);
        CXSourceLocation after = clang_getRangeStart(extent);
        for (size_t i = 0; i < kids.count; i++) {
            CXSourceRange kid = known_extent(w, kids.items[i]);
            add_dropped(w, after, clang_getRangeStart(kid), &items);
            stmt_list_add(&items, convert_child(w, kids.items[i]));
            after = clang_getRangeEnd(kid);
        }
        add_dropped(w, after, clang_getRangeEnd(extent), &items);
        set_stmt_kids(w, s, items.items, items.count);
        free(items.items);
        break;
    }
    case CXCursor_IfStmt:
        if (kids.count >= 2) {
            /* C++ `if (init; cond)` puts the init first. */
            size_t first = kids.count >= 4 ? kids.count - 3 : 0;
            if (kids.count == 3 && !is_expression(kids.items[0]))
                first = 0;
            s = new_stmt(w, STMT_IF, cursor);
            Stmt *branches[2] = {NULL, NULL};
            s->expr = is_expression(kids.items[first])
                          ? convert_expr(w, kids.items[first])
                          : NULL;
            branches[0] = convert_child(w, kids.items[first + 1]);
            if (first + 2 < kids.count)
                branches[1] = convert_child(w, kids.items[first + 2]);
            set_stmt_kids(w, s, branches, 2);
        }
        break;
    case CXCursor_SwitchStmt:
    case CXCursor_WhileStmt:
        if (kids.count >= 2) {
            s = new_stmt(w, kind == CXCursor_SwitchStmt ? STMT_SWITCH : STMT_WHILE,
                         cursor);
            CXCursor cond = kids.items[kids.count - 2];
            s->expr = is_expression(cond) ? convert_expr(w, cond) : NULL;
            Stmt *body = convert_child(w, kids.items[kids.count - 1]);
            set_stmt_kids(w, s, &body, 1);
        }
        break;
    case CXCursor_DoStmt:
        if (kids.count == 2) {
            s = new_stmt(w, STMT_DO, cursor);
            Stmt *body = convert_child(w, kids.items[0]);
            s->expr = convert_expr(w, kids.items[1]);
            set_stmt_kids(w, s, &body, 1);
        }
        break;
    case CXCursor_ForStmt:
        s = convert_for(w, cursor, &kids);
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        if (kids.count >= 1) {
            s = new_stmt(w, STMT_CASE, cursor);
            if (kind == CXCursor_CaseStmt && kids.count >= 2)
                s->expr = convert_expr(w, kids.items[0]);
            Stmt *body = convert_child(w, kids.items[kids.count - 1]);
            set_stmt_kids(w, s, &body, 1);
        }
        break;
    case CXCursor_BreakStmt:
        s = new_stmt(w, STMT_BREAK, cursor);
        break;
    case CXCursor_ContinueStmt:
        s = new_stmt(w, STMT_CONTINUE, cursor);
        break;
    case CXCursor_GotoStmt:
        if (kids.count >= 1) {
            s = new_stmt(w, STMT_GOTO, cursor);
            s->label = take_string(w, clang_getCursorSpelling(kids.items[0]));
        }
        break;
    case CXCursor_LabelStmt:
        s = new_stmt(w, STMT_LABEL, cursor);
        s->label = take_string(w, clang_getCursorSpelling(cursor));
        if (kids.count >= 1) {
            Stmt *body = convert_child(w, kids.items[kids.count - 1]);
            set_stmt_kids(w, s, &body, 1);
        }
        break;
    case CXCursor_ReturnStmt:
        s = new_stmt(w, STMT_RETURN, cursor);
        if (kids.count >= 1 && is_expression(kids.items[0]))
            s->expr = convert_expr(w, kids.items[0]);
        break;
    case CXCursor_NullStmt:
        s = new_stmt(w, STMT_NULL, cursor);
        break;
    case CXCursor_SEHTryStmt:
        if (kids.count == 2) {
            s = new_stmt(w, STMT_TRY, cursor);
            Stmt *parts[2];
            parts[0] = convert_child(w, kids.items[0]);
            CXCursor handler = kids.items[1];
            s->is_finally = clang_getCursorKind(handler) == CXCursor_SEHFinallyStmt;
            CursorList handler_kids = children_of(w, handler);
            parts[1] = handler_kids.count > 0
                           ? convert_child(w, handler_kids.items[handler_kids.count - 1])
                           : new_stmt(w, STMT_NULL, handler);
            cursor_list_free(&handler_kids);
            set_stmt_kids(w, s, parts, 2);
        }
        break;
    case CXCursor_SEHLeaveStmt:
        s = new_stmt(w, STMT_LEAVE, cursor);
        break;
    default:
        break;
    }
    if (s == NULL) {
        /* Not modelled: keep the statements inside, in order, so calls in
         * them are still seen, but mark the construct as unknown. */
        s = new_stmt(w, STMT_OTHER, cursor);
        Stmt **items = malloc((kids.count + 1) * sizeof(*items));
        if (items == NULL)
            out_of_memory();
        size_t count = 0;
        for (size_t i = 0; i < kids.count; i++) {
            enum CXCursorKind k = clang_getCursorKind(kids.items[i]);
            if (clang_isStatement(k) || clang_isExpression(k))
                items[count++] = convert_child(w, kids.items[i]);
        }
        set_stmt_kids(w, s, items, count);
        free(items);
    }
    cursor_list_free(&kids);
    return s;
}

/* ---- functions and file-scope declarations ----------------------------- */

void add_function(Walker *w, Function *function)
{
    grow((void **)&w->functions, &w->function_capacity, w->function_count,
         sizeof(*w->functions));
    w->functions[w->function_count++] = function;
}

/* The body of a definition (its compound statement), if it has one. */
static bool body_of(Walker *w, CXCursor function, CXCursor *body)
{
    CursorList kids = children_of(w, function);
    bool found = false;
    for (size_t i = 0; i < kids.count && !found; i++) {
        if (clang_getCursorKind(kids.items[i]) == CXCursor_CompoundStmt) {
            *body = kids.items[i];
            found = true;
        }
    }
    cursor_list_free(&kids);
    return found;
}

/* Converts a function, header and body, and adds it to the unit. */
Function *convert_function(Walker *w, const TopItem *item)
{
    CXCursor cursor = item->cursor;
    Function *f = arena_alloc(w->arena, sizeof(*f));
    f->name = item->name;
    f->loc = loc_of(w, cursor);
    f->is_static = clang_Cursor_getStorageClass(cursor) == CX_SC_Static;
    f->returns_void = clang_getCursorResultType(cursor).kind == CXType_Void;
    f->role_type = item->role_type;
    w->var_count = 0;
    int argc = clang_Cursor_getNumArguments(cursor);
    for (int i = 0; i < argc; i++)
        local_var(w, clang_Cursor_getArgument(cursor, (unsigned)i), VAR_PARAM);
    f->param_count = w->var_count;
    if (item->is_definition) {
        f->is_definition = true;
        CXSourceRange body_range = clang_getCursorExtent(item->body);
        damage_begin_body(w, body_range);
        w->damage_count = 0;
        cursor_tree_build(w->tree, item->body);
        f->body = convert_stmt(w, item->body);
        cursor_tree_clear(w->tree);
        f->damage_count = w->damage_count;
        damage_end_body(w);
        f->end_loc = loc_of_location(w, clang_getRangeEnd(clang_getCursorExtent(item->body)));
        /* The range end is just past the brace. */
        if (f->end_loc.col > 1)
            f->end_loc.col--;
    }
    /* What is left in its extent is outside its statements. */
    if (item->is_definition && claim_sites(w, clang_getCursorExtent(cursor), false) != NULL)
        f->has_parse_errors = true;
    f->var_count = w->var_count;
    f->vars = arena_alloc(w->arena, (w->var_count + 1) * sizeof(*f->vars));
    for (size_t i = 0; i < w->var_count; i++)
        f->vars[i] = w->vars[i].var;
    add_function(w, f);
    return f;
}

void convert_global_init(Walker *w, CXCursor cursor)
{
    cursor_tree_build(w->tree, cursor);
    CXCursor init;
    if (last_expression_child(w, cursor, &init)) {
        w->var_count = 0;
        grow((void **)&w->inits, &w->init_capacity, w->init_count,
             sizeof(*w->inits));
        w->inits[w->init_count].var = global_var(w, cursor);
        w->inits[w->init_count].init = convert_expr(w, init);
        w->init_count++;
    }
    cursor_tree_clear(w->tree);
}

static void add_item(Walker *w, CXCursor cursor, bool is_function)
{
    TopItem item;
    memset(&item, 0, sizeof(item));
    item.cursor = cursor;
    item.is_function = is_function;
    if (is_function) {
        item.role_type = role_typedef_of(w, cursor);
        item.is_definition = clang_isCursorDefinition(cursor) && body_of(w, cursor, &item.body);
        const char *function_class =
            item.is_definition ? function_class_of(w, cursor, item.body) : NULL;
        if (function_class != NULL)
            item.role_type = function_class;
        /* A declaration matters only for the role its type gives; the
         * driver's headers declare hundreds of prototypes, repeated in
         * every file. */
        if (!item.is_definition && item.role_type == NULL)
            return;
        item.name = function_name_of(w, cursor);
    }
    grow((void **)&w->items, &w->item_capacity, w->item_count, sizeof(*w->items));
    w->items[w->item_count++] = item;
}

/* The headers declare the receive-throttle parameters from NDIS 6.20 on
 * (TranslationFacts.ndis_620_or_later). */
static void note_ndis_version(Walker *w, CXCursor record)
{
    CXString name = clang_getCursorSpelling(record);
    const char *text = clang_getCString(name);
    if (text != NULL && strcmp(text, "_NDIS_RECEIVE_THROTTLE_PARAMETERS") == 0)
        w->unit->ndis_620_or_later = true;
    clang_disposeString(name);
}

enum CXChildVisitResult visit_top(CXCursor cursor, CXCursor parent,
                                         CXClientData data)
{
    (void)parent;
    Walker *w = data;
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_CXXMethod:
        w->cplusplus = true;
        if (is_driver_code(cursor))
            add_item(w, cursor, true);
        return CXChildVisit_Continue;
    case CXCursor_FunctionDecl:
        if (is_driver_code(cursor))
            add_item(w, cursor, true);
        return CXChildVisit_Continue;
    case CXCursor_VarDecl:
        if (is_driver_code(cursor))
            add_item(w, cursor, false);
        return CXChildVisit_Continue;
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_ClassDecl:
        /* Only C++ has these, whatever the file is called (/TP, -x c++). */
        w->cplusplus = true;
        return CXChildVisit_Recurse;
    case CXCursor_StructDecl:
        if (!w->unit->ndis_620_or_later)
            note_ndis_version(w, cursor);
        /* Its methods (C++) are the driver's only in the driver's code; the
         * headers' structures hold thousands of fields and nothing else. */
        return is_driver_code(cursor) ? CXChildVisit_Recurse : CXChildVisit_Continue;
    default:
        return CXChildVisit_Continue;
    }
}
