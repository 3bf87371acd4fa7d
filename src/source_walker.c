/* source_walker.c - the shared parts of the cursor walk (see
 * source_walker.h): growable arrays, cursor children, files and
 * locations, types and variables. */
#include "source_walker.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "memory.h"

/* Grows `*items` (of `size`-byte elements) to hold one more. */
void grow(void **items, size_t *capacity, size_t count, size_t size)
{
    if (count < *capacity)
        return;
    size_t new_capacity = *capacity ? *capacity * 2 : 16;
    void *grown = realloc(*items, new_capacity * size);
    if (grown == NULL)
        out_of_memory();
    *items = grown;
    *capacity = new_capacity;
}

static enum CXChildVisitResult collect_child(CXCursor cursor, CXCursor parent,
                                             CXClientData data)
{
    (void)parent;
    CursorList *list = data;
    grow((void **)&list->items, &list->capacity, list->count,
         sizeof(*list->items));
    list->items[list->count++] = cursor;
    return CXChildVisit_Continue;
}

/* From the body's cursor tree when the cursor is in it (the conversion of
 * a body), else from libclang. */
CursorList children_of(Walker *w, CXCursor cursor)
{
    CursorList list = {0};
    const CXCursor *items = NULL;
    size_t count = 0;
    if (w->tree != NULL && cursor_tree_children(w->tree, cursor, &items, &count)) {
        list.items = (CXCursor *)items;
        list.count = count;
        return list;
    }
    clang_visitChildren(cursor, collect_child, &list);
    return list;
}

void cursor_list_free(CursorList *list)
{
    if (list->capacity > 0)
        free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}

/* Copies a CXString into the arena and disposes of it. */
const char *take_string(Walker *w, CXString s)
{
    const char *text = clang_getCString(s);
    const char *copy = arena_strdup(w->arena, text != NULL ? text : "");
    clang_disposeString(s);
    return copy;
}

/* ---- files and locations ----------------------------------------------- */

const FileEntry *file_entry(Walker *w, CXFile file)
{
    for (size_t i = 0; i < w->file_count; i++) {
        if (w->files[i].file == file)
            return &w->files[i];
    }
    grow((void **)&w->files, &w->file_capacity, w->file_count,
         sizeof(*w->files));
    FileEntry *entry = &w->files[w->file_count++];
    entry->file = file;
    entry->is_system = 0;
    CXString real = clang_File_tryGetRealPathName(file);
    const char *text = clang_getCString(real);
    if (text == NULL || text[0] == '\0') {
        clang_disposeString(real);
        real = clang_getFileName(file);
        text = clang_getCString(real);
    }
    const char *resolved = text != NULL ? path_memo_real(w->paths, text) : NULL;
    if (resolved != NULL)
        entry->path = driver_intern_path(w->driver, resolved);
    else
        entry->path = driver_intern_path(w->driver, text != NULL ? text : "");
    clang_disposeString(real);
    return entry;
}

/* Within one unit the raw encoding names the place: the same encoding has
 * the same expansion place, so a place asked for again is not looked up
 * again. */
SourceLoc loc_of_location(Walker *w, CXSourceLocation location)
{
    /* (A location with no language options is of another form, whose
     * number is not the raw encoding: not kept.) */
    bool keep = location.int_data != 0 && location.ptr_data[1] != NULL;
    LocMemo *memo = &w->loc_memo[location.int_data % LOC_MEMO_SIZE];
    if (keep && memo->raw == location.int_data)
        return memo->loc;
    SourceLoc loc = {NULL, 0, 0};
    CXFile file = NULL;
    unsigned line = 0;
    unsigned col = 0;
    clang_getExpansionLocation(location, &file, &line, &col, NULL);
    if (file != NULL)
        loc.file = file_entry(w, file)->path;
    loc.line = line;
    loc.col = col;
    if (keep) {
        memo->raw = location.int_data;
        memo->loc = loc;
    }
    return loc;
}

SourceLoc loc_of(Walker *w, CXCursor cursor)
{
    return loc_of_location(w, clang_getCursorLocation(cursor));
}

/* The driver's own code: not a system header (the model headers and a
 * real WDK are given as system include folders). */
