/* source_damage.c - parse errors tied to the smallest statement holding
 * them (Stmt.damage), statements the parser dropped, and the trace
 * functions a WPP configuration declares. */
#include "source_walker.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "memory.h"

/* ---- damaged statements ------------------------------------------------- */

/* The file and offsets of a range, at expansion places. */
static bool range_span(Walker *w, CXSourceRange range, const char **file,
                       unsigned *start, unsigned *end)
{
    CXFile begin_file = NULL;
    CXFile end_file = NULL;
    clang_getExpansionLocation(clang_getRangeStart(range), &begin_file, NULL, NULL, start);
    clang_getExpansionLocation(clang_getRangeEnd(range), &end_file, NULL, NULL, end);
    if (begin_file == NULL || begin_file != end_file)
        return false;
    *file = file_entry(w, begin_file)->path;
    return true;
}

/* The sites a lookup goes through: the current body's while one is being
 * converted, else all of the unit's. */
static size_t sites_to_search(const Walker *w)
{
    return w->damage_active ? w->body_site_count : w->site_count;
}

static DamageSite *site_to_search(Walker *w, size_t i)
{
    return &w->sites[w->damage_active ? w->body_sites[i] : i];
}

static bool site_inside(const DamageSite *site, const char *file, unsigned start,
                        unsigned end, bool open_end)
{
    return site->file == file && site->offset >= start && site->offset <= end &&
           !(open_end && site->offset == end);
}

/* Claims every unclaimed parse error inside `range` (its end excluded
 * when `open_end`); returns the first of them, or NULL. */
DamageSite *claim_sites(Walker *w, CXSourceRange range, bool open_end)
{
    if (w->damage_active && w->body_unclaimed == 0)
        return NULL;
    const char *file = NULL;
    unsigned start = 0;
    unsigned end = 0;
    if (!range_span(w, range, &file, &start, &end))
        return NULL;
    DamageSite *first = NULL;
    size_t count = sites_to_search(w);
    for (size_t i = 0; i < count; i++) {
        DamageSite *site = site_to_search(w, i);
        if (site->claimed || !site_inside(site, file, start, end, open_end))
            continue;
        site->claimed = true;
        if (w->damage_active)
            w->body_unclaimed--;
        if (first == NULL)
            first = site;
    }
    return first;
}

/* Does any unclaimed parse error lie inside `range`? */
bool has_sites(Walker *w, CXSourceRange range)
{
    if (w->site_count == 0 || (w->damage_active && w->body_unclaimed == 0))
        return false;
    const char *file = NULL;
    unsigned start = 0;
    unsigned end = 0;
    if (!range_span(w, range, &file, &start, &end))
        return false;
    size_t count = sites_to_search(w);
    for (size_t i = 0; i < count; i++) {
        const DamageSite *site = site_to_search(w, i);
        if (!site->claimed && site_inside(site, file, start, end, false))
            return true;
    }
    return false;
}

bool damage_begin_body(Walker *w, CXSourceRange range)
{
    w->body_site_count = 0;
    w->body_unclaimed = 0;
    w->damage_active = false;
    const char *file = NULL;
    unsigned start = 0;
    unsigned end = 0;
    if (w->site_count == 0 || !range_span(w, range, &file, &start, &end))
        return false;
    for (size_t i = 0; i < w->site_count; i++) {
        const DamageSite *site = &w->sites[i];
        if (site->claimed || !site_inside(site, file, start, end, false))
            continue;
        grow((void **)&w->body_sites, &w->body_site_capacity, w->body_site_count,
             sizeof(*w->body_sites));
        w->body_sites[w->body_site_count++] = i;
    }
    w->body_unclaimed = w->body_site_count;
    w->damage_active = w->body_site_count > 0;
    return w->damage_active;
}

void damage_end_body(Walker *w)
{
    w->damage_active = false;
    w->body_site_count = 0;
    w->body_unclaimed = 0;
}

/* A WPP escape in a format string: `%!` and a name in capitals and `!`. */
static bool has_wpp_escape(const char *text)
{
    for (const char *p = strstr(text, "%!"); p != NULL; p = strstr(p + 2, "%!")) {
        const char *q = p + 2;
        while ((*q >= 'A' && *q <= 'Z') || *q == '_' || (*q >= '0' && *q <= '9'))
            q++;
        if (q > p + 2 && *q == '!')
            return true;
    }
    return false;
}

