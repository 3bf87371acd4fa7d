/* source_walker.h - what the parts of the cursor walk share: the state of
 * one translation unit's walk (Walker) and the helpers each part offers.
 *
 * The walk is split by what it converts: source_walker.c (files,
 * locations, types, variables), source_convert_expr.c (expressions),
 * source_convert_stmt.c (statements and functions), source_damage.c
 * (statements the parser could not fully read), source_cursor_tree.c (the
 * children of a body's cursors, read in one visit). source_parse.c parses a
 * file and drives the walk. Internal to those files: nothing else includes
 * this header.
 */
#ifndef NDISLINT_SOURCE_WALKER_H
#define NDISLINT_SOURCE_WALKER_H

#include <clang-c/Index.h>

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "facts.h"
#include "finding.h"
#include "path_memo.h"
#include "source_cursor_tree.h"

/* A function or file-scope variable of the driver's code, in the order of
 * the source. */
typedef struct TopItem {
    CXCursor cursor;
    bool is_function;
    bool is_definition;        /* a function with its body */
    CXCursor body;             /* definitions: the compound statement */
    const char *name;          /* functions: for the closure over calls */
    const char *role_type;     /* functions: role typedef or function class */
} TopItem;

/* A growable array of cursors, for walking children in order. A list of
 * children read from the body's cursor tree borrows its storage
 * (capacity 0): it is read, never changed. */
typedef struct CursorList {
    CXCursor *items;
    size_t count;
    size_t capacity;
} CursorList;

/* A libclang file and the interned path it maps to. */
typedef struct FileEntry {
    CXFile file;
    const char *path;
    int is_system;
} FileEntry;

/* A place asked for before, by its raw encoding in this unit (0: none).
 * A statement and its expression, a call and its callee, the parts of
 * one macro's expansion are often at the same place. */
typedef struct LocMemo {
    unsigned raw;
    SourceLoc loc;
} LocMemo;

enum { LOC_MEMO_SIZE = 2048 };

/* A declaration of the function being converted, and its Var. */
typedef struct VarEntry {
    CXCursor decl;
    Var *var;
} VarEntry;

/* A parse error in the driver's own code, at its expansion place. */
typedef struct DamageSite {
    const char *file;         /* interned path */
    unsigned offset;
    SourceLoc loc;
    const char *message;      /* in the unit's arena */
    bool claimed;
} DamageSite;

typedef struct Walker {
    Driver *driver;
    Arena *arena;
    TranslationFacts *unit;
    CXTranslationUnit tu;
    PathMemo *paths;          /* real paths, kept across the process's files */
    FileEntry *files;
    size_t file_count;
    size_t file_capacity;
    /* The function being converted. */
    VarEntry *vars;
    size_t var_count;
    size_t var_capacity;
    /* File-scope variables referenced, by declaration. */
    VarEntry *globals;
    size_t global_count;
    size_t global_capacity;
    /* Functions collected for the unit. */
    Function **functions;
    size_t function_count;
    size_t function_capacity;
    GlobalInit *inits;
    size_t init_count;
    size_t init_capacity;
    /* Parse errors in the driver's own code, found before converting;
     * each is claimed by the smallest statement holding it. */
    DamageSite *sites;
    size_t site_count;
    size_t site_capacity;
    bool damage_active;       /* the function being converted holds one */
    /* The sites inside that function's body (indexes into `sites`), and
     * how many of them are still unclaimed: its statements look at these
     * few, and at none once all are claimed. */
    size_t *body_sites;
    size_t body_site_count;
    size_t body_site_capacity;
    size_t body_unclaimed;
    size_t damage_count;      /* statements marked in that function */
    const char **trace_names; /* trace functions the WPP configuration declares */
    size_t trace_name_count;
    size_t trace_name_capacity;
    bool trace_names_read;
    const char **declared;    /* functions declared at file scope, sorted */
    size_t declared_count;
    size_t declared_capacity;
    bool declared_read;
    /* The driver's functions and variables, gathered before converting. */
    bool cplusplus;
    TopItem *items;
    size_t item_count;
    size_t item_capacity;
    /* The children of the cursors of the body being converted. */
    CursorTree *tree;
    /* Converting a definition to keep for later files: it must not refer
     * to a file-scope variable of this file (then `kept_spoiled`). */
    bool keeping;
    bool kept_spoiled;
    LocMemo loc_memo[LOC_MEMO_SIZE];
} Walker;

/* A growable list of statements. */
typedef struct StmtList {
    Stmt **items;
    size_t count;
    size_t capacity;
} StmtList;

/* source_walker.c: growable arrays, cursors, files and locations, types, variables */
CursorList children_of(Walker *w, CXCursor cursor);
void cursor_list_free(CursorList *list);
const FileEntry *file_entry(Walker *w, CXFile file);
const char *function_class_of(Walker *w, CXCursor function,
                                     CXCursor body);
Var *global_var(Walker *w, CXCursor decl);
void grow(void **items, size_t *capacity, size_t count, size_t size);
int is_driver_code(CXCursor cursor);
SourceLoc loc_of(Walker *w, CXCursor cursor);
SourceLoc loc_of_location(Walker *w, CXSourceLocation location);
Var *local_var(Walker *w, CXCursor decl, VarScope scope);
const char *record_name_of_type(Walker *w, CXType type,
                                       int through_pointer, int *is_pointer);
const char *role_typedef_of(Walker *w, CXCursor function);
const char *take_string(Walker *w, CXString s);
Var *var_for_decl(Walker *w, CXCursor decl);

/* source_convert_expr.c: expressions */
Expr *convert_expr(Walker *w, CXCursor cursor);
const char *function_name_of(Walker *w, CXCursor decl);
int is_expression(CXCursor cursor);
int last_expression_child(Walker *w, CXCursor cursor, CXCursor *out);

/* source_damage.c: statements holding parse errors, and WPP trace names */
void add_dropped(Walker *w, CXSourceLocation from, CXSourceLocation to,
                        StmtList *out);
void claim_for_stmt(Walker *w, Stmt *s, CXCursor cursor);
DamageSite *claim_sites(Walker *w, CXSourceRange range, bool open_end);
bool has_sites(Walker *w, CXSourceRange range);
/* Starts converting a body spanning `range`: returns whether a parse error
 * lies in it (then damage_active is set until damage_end_body). */
bool damage_begin_body(Walker *w, CXSourceRange range);
void damage_end_body(Walker *w);
void stmt_list_add(StmtList *list, Stmt *s);

/* source_convert_stmt.c: statements, functions, file-scope declarations */
Function *convert_function(Walker *w, const TopItem *item);
void add_function(Walker *w, Function *function);
void convert_global_init(Walker *w, CXCursor cursor);
enum CXChildVisitResult visit_top(CXCursor cursor, CXCursor parent,
                                         CXClientData data);

#endif