int is_driver_code(CXCursor cursor)
{
    CXSourceLocation location = clang_getCursorLocation(cursor);
    /* Most declarations a unit holds are the headers': asked first. */
    if (clang_Location_isInSystemHeader(location))
        return 0;
    CXFile file = NULL;
    clang_getExpansionLocation(location, &file, NULL, NULL, NULL);
    return file != NULL;
}

/* ---- types ------------------------------------------------------------- */

/* Removes sugar (typedefs, elaboration) and one level of pointer (when
 * `through_pointer`), and returns the structure's tag without a leading
 * '_' ("NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS"), or NULL. */
const char *record_name_of_type(Walker *w, CXType type,
                                       int through_pointer, int *is_pointer)
{
    CXType canonical = clang_getCanonicalType(type);
    if (is_pointer != NULL)
        *is_pointer = canonical.kind == CXType_Pointer;
    if (canonical.kind == CXType_Pointer && through_pointer)
        canonical = clang_getCanonicalType(clang_getPointeeType(canonical));
    if (canonical.kind != CXType_Record)
        return NULL;
    CXCursor decl = clang_getTypeDeclaration(canonical);
    CXString spelling = clang_getCursorSpelling(decl);
    const char *text = clang_getCString(spelling);
    const char *result = NULL;
    if (text != NULL && text[0] != '\0' && !clang_Cursor_isAnonymous(decl)) {
        result = arena_strdup(w->arena, text[0] == '_' ? text + 1 : text);
    } else {
        /* An anonymous structure named only by a typedef. */
        CXString type_spelling = clang_getTypeSpelling(type);
        const char *name = clang_getCString(type_spelling);
        if (name != NULL && strchr(name, ' ') == NULL && name[0] != '\0')
            result = arena_strdup(w->arena, name[0] == '_' ? name + 1 : name);
        clang_disposeString(type_spelling);
    }
    clang_disposeString(spelling);
    return result;
}

/* The typedef a function's type is spelled with (MINIPORT_ISR for
 * `MINIPORT_ISR MpIsr;`), or NULL. */
const char *role_typedef_of(Walker *w, CXCursor function)
{
    CXType type = clang_getCursorType(function);
    if (type.kind == CXType_Elaborated)
        type = clang_Type_getNamedType(type);
    if (type.kind != CXType_Typedef)
        return NULL;
    return take_string(w, clang_getTypedefName(type));
}

/* `_Function_class_(X)` expands to nothing outside analysis builds, so it
 * is read from the tokens. It is usually written before the return type,
 * outside the function's extent: the tokens are read from the end of the
 * previous declaration (the last `;`, `}` or `{` before the function) to
 * the start of the body. */
const char *function_class_of(Walker *w, CXCursor function,
                                     CXCursor body)
{
    enum { LOOK_BACK = 2048 };
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(function));
    CXSourceLocation stop = clang_getRangeStart(clang_getCursorExtent(body));
    CXFile file = NULL;
    unsigned start_offset = 0;
    /* Expansion locations: a declaration that starts with a macro (VOID)
     * has its spelling in the header that defines it. */
    clang_getExpansionLocation(start, &file, NULL, NULL, &start_offset);
    if (file == NULL)
        return NULL;
    unsigned from_offset = start_offset > LOOK_BACK ? start_offset - LOOK_BACK : 0;
    unsigned stop_offset = 0;
    CXFile stop_file = NULL;
    clang_getExpansionLocation(stop, &stop_file, NULL, NULL, &stop_offset);
    /* Most functions have no such annotation: a look at the text spares
     * tokenizing the range. */
    size_t file_size = 0;
    const char *contents = clang_getFileContents(w->tu, file, &file_size);
    if (contents != NULL && clang_File_isEqual(file, stop_file) && stop_offset > from_offset &&
        stop_offset <= file_size &&
        memmem(contents + from_offset, stop_offset - from_offset, "_Function_class_",
               sizeof("_Function_class_") - 1) == NULL)
        return NULL;
    CXSourceLocation from = clang_getLocationForOffset(w->tu, file, from_offset);
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(w->tu, clang_getRange(from, stop), &tokens, &count);
    /* The first token that belongs to this declaration: the one after the
     * last `;`, `}` or `{` before the declaration starts. The tokens are
     * in the order of the text, so the start is found by halving, and the
     * separator by looking back from it. */
    unsigned low = 0;
    unsigned high = count;
    while (low < high) {
        unsigned middle = low + (high - low) / 2;
        unsigned offset = 0;
        clang_getExpansionLocation(clang_getTokenLocation(w->tu, tokens[middle]), NULL,
                                   NULL, NULL, &offset);
        if (offset < start_offset)
            low = middle + 1;
        else
            high = middle;
    }
    unsigned first = 0;
    for (unsigned i = low; i > 0 && first == 0; i--) {
        if (clang_getTokenKind(tokens[i - 1]) != CXToken_Punctuation)
            continue;
        CXString spelling = clang_getTokenSpelling(w->tu, tokens[i - 1]);
        const char *text = clang_getCString(spelling);
        if (strcmp(text, ";") == 0 || strcmp(text, "}") == 0 || strcmp(text, "{") == 0)
            first = i;
        clang_disposeString(spelling);
    }
    const char *result = NULL;
    for (unsigned i = first; i + 2 < count && result == NULL; i++) {
        if (clang_getTokenKind(tokens[i]) != CXToken_Identifier)
            continue;
        CXString spelling = clang_getTokenSpelling(w->tu, tokens[i]);
        int is_class = strcmp(clang_getCString(spelling), "_Function_class_") == 0;
        clang_disposeString(spelling);
        if (is_class && clang_getTokenKind(tokens[i + 2]) == CXToken_Identifier)
            result = take_string(w, clang_getTokenSpelling(w->tu, tokens[i + 2]));
    }
    if (tokens != NULL)
        clang_disposeTokens(w->tu, tokens, count);
    return result;
}