static void add_trace_name(Walker *w, const char *start, size_t length)
{
    grow((void **)&w->trace_names, &w->trace_name_capacity, w->trace_name_count,
         sizeof(*w->trace_names));
    char *name = arena_alloc(w->arena, length + 1);
    memcpy(name, start, length);
    w->trace_names[w->trace_name_count++] = name;
}

/* Reads the `FUNC Name(...)` lines of each `begin_wpp config` ...
 * `end_wpp` comment block in `text`. */
static void read_wpp_config(Walker *w, const char *text, size_t size)
{
    const char *end = text + size;
    const char *p = text;
    while (p < end) {
        const char *begin = memmem(p, (size_t)(end - p), "begin_wpp config", 16);
        if (begin == NULL)
            break;
        const char *stop = memmem(begin, (size_t)(end - begin), "end_wpp", 7);
        if (stop == NULL)
            stop = end;
        for (const char *f = begin; f < stop;) {
            const char *func = memmem(f, (size_t)(stop - f), "FUNC", 4);
            if (func == NULL)
                break;
            const char *q = func + 4;
            while (q < stop && (*q == ' ' || *q == '\t'))
                q++;
            const char *name = q;
            while (q < stop && (*q == '_' || (*q >= 'A' && *q <= 'Z') ||
                                (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9')))
                q++;
            if (q > name && q > func + 4 && (func + 4 == name || func[4] == ' ' ||
                                             func[4] == '\t'))
                add_trace_name(w, name, (size_t)(q - name));
            f = q > func + 4 ? q : func + 4;
        }
        p = stop;
    }
}

static void visit_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth,
                            CXClientData data)
{
    (void)stack;
    (void)depth;
    Walker *w = data;
    CXSourceLocation start = clang_getLocationForOffset(w->tu, file, 0);
    if (clang_Location_isInSystemHeader(start))
        return;
    size_t size = 0;
    const char *text = clang_getFileContents(w->tu, file, &size);
    if (text != NULL)
        read_wpp_config(w, text, size);
}

/* The trace functions the driver's WPP configuration blocks declare, in
 * any of its own files of this unit; read once, when damage needs them. */
static void read_trace_names(Walker *w)
{
    if (w->trace_names_read)
        return;
    w->trace_names_read = true;
    clang_getInclusions(w->tu, visit_inclusion, w);
}

static bool is_trace_name(const Walker *w, const char *name)
{
    for (size_t i = 0; i < w->trace_name_count; i++) {
        if (strcmp(w->trace_names[i], name) == 0)
            return true;
    }
    return false;
}

/* The spellings of a run of tokens, each asked of the parser once: the
 * scans below look at every token and its neighbours several times. */
typedef struct TokenTexts {
    CXTranslationUnit tu;
    const CXToken *tokens;
    unsigned count;
    CXString *strings;
    bool *spelled;
} TokenTexts;

static TokenTexts token_texts(CXTranslationUnit tu, const CXToken *tokens, unsigned count)
{
    TokenTexts t = {tu, tokens, count, NULL, NULL};
    if (count > 0) {
        t.strings = checked_alloc(malloc(count * sizeof(*t.strings)));
        t.spelled = checked_alloc(calloc(count, sizeof(*t.spelled)));
    }
    return t;
}

static const char *text_at(TokenTexts *t, unsigned i)
{
    if (!t->spelled[i]) {
        t->strings[i] = clang_getTokenSpelling(t->tu, t->tokens[i]);
        t->spelled[i] = true;
    }
    const char *text = clang_getCString(t->strings[i]);
    return text != NULL ? text : "";
}

static bool text_is(TokenTexts *t, unsigned i, const char *text)
{
    return strcmp(text_at(t, i), text) == 0;
}

static void token_texts_free(TokenTexts *t)
{
    for (unsigned i = 0; i < t->count; i++) {
        if (t->spelled[i])
            clang_disposeString(t->strings[i]);
    }
    free(t->strings);
    free(t->spelled);
}

/* What the damaged code of tokens [from, to) names. */
static StmtDamage *damage_of_texts(Walker *w, TokenTexts *t, unsigned from, unsigned to,
                                   const DamageSite *site)
{
    const CXToken *tokens = t->tokens;
    StmtDamage *d = arena_alloc(w->arena, sizeof(*d));
    d->error_loc = site->loc;
    d->message = site->message;
    d->names = arena_alloc(w->arena, (to - from + 1) * sizeof(*d->names));
    d->name_flags = arena_alloc(w->arena, to - from + 1);
    const char *first_identifier = NULL;
    for (unsigned i = from; i < to; i++) {
        CXTokenKind kind = clang_getTokenKind(tokens[i]);
        if (kind == CXToken_Literal) {
            const char *text = text_at(t, i);
            if (text[0] == '"' || text[0] == 'L')
                d->trace_call = d->trace_call || has_wpp_escape(text);
            continue;
        }
        bool keyword = kind == CXToken_Keyword &&
                       (text_is(t, i, "return") || text_is(t, i, "goto"));
        if (kind != CXToken_Identifier && !keyword)
            continue;
        unsigned char flags = 0;
        if (i > from && (text_is(t, i - 1, "->") || text_is(t, i - 1, ".")))
            flags |= DAMAGE_NAME_MEMBER;
        if (i > from && text_is(t, i - 1, "&"))
            flags |= DAMAGE_NAME_ADDRESS;
        if (i > from && text_is(t, i - 1, "=") && (i + 1 == to || text_is(t, i + 1, ";")))
            flags |= DAMAGE_NAME_STORED;
        if (i + 1 < to &&
            (text_is(t, i + 1, "->") || text_is(t, i + 1, ".") || text_is(t, i + 1, "[")))
            flags |= DAMAGE_NAME_BASE;
        const char *name = arena_strdup(w->arena, text_at(t, i));
        if (first_identifier == NULL && !keyword)
            first_identifier = name;
        bool seen = false;
        for (size_t k = 0; k < d->name_count && !seen; k++)
            seen = d->name_flags[k] == flags && strcmp(d->names[k], name) == 0;
        if (!seen) {
            d->names[d->name_count] = name;
            d->name_flags[d->name_count++] = flags;
        }
    }
    if (!d->trace_call && first_identifier != NULL) {
        read_trace_names(w);
        d->trace_call = is_trace_name(w, first_identifier);
    }
    w->damage_count++;
    return d;
}

/* What a damaged statement spanning `range` names, from its tokens. */
static StmtDamage *damage_of(Walker *w, CXSourceRange range, const DamageSite *site)
{
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(w->tu, range, &tokens, &count);
    TokenTexts texts = token_texts(w->tu, tokens, count);
    StmtDamage *d = damage_of_texts(w, &texts, 0, count, site);
    token_texts_free(&texts);
    if (tokens != NULL)
        clang_disposeTokens(w->tu, tokens, count);
    return d;
}

static enum CXChildVisitResult collect_declared(CXCursor cursor, CXCursor parent,
                                               CXClientData data)
{
    (void)parent;
    Walker *w = data;
    if (clang_getCursorKind(cursor) == CXCursor_FunctionDecl) {
        grow((void **)&w->declared, &w->declared_capacity, w->declared_count,
             sizeof(*w->declared));
        w->declared[w->declared_count++] = take_string(w, clang_getCursorSpelling(cursor));
    }
    return CXChildVisit_Continue;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is `name` a function declared at file scope (in any header)? The list
 * is read once per unit, when a dropped statement first needs it. */
static bool is_declared_function(Walker *w, const char *name)
{
    if (!w->declared_read) {
        w->declared_read = true;
        clang_visitChildren(clang_getTranslationUnitCursor(w->tu), collect_declared, w);
        if (w->declared_count > 0)
            qsort(w->declared, w->declared_count, sizeof(*w->declared), compare_names);
    }
    return w->declared_count > 0 &&
           bsearch(&name, w->declared, w->declared_count, sizeof(*w->declared),
                   compare_names) != NULL;
}

/* Is `cursor`, an expression statement, a call of a function declared
 * before it (not one the parser made up for an undeclared name)? Its
 * callee is its first child, under casts and parentheses, in a call and
 * in the recovery node of a call whose arguments could not be read. */
static bool calls_declared_function(Walker *w, CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind != CXCursor_CallExpr && kind != CXCursor_UnexposedExpr)
        return false;
    for (int depth = 0; depth < 4; depth++) {
        CursorList kids = children_of(w, cursor);
        if (kids.count == 0) {
            cursor_list_free(&kids);
            return false;
        }
        CXCursor first = kids.items[0];
        cursor_list_free(&kids);
        kind = clang_getCursorKind(first);
        if (kind == CXCursor_DeclRefExpr) {
            CXCursor decl = clang_getCursorReferenced(first);
            if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
                return false;
            /* A made-up declaration sits where the name was used. */
            return !clang_equalLocations(clang_getCursorLocation(decl),
                                         clang_getCursorLocation(first));
        }
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr)
            return false;
        cursor = first;
    }
    return false;
}

/* Marks `s` (read from `cursor`) as damaged when a parse error inside it
 * was claimed by none of its sub-statements. */
void claim_for_stmt(Walker *w, Stmt *s, CXCursor cursor)
{
    if (!w->damage_active || w->body_unclaimed == 0 || s == NULL)
        return;
    CXSourceRange range = clang_getCursorExtent(cursor);
    DamageSite *site = claim_sites(w, range, false);
    if (site != NULL) {
        StmtDamage *d = damage_of(w, range, site);
        d->known_callee = is_expression(cursor) && calls_declared_function(w, cursor);
        s->damage = d;
    }
}

void stmt_list_add(StmtList *list, Stmt *s)
{
    grow((void **)&list->items, &list->capacity, list->count, sizeof(*list->items));
    list->items[list->count++] = s;
}

/* Statements clang dropped between two it kept (`from` the end of the one
 * before, `to` the start of the next): each piece of the tokens there that
 * ends with a `;` outside brackets and holds a parse error becomes a
 * STMT_OTHER without kids that carries the damage. */
void add_dropped(Walker *w, CXSourceLocation from, CXSourceLocation to,
                        StmtList *out)
{
    if (!w->damage_active || !has_sites(w, clang_getRange(from, to)))
        return;
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(w->tu, clang_getRange(from, to), &tokens, &count);
    /* The tokens start before `to`: the one there is the next statement's. */
    unsigned to_offset = 0;
    clang_getExpansionLocation(to, NULL, NULL, NULL, &to_offset);
    unsigned all = count;
    while (count > 0) {
        unsigned offset = 0;
        clang_getExpansionLocation(clang_getTokenLocation(w->tu, tokens[count - 1]), NULL, NULL,
                                   NULL, &offset);
        if (offset < to_offset)
            break;
        count--;
    }
    TokenTexts texts = token_texts(w->tu, tokens, count);
    /* The block's own opening brace is not part of a statement. */
    unsigned piece = count > 0 && text_is(&texts, 0, "{") ? 1 : 0;
    int depth = 0;
    for (unsigned i = piece; i < count; i++) {
        if (clang_getTokenKind(tokens[i]) == CXToken_Punctuation) {
            const char *text = text_at(&texts, i);
            if (strcmp(text, "(") == 0 || strcmp(text, "[") == 0 || strcmp(text, "{") == 0)
                depth++;
            else if (depth > 0 && (strcmp(text, ")") == 0 || strcmp(text, "]") == 0 ||
                                   strcmp(text, "}") == 0))
                depth--;
        }
        bool last = i + 1 == count;
        if (!last && !(depth == 0 && clang_getTokenKind(tokens[i]) == CXToken_Punctuation &&
                       text_is(&texts, i, ";")))
            continue;
        /* The piece runs from its first token to the next piece (or `to`),
         * so that an error just past its last token is its own. */
        CXSourceLocation end = last ? to : clang_getTokenLocation(w->tu, tokens[i + 1]);
        CXSourceRange span = clang_getRange(clang_getTokenLocation(w->tu, tokens[piece]), end);
        DamageSite *site = claim_sites(w, span, true);
        if (site != NULL) {
            Stmt *s = arena_alloc(w->arena, sizeof(*s));
            s->kind = STMT_OTHER;
            s->loc = loc_of_location(w, clang_getTokenLocation(w->tu, tokens[piece]));
            StmtDamage *d = damage_of_texts(w, &texts, piece, i + 1, site);
            /* `Name(...)` with Name a declared function (not a macro the
             * tree lacks): a call whose arguments could not be read. */
            if (piece + 1 <= i && clang_getTokenKind(tokens[piece]) == CXToken_Identifier &&
                text_is(&texts, piece + 1, "(")) {
                d->known_callee = is_declared_function(w, text_at(&texts, piece));
            }
            s->damage = d;
            stmt_list_add(out, s);
        }
        piece = i + 1;
    }
    /* An error before the first token (or with no tokens at all). */
    DamageSite *site = claim_sites(w, clang_getRange(from, to), true);
    if (site != NULL) {
        Stmt *s = arena_alloc(w->arena, sizeof(*s));
        s->kind = STMT_OTHER;
        s->loc = site->loc;
        s->damage = damage_of_texts(w, &texts, 0, count, site);
        stmt_list_add(out, s);
    }
    token_texts_free(&texts);
    if (tokens != NULL)
        clang_disposeTokens(w->tu, tokens, all);
}
