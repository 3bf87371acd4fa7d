/* test_cursor_tree.c - the children a body's cursor tree gives are the
 * children libclang gives, cursor by cursor.
 *
 * Usage: test_cursor_tree RULES_DIR FILE...
 * Every function body of the driver code of each file (fixtures, with
 * parse errors and C++ among them) is recorded in a tree; then every cursor
 * in it is asked for its children both ways, and the lists must agree in
 * count, order and cursor. Statement and expression cursors are compared
 * without the declaration libclang notes as their context, which the
 * conversion does not use (a visit from the body notes the function, a
 * visit from a nested statement notes none). */
#include <clang-c/Index.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source_cursor_tree.h"
#include "../test_check.h"

typedef struct Flat {
    CXCursor *items;
    size_t count;
    size_t capacity;
} Flat;

static enum CXChildVisitResult collect(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    Flat *flat = data;
    if (flat->count == flat->capacity) {
        flat->capacity = flat->capacity ? flat->capacity * 2 : 16;
        flat->items = realloc(flat->items, flat->capacity * sizeof(*flat->items));
        if (flat->items == NULL)
            abort();
    }
    flat->items[flat->count++] = cursor;
    return CXChildVisit_Continue;
}

static bool same_child(CXCursor a, CXCursor b)
{
    bool statement = clang_isStatement(a.kind) || clang_isExpression(a.kind);
    return a.kind == b.kind && a.xdata == b.xdata && a.data[1] == b.data[1] &&
           a.data[2] == b.data[2] && (statement || a.data[0] == b.data[0]);
}

typedef struct Totals {
    CursorTree *tree;
    size_t bodies;
    size_t cursors;
    size_t mismatches;
    const char *file;
} Totals;

/* Compares the tree's answer with libclang's for `cursor` and, through the
 * tree, for everything under it. */
static void compare_under(Totals *t, CXCursor cursor, unsigned depth)
{
    const CXCursor *items = NULL;
    size_t count = 0;
    t->cursors++;
    if (!cursor_tree_children(t->tree, cursor, &items, &count)) {
        t->mismatches++;
        fprintf(stderr, "%s: a cursor of kind %d is not in the tree\n", t->file, cursor.kind);
        return;
    }
    Flat flat = {NULL, 0, 0};
    clang_visitChildren(cursor, collect, &flat);
    bool agree = flat.count == count;
    for (size_t i = 0; agree && i < count; i++)
        agree = same_child(items[i], flat.items[i]);
    if (!agree) {
        t->mismatches++;
        fprintf(stderr, "%s: the children of a cursor of kind %d differ (%zu in the tree, %zu "
                        "from libclang)\n", t->file, cursor.kind, count, flat.count);
    } else if (depth < 4096) {
        for (size_t i = 0; i < count; i++)
            compare_under(t, items[i], depth + 1);
    }
    free(flat.items);
}

static enum CXChildVisitResult visit_top(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    Totals *t = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_Namespace || kind == CXCursor_ClassDecl || kind == CXCursor_StructDecl)
        return clang_Location_isInSystemHeader(clang_getCursorLocation(cursor))
                   ? CXChildVisit_Continue
                   : CXChildVisit_Recurse;
    if ((kind != CXCursor_FunctionDecl && kind != CXCursor_CXXMethod) ||
        !clang_isCursorDefinition(cursor) ||
        clang_Location_isInSystemHeader(clang_getCursorLocation(cursor)))
        return CXChildVisit_Continue;
    Flat kids = {NULL, 0, 0};
    clang_visitChildren(cursor, collect, &kids);
    for (size_t i = 0; i < kids.count; i++) {
        if (clang_getCursorKind(kids.items[i]) != CXCursor_CompoundStmt)
            continue;
        if (CHECK(cursor_tree_build(t->tree, kids.items[i]))) {
            t->bodies++;
            compare_under(t, kids.items[i], 0);
            /* A cursor outside the body is not answered for. */
            const CXCursor *items = NULL;
            size_t count = 0;
            CHECK(!cursor_tree_children(t->tree, cursor, &items, &count));
        }
        cursor_tree_clear(t->tree);
        /* Cleared, it answers nothing. */
        const CXCursor *items = NULL;
        size_t count = 0;
        CHECK(!cursor_tree_children(t->tree, kids.items[i], &items, &count));
    }
    free(kids.items);
    return CXChildVisit_Continue;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_cursor_tree RULES_DIR FILE...\n");
        return 2;
    }
    char include[4096];
    snprintf(include, sizeof(include), "%s/include", argv[1]);
    CXIndex index = clang_createIndex(0, 0);
    Totals totals = {cursor_tree_new(), 0, 0, 0, NULL};
    for (int i = 2; i < argc; i++) {
        const char *path = argv[i];
        size_t length = strlen(path);
        bool cplusplus = length > 4 && strcmp(path + length - 4, ".cpp") == 0;
        const char *args[] = {"-x", cplusplus ? "c++" : "c", "--target=x86_64-pc-windows-msvc",
                              "-fms-extensions", "-fms-compatibility", "-isystem", include,
                              "-DNDIS_MINIPORT_DRIVER=1", "-DNDIS620_MINIPORT=1"};
        CXTranslationUnit tu = NULL;
        enum CXErrorCode code = clang_parseTranslationUnit2(
            index, path, args, (int)(sizeof(args) / sizeof(args[0])), NULL, 0,
            CXTranslationUnit_KeepGoing, &tu);
        if (!CHECK(code == CXError_Success && tu != NULL))
            continue;
        totals.file = path;
        clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &totals);
        clang_disposeTranslationUnit(tu);
    }
    CHECK(totals.bodies > 0);
    CHECK(totals.cursors > totals.bodies);
    CHECK(totals.mismatches == 0);
    printf("%zu bodies, %zu cursors compared, %zu differ\n", totals.bodies, totals.cursors,
           totals.mismatches);
    cursor_tree_free(totals.tree);
    clang_disposeIndex(index);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