/* ---- variables --------------------------------------------------------- */

static Var *new_var(Walker *w, CXCursor decl, VarScope scope)
{
    Var *var = arena_alloc(w->arena, sizeof(*var));
    var->name = take_string(w, clang_getCursorSpelling(decl));
    var->scope = scope;
    int is_pointer = 0;
    var->record = record_name_of_type(w, clang_getCursorType(decl), 1,
                                      &is_pointer);
    var->is_pointer = is_pointer != 0;
    enum CXTypeKind kind = clang_getCanonicalType(clang_getCursorType(decl)).kind;
    var->is_reference = kind == CXType_LValueReference || kind == CXType_RValueReference;
    var->loc = loc_of(w, decl);
    return var;
}

Var *local_var(Walker *w, CXCursor decl, VarScope scope)
{
    for (size_t i = 0; i < w->var_count; i++) {
        if (clang_equalCursors(w->vars[i].decl, decl))
            return w->vars[i].var;
    }
    grow((void **)&w->vars, &w->var_capacity, w->var_count, sizeof(*w->vars));
    Var *var = new_var(w, decl, scope);
    var->index = (unsigned)w->var_count;
    w->vars[w->var_count].decl = decl;
    w->vars[w->var_count].var = var;
    w->var_count++;
    return var;
}

Var *global_var(Walker *w, CXCursor decl)
{
    if (w->keeping)
        w->kept_spoiled = true;
    CXCursor canonical = clang_getCanonicalCursor(decl);
    for (size_t i = 0; i < w->global_count; i++) {
        if (clang_equalCursors(w->globals[i].decl, canonical))
            return w->globals[i].var;
    }
    grow((void **)&w->globals, &w->global_capacity, w->global_count,
         sizeof(*w->globals));
    Var *var = new_var(w, decl, VAR_GLOBAL);
    w->globals[w->global_count].decl = canonical;
    w->globals[w->global_count].var = var;
    w->global_count++;
    return var;
}

/* A variable is global when no function encloses its declaration. */
static int is_file_scope(CXCursor decl)
{
    CXCursor parent = clang_getCursorSemanticParent(decl);
    enum CXCursorKind kind = clang_getCursorKind(parent);
    return kind == CXCursor_TranslationUnit || kind == CXCursor_Namespace ||
           kind == CXCursor_StructDecl || kind == CXCursor_ClassDecl ||
           clang_Cursor_getStorageClass(decl) == CX_SC_Extern;
}

Var *var_for_decl(Walker *w, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    if (kind == CXCursor_ParmDecl)
        return local_var(w, decl, VAR_PARAM);
    if (is_file_scope(decl))
        return global_var(w, decl);
    return local_var(w, decl, VAR_LOCAL);
}
