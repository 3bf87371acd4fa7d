/* source_parse.c - libclang translation units in, facts out.
 *
 * Every libclang call of the tool is in this file, so version gates and
 * parser quirks live in one place. The walk converts cursors to the facts
 * of facts.h: implicit casts and parentheses are stripped, constants are
 * folded, field accesses carry the structure that declares the field, and
 * positional initialisers are given their field names.
 *
 * Locations are expansion locations: NDIS code is macro-heavy, and the
 * place a reader looks at is where the macro was used.
 */
#include "source_parse.h"

#include <clang-c/Index.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "source_include_map.h"
#include "memory.h"

#if CINDEX_VERSION < CINDEX_VERSION_ENCODE(0, 64)
#error "ndislint needs libclang 17 or newer (operator kinds in the C API)"
#endif

struct SourceParser {
    CXIndex index;
    unsigned parses;  /* clang_parseTranslationUnit2 calls so far */
    FileCache *files; /* which header paths exist, for the include scan */
};

/* A function or file-scope variable of the driver's code, in the order of
 * the source, and whether its body is converted now. */
typedef struct TopItem {
    CXCursor cursor;
    bool is_function;
    bool is_definition;        /* a function with its body */
    CXCursor body;             /* definitions: the compound statement */
    const char *name;          /* functions: for the closure over calls */
    const char *role_type;     /* functions: role typedef or function class */
} TopItem;

/* A growable array of cursors, for walking children in order. */
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
} Walker;

/* Grows `*items` (of `size`-byte elements) to hold one more. */
static void grow(void **items, size_t *capacity, size_t count, size_t size)
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

static CursorList children_of(CXCursor cursor)
{
    CursorList list = {0};
    clang_visitChildren(cursor, collect_child, &list);
    return list;
}

static void cursor_list_free(CursorList *list)
{
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}

/* Copies a CXString into the arena and disposes of it. */
static const char *take_string(Walker *w, CXString s)
{
    const char *text = clang_getCString(s);
    const char *copy = arena_strdup(w->arena, text != NULL ? text : "");
    clang_disposeString(s);
    return copy;
}

/* ---- files and locations ----------------------------------------------- */

static const FileEntry *file_entry(Walker *w, CXFile file)
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
    char resolved[PATH_MAX];
    if (text == NULL || text[0] == '\0') {
        clang_disposeString(real);
        real = clang_getFileName(file);
        text = clang_getCString(real);
    }
    if (text != NULL && realpath(text, resolved) != NULL)
        entry->path = driver_intern_path(w->driver, resolved);
    else
        entry->path = driver_intern_path(w->driver, text != NULL ? text : "");
    clang_disposeString(real);
    return entry;
}

static SourceLoc loc_of_location(Walker *w, CXSourceLocation location)
{
    SourceLoc loc = {NULL, 0, 0};
    CXFile file = NULL;
    unsigned line = 0;
    unsigned col = 0;
    clang_getExpansionLocation(location, &file, &line, &col, NULL);
    if (file != NULL)
        loc.file = file_entry(w, file)->path;
    loc.line = line;
    loc.col = col;
    return loc;
}

static SourceLoc loc_of(Walker *w, CXCursor cursor)
{
    return loc_of_location(w, clang_getCursorLocation(cursor));
}

/* The driver's own code: not a system header (the model headers and a
 * real WDK are given as system include folders). */
static int is_driver_code(CXCursor cursor)
{
    CXSourceLocation location = clang_getCursorLocation(cursor);
    CXFile file = NULL;
    clang_getExpansionLocation(location, &file, NULL, NULL, NULL);
    if (file == NULL)
        return 0;
    return !clang_Location_isInSystemHeader(location);
}

/* ---- types ------------------------------------------------------------- */

/* Removes sugar (typedefs, elaboration) and one level of pointer (when
 * `through_pointer`), and returns the structure's tag without a leading
 * '_' ("NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS"), or NULL. */
static const char *record_name_of_type(Walker *w, CXType type,
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
static const char *role_typedef_of(Walker *w, CXCursor function)
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
static const char *function_class_of(Walker *w, CXCursor function,
                                     CXCursor body)
{
    enum { LOOK_BACK = 2048 };
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(function));
    CXSourceLocation stop = clang_getRangeStart(clang_getCursorExtent(body));
    CXFile file = NULL;
    unsigned start_offset = 0;
    clang_getSpellingLocation(start, &file, NULL, NULL, &start_offset);
    if (file == NULL)
        return NULL;
    unsigned from_offset = start_offset > LOOK_BACK ? start_offset - LOOK_BACK : 0;
    unsigned stop_offset = 0;
    CXFile stop_file = NULL;
    clang_getSpellingLocation(stop, &stop_file, NULL, NULL, &stop_offset);
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
    /* The first token that belongs to this declaration. */
    unsigned first = 0;
    for (unsigned i = 0; i < count; i++) {
        unsigned offset = 0;
        clang_getSpellingLocation(clang_getTokenLocation(w->tu, tokens[i]), NULL,
                                  NULL, NULL, &offset);
        if (offset >= start_offset)
            break;
        if (clang_getTokenKind(tokens[i]) != CXToken_Punctuation)
            continue;
        CXString spelling = clang_getTokenSpelling(w->tu, tokens[i]);
        const char *text = clang_getCString(spelling);
        if (strcmp(text, ";") == 0 || strcmp(text, "}") == 0 || strcmp(text, "{") == 0)
            first = i + 1;
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

static Var *local_var(Walker *w, CXCursor decl, VarScope scope)
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

static Var *global_var(Walker *w, CXCursor decl)
{
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

static Var *var_for_decl(Walker *w, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    if (kind == CXCursor_ParmDecl)
        return local_var(w, decl, VAR_PARAM);
    if (is_file_scope(decl))
        return global_var(w, decl);
    return local_var(w, decl, VAR_LOCAL);
}

/* ---- expressions ------------------------------------------------------- */

static Expr *convert_expr(Walker *w, CXCursor cursor);

static Expr *new_expr(Walker *w, ExprKind kind, CXCursor cursor)
{
    Expr *e = arena_alloc(w->arena, sizeof(*e));
    e->kind = kind;
    e->loc = loc_of(w, cursor);
    return e;
}

static void set_kids(Walker *w, Expr *e, Expr **kids, size_t count)
{
    e->kids = arena_copy(w->arena, kids, count * sizeof(*kids));
    e->kid_count = count;
}

static int is_expression(CXCursor cursor)
{
    return clang_isExpression(clang_getCursorKind(cursor));
}

/* Converts every expression child (skipping type and member references). */
static Expr *convert_other(Walker *w, CXCursor cursor, ExprKind kind)
{
    Expr *e = new_expr(w, kind, cursor);
    CursorList kids = children_of(cursor);
    Expr **converted = malloc((kids.count + 1) * sizeof(*converted));
    if (converted == NULL)
        out_of_memory();
    size_t count = 0;
    for (size_t i = 0; i < kids.count; i++) {
        if (is_expression(kids.items[i]))
            converted[count++] = convert_expr(w, kids.items[i]);
    }
    set_kids(w, e, converted, count);
    free(converted);
    cursor_list_free(&kids);
    return e;
}

/* The last expression child: the operand of a cast or parenthesis. */
static int last_expression_child(CXCursor cursor, CXCursor *out)
{
    CursorList kids = children_of(cursor);
    int found = 0;
    for (size_t i = kids.count; i > 0 && !found; i--) {
        if (is_expression(kids.items[i - 1])) {
            *out = kids.items[i - 1];
            found = 1;
        }
    }
    cursor_list_free(&kids);
    return found;
}

static Expr *int_expr(Walker *w, CXCursor cursor, int64_t value)
{
    Expr *e = new_expr(w, EXPR_INT, cursor);
    e->int_value = value;
    return e;
}

static Expr *convert_literal(Walker *w, CXCursor cursor)
{
    CXEvalResult result = clang_Cursor_Evaluate(cursor);
    Expr *e = NULL;
    if (result != NULL && clang_EvalResult_getKind(result) == CXEval_Int) {
        if (clang_EvalResult_isUnsignedInt(result))
            e = int_expr(w, cursor,
                         (int64_t)clang_EvalResult_getAsUnsigned(result));
        else
            e = int_expr(w, cursor, clang_EvalResult_getAsLongLong(result));
    }
    if (result != NULL)
        clang_EvalResult_dispose(result);
    if (e == NULL)
        e = new_expr(w, EXPR_OTHER, cursor);
    return e;
}

/* The name a function is known by in the facts, into `out`: its own for a
 * C function, qualified by its classes and namespaces in C++
 * ("Adapter::Stop"), so that same-named methods of different classes are
 * different functions. */
static void function_name_into(CXCursor decl, char *out, size_t size)
{
    CXString own = clang_getCursorSpelling(decl);
    snprintf(out, size, "%s", clang_getCString(own));
    clang_disposeString(own);
    for (CXCursor scope = clang_getCursorSemanticParent(decl);;
         scope = clang_getCursorSemanticParent(scope)) {
        enum CXCursorKind kind = clang_getCursorKind(scope);
        if (kind != CXCursor_Namespace && kind != CXCursor_ClassDecl &&
            kind != CXCursor_StructDecl && kind != CXCursor_UnionDecl &&
            kind != CXCursor_ClassTemplate)
            break;
        CXString spelling = clang_getCursorSpelling(scope);
        const char *name = clang_getCString(spelling);
        size_t prefix = name != NULL ? strlen(name) + 2 : 0;
        size_t length = strlen(out);
        /* Too long a name keeps what fits: it only has to be told apart. */
        if (prefix > 2 && prefix + length < size) {
            memmove(out + prefix, out, length + 1);
            memcpy(out, name, prefix - 2);
            out[prefix - 2] = ':';
            out[prefix - 1] = ':';
        }
        clang_disposeString(spelling);
    }
}

/* ... and for a C++ method, its parameter types too, so that overloads
 * are told apart: "Adapter::Read(unsigned long)". Canonical types, so that
 * the declaration and the definition agree however they spell them. */
static void method_name_into(CXCursor decl, char *out, size_t size)
{
    function_name_into(decl, out, size);
    if (clang_getCursorKind(decl) != CXCursor_CXXMethod)
        return;
    CXType type = clang_getCursorType(decl);
    int count = clang_getNumArgTypes(type);
    size_t used = strlen(out);
    for (int i = 0; i <= count && used + 1 < size; i++) {
        if (i == count) {
            snprintf(out + used, size - used, "%s)", i == 0 ? "(" : "");
            break;
        }
        CXString spelling =
            clang_getTypeSpelling(clang_getCanonicalType(clang_getArgType(type, (unsigned)i)));
        int n = snprintf(out + used, size - used, "%s%s", i == 0 ? "(" : ", ",
                         clang_getCString(spelling));
        clang_disposeString(spelling);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static const char *function_name_of(Walker *w, CXCursor decl)
{
    char name[1024];
    method_name_into(decl, name, sizeof(name));
    return arena_strdup(w->arena, name);
}

static Expr *convert_decl_ref(Walker *w, CXCursor cursor)
{
    CXCursor decl = clang_getCursorReferenced(cursor);
    switch (clang_getCursorKind(decl)) {
    case CXCursor_VarDecl:
    case CXCursor_ParmDecl: {
        Expr *e = new_expr(w, EXPR_VAR, cursor);
        e->var = var_for_decl(w, decl);
        return e;
    }
    case CXCursor_FunctionDecl:
    case CXCursor_CXXMethod: {
        Expr *e = new_expr(w, EXPR_FUNC, cursor);
        e->name = function_name_of(w, decl);
        return e;
    }
    case CXCursor_EnumConstantDecl:
        return int_expr(w, cursor, clang_getEnumConstantDeclValue(decl));
    default:
        return new_expr(w, EXPR_OTHER, cursor);
    }
}

/* The structure that declares a field, from the field's own declaration:
 * the type is resolved, not guessed from the field's name. */
static const char *record_of_field(Walker *w, CXCursor field)
{
    CXCursor parent = clang_getCursorSemanticParent(field);
    return record_name_of_type(w, clang_getCursorType(parent), 0, NULL);
}

static Expr *convert_member(Walker *w, CXCursor cursor)
{
    Expr *e = new_expr(w, EXPR_MEMBER, cursor);
    e->name = take_string(w, clang_getCursorSpelling(cursor));
    CXCursor field = clang_getCursorReferenced(cursor);
    if (clang_getCursorKind(field) == CXCursor_FieldDecl)
        e->record = record_of_field(w, field);
    CXCursor base;
    if (last_expression_child(cursor, &base)) {
        Expr *kid = convert_expr(w, base);
        set_kids(w, e, &kid, 1);
        CXType base_type = clang_getCanonicalType(clang_getCursorType(base));
        e->arrow = base_type.kind == CXType_Pointer;
    }
    return e;
}

static Operator binary_operator(CXCursor cursor)
{
    switch (clang_getCursorBinaryOperatorKind(cursor)) {
    case CXBinaryOperator_Mul: return OP_MUL;
    case CXBinaryOperator_Div: return OP_DIV;
    case CXBinaryOperator_Rem: return OP_REM;
    case CXBinaryOperator_Add: return OP_ADD;
    case CXBinaryOperator_Sub: return OP_SUB;
    case CXBinaryOperator_Shl: return OP_SHL;
    case CXBinaryOperator_Shr: return OP_SHR;
    case CXBinaryOperator_LT: return OP_LT;
    case CXBinaryOperator_GT: return OP_GT;
    case CXBinaryOperator_LE: return OP_LE;
    case CXBinaryOperator_GE: return OP_GE;
    case CXBinaryOperator_EQ: return OP_EQ;
    case CXBinaryOperator_NE: return OP_NE;
    case CXBinaryOperator_And: return OP_BIT_AND;
    case CXBinaryOperator_Xor: return OP_BIT_XOR;
    case CXBinaryOperator_Or: return OP_BIT_OR;
    case CXBinaryOperator_LAnd: return OP_LOG_AND;
    case CXBinaryOperator_LOr: return OP_LOG_OR;
    case CXBinaryOperator_Assign: return OP_ASSIGN;
    case CXBinaryOperator_MulAssign: return OP_MUL_ASSIGN;
    case CXBinaryOperator_DivAssign: return OP_DIV_ASSIGN;
    case CXBinaryOperator_RemAssign: return OP_REM_ASSIGN;
    case CXBinaryOperator_AddAssign: return OP_ADD_ASSIGN;
    case CXBinaryOperator_SubAssign: return OP_SUB_ASSIGN;
    case CXBinaryOperator_ShlAssign: return OP_SHL_ASSIGN;
    case CXBinaryOperator_ShrAssign: return OP_SHR_ASSIGN;
    case CXBinaryOperator_AndAssign: return OP_AND_ASSIGN;
    case CXBinaryOperator_XorAssign: return OP_XOR_ASSIGN;
    case CXBinaryOperator_OrAssign: return OP_OR_ASSIGN;
    case CXBinaryOperator_Comma: return OP_COMMA;
    default: return OP_NONE;
    }
}

static Operator unary_operator(CXCursor cursor)
{
    switch (clang_getCursorUnaryOperatorKind(cursor)) {
    case CXUnaryOperator_PostInc: return OP_POST_INC;
    case CXUnaryOperator_PostDec: return OP_POST_DEC;
    case CXUnaryOperator_PreInc: return OP_PRE_INC;
    case CXUnaryOperator_PreDec: return OP_PRE_DEC;
    case CXUnaryOperator_AddrOf: return OP_ADDR;
    case CXUnaryOperator_Deref: return OP_DEREF;
    case CXUnaryOperator_Plus: return OP_PLUS;
    case CXUnaryOperator_Minus: return OP_NEG;
    case CXUnaryOperator_Not: return OP_BIT_NOT;
    case CXUnaryOperator_LNot: return OP_NOT;
    default: return OP_NONE;
    }
}

static int is_assignment(Operator op)
{
    return op >= OP_ASSIGN && op <= OP_OR_ASSIGN;
}

/* Folds integer arithmetic on constants, so `(NDIS_STATUS)0xC0000001L`,
 * `-1` or `1 << 3` are plain constants to the rules. */
static int fold_binary(Operator op, int64_t a, int64_t b, int64_t *out)
{
    switch (op) {
    case OP_ADD: *out = (int64_t)((uint64_t)a + (uint64_t)b); return 1;
    case OP_SUB: *out = (int64_t)((uint64_t)a - (uint64_t)b); return 1;
    case OP_MUL: *out = (int64_t)((uint64_t)a * (uint64_t)b); return 1;
    case OP_DIV:
        if (b == 0 || (a == INT64_MIN && b == -1))
            return 0;
        *out = a / b;
        return 1;
    case OP_REM:
        if (b == 0 || (a == INT64_MIN && b == -1))
            return 0;
        *out = a % b;
        return 1;
    case OP_SHL:
        if (b < 0 || b > 62)
            return 0;
        *out = (int64_t)((uint64_t)a << b);
        return 1;
    case OP_SHR:
        if (b < 0 || b > 62)
            return 0;
        *out = a >> b;
        return 1;
    case OP_BIT_AND: *out = a & b; return 1;
    case OP_BIT_OR: *out = a | b; return 1;
    case OP_BIT_XOR: *out = a ^ b; return 1;
    case OP_LT: *out = a < b; return 1;
    case OP_GT: *out = a > b; return 1;
    case OP_LE: *out = a <= b; return 1;
    case OP_GE: *out = a >= b; return 1;
    case OP_EQ: *out = a == b; return 1;
    case OP_NE: *out = a != b; return 1;
    case OP_LOG_AND: *out = a && b; return 1;
    case OP_LOG_OR: *out = a || b; return 1;
    default: return 0;
    }
}

static Expr *convert_binary(Walker *w, CXCursor cursor)
{
    Expr *e = convert_other(w, cursor, EXPR_BINARY);
    e->op = binary_operator(cursor);
    if (e->kid_count != 2 || e->op == OP_NONE) {
        e->kind = EXPR_OTHER;
        return e;
    }
    if (is_assignment(e->op)) {
        e->kind = EXPR_ASSIGN;
        return e;
    }
    int64_t folded = 0;
    if (e->kids[0]->kind == EXPR_INT && e->kids[1]->kind == EXPR_INT &&
        fold_binary(e->op, e->kids[0]->int_value, e->kids[1]->int_value,
                    &folded)) {
        e->kind = EXPR_INT;
        e->int_value = folded;
        e->kids = NULL;
        e->kid_count = 0;
    }
    return e;
}

static Expr *convert_unary(Walker *w, CXCursor cursor)
{
    Expr *e = convert_other(w, cursor, EXPR_UNARY);
    e->op = unary_operator(cursor);
    if (e->kid_count != 1 || e->op == OP_NONE) {
        /* __extension__ and the like: the operand is what matters. */
        if (e->kid_count == 1 && clang_getCursorUnaryOperatorKind(cursor) ==
                                     CXUnaryOperator_Extension)
            return e->kids[0];
        e->kind = EXPR_OTHER;
        return e;
    }
    const Expr *operand = e->kids[0];
    if (operand->kind == EXPR_INT) {
        int64_t v = operand->int_value;
        int folded = 1;
        switch (e->op) {
        case OP_NEG: e->int_value = (int64_t)(0 - (uint64_t)v); break;
        case OP_PLUS: e->int_value = v; break;
        case OP_NOT: e->int_value = !v; break;
        case OP_BIT_NOT: e->int_value = ~v; break;
        default: folded = 0; break;
        }
        if (folded) {
            e->kind = EXPR_INT;
            e->kids = NULL;
            e->kid_count = 0;
        }
    }
    return e;
}

static Expr *convert_call(Walker *w, CXCursor cursor)
{
    Expr *e = new_expr(w, EXPR_CALL, cursor);
    int argc = clang_Cursor_getNumArguments(cursor);
    if (argc < 0)
        argc = 0;
    Expr **kids = malloc(((size_t)argc + 1) * sizeof(*kids));
    if (kids == NULL)
        out_of_memory();
    /* The callee is the first expression child; arguments follow. */
    CursorList children = children_of(cursor);
    kids[0] = NULL;
    for (size_t i = 0; i < children.count && kids[0] == NULL; i++) {
        if (is_expression(children.items[i]))
            kids[0] = convert_expr(w, children.items[i]);
    }
    cursor_list_free(&children);
    /* A C++ method call (`adapter->Register()`) names the method through a
     * member expression: the callee is the method itself. */
    CXCursor method = clang_getCursorReferenced(cursor);
    if (kids[0] != NULL && kids[0]->kind == EXPR_MEMBER &&
        clang_getCursorKind(method) == CXCursor_CXXMethod) {
        kids[0] = new_expr(w, EXPR_FUNC, cursor);
        kids[0]->name = function_name_of(w, method);
    }
    if (kids[0] == NULL) {
        kids[0] = new_expr(w, EXPR_OTHER, cursor);
        /* C++ member calls name the method in the call itself. */
        CXCursor callee = clang_getCursorReferenced(cursor);
        if (clang_getCursorKind(callee) == CXCursor_FunctionDecl ||
            clang_getCursorKind(callee) == CXCursor_CXXMethod) {
            kids[0]->kind = EXPR_FUNC;
            kids[0]->name = function_name_of(w, callee);
        }
    }
    for (int i = 0; i < argc; i++)
        kids[i + 1] = convert_expr(w, clang_Cursor_getArgument(cursor, (unsigned)i));
    set_kids(w, e, kids, (size_t)argc + 1);
    free(kids);
    return e;
}

/* Field names of a structure type in declaration order, for positional
 * initialisers. */
typedef struct FieldNames {
    Walker *w;
    const char **names;
    size_t count;
    size_t capacity;
} FieldNames;

static enum CXVisitorResult collect_field(CXCursor field, CXClientData data)
{
    FieldNames *fields = data;
    grow((void **)&fields->names, &fields->capacity, fields->count,
         sizeof(*fields->names));
    fields->names[fields->count++] =
        take_string(fields->w, clang_getCursorSpelling(field));
    return CXVisit_Continue;
}

/* A designated initialiser `.A.B = v` appears as an unexposed expression
 * whose children are member references followed by the value. Returns the
 * first designator's name and the value cursor, or NULL. */
static const char *designated_field(Walker *w, CXCursor item, CXCursor *value)
{
    if (clang_getCursorKind(item) != CXCursor_UnexposedExpr)
        return NULL;
    CursorList kids = children_of(item);
    const char *name = NULL;
    if (kids.count >= 2 &&
        clang_getCursorKind(kids.items[0]) == CXCursor_MemberRef &&
        is_expression(kids.items[kids.count - 1])) {
        name = take_string(w, clang_getCursorSpelling(kids.items[0]));
        *value = kids.items[kids.count - 1];
    }
    cursor_list_free(&kids);
    return name;
}

static Expr *convert_init_list(Walker *w, CXCursor cursor)
{
    Expr *e = new_expr(w, EXPR_INIT_LIST, cursor);
    CXType type = clang_getCursorType(cursor);
    e->init_record = record_name_of_type(w, type, 0, NULL);
    FieldNames fields = {w, NULL, 0, 0};
    if (e->init_record != NULL)
        clang_Type_visitFields(clang_getCanonicalType(type), collect_field,
                               &fields);
    CursorList items = children_of(cursor);
    Expr **kids = malloc((items.count + 1) * sizeof(*kids));
    const char **designators = malloc((items.count + 1) * sizeof(*designators));
    if (kids == NULL || designators == NULL)
        out_of_memory();
    size_t count = 0;
    size_t position = 0;
    for (size_t i = 0; i < items.count; i++) {
        CXCursor item = items.items[i];
        if (!is_expression(item))
            continue;
        CXCursor value = item;
        const char *name = designated_field(w, item, &value);
        if (name != NULL) {
            /* Positional items after a designator continue from it. */
            for (size_t f = 0; f < fields.count; f++) {
                if (strcmp(fields.names[f], name) == 0)
                    position = f;
            }
        } else if (position < fields.count) {
            name = fields.names[position];
        }
        position++;
        designators[count] = name;
        kids[count] = convert_expr(w, value);
        count++;
    }
    set_kids(w, e, kids, count);
    e->designators = arena_copy(w->arena, designators,
                                count * sizeof(*designators));
    free(kids);
    free(designators);
    free(fields.names);
    cursor_list_free(&items);
    return e;
}

static Expr *convert_expr(Walker *w, CXCursor cursor)
{
    CXCursor inner;
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_UnexposedExpr:
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_CXXStaticCastExpr:
    case CXCursor_CXXReinterpretCastExpr:
    case CXCursor_CXXConstCastExpr:
    case CXCursor_CXXFunctionalCastExpr:
    case CXCursor_CXXDynamicCastExpr: {
        /* Casts and parentheses: the operand is what the rules see. An
         * unexposed expression with several children is something else
         * (a designated initialiser outside a list, for instance). */
        CursorList kids = children_of(cursor);
        size_t expressions = 0;
        for (size_t i = 0; i < kids.count; i++)
            expressions += is_expression(kids.items[i]) ? 1 : 0;
        int single = expressions == 1;
        cursor_list_free(&kids);
        if (single && last_expression_child(cursor, &inner))
            return convert_expr(w, inner);
        return convert_other(w, cursor, EXPR_OTHER);
    }
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_CXXBoolLiteralExpr:
        return convert_literal(w, cursor);
    case CXCursor_CXXNullPtrLiteralExpr:
    case CXCursor_GNUNullExpr:
        return int_expr(w, cursor, 0);
    case CXCursor_StringLiteral:
        return new_expr(w, EXPR_STRING, cursor);
    case CXCursor_DeclRefExpr:
        return convert_decl_ref(w, cursor);
    case CXCursor_MemberRefExpr:
        return convert_member(w, cursor);
    case CXCursor_CallExpr:
        return convert_call(w, cursor);
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        return convert_binary(w, cursor);
    case CXCursor_UnaryOperator:
        return convert_unary(w, cursor);
    case CXCursor_ConditionalOperator: {
        Expr *e = convert_other(w, cursor, EXPR_COND);
        if (e->kid_count != 3)
            e->kind = EXPR_OTHER;
        return e;
    }
    case CXCursor_InitListExpr:
        return convert_init_list(w, cursor);
    case CXCursor_UnaryExpr:
        /* sizeof and alignof: nothing inside them is evaluated. */
        return new_expr(w, EXPR_SIZEOF, cursor);
    default:
        return convert_other(w, cursor, EXPR_OTHER);
    }
}

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

/* Claims every unclaimed parse error inside `range` (its end excluded
 * when `open_end`); returns the first of them, or NULL. */
static DamageSite *claim_sites(Walker *w, CXSourceRange range, bool open_end)
{
    const char *file = NULL;
    unsigned start = 0;
    unsigned end = 0;
    if (!range_span(w, range, &file, &start, &end))
        return NULL;
    DamageSite *first = NULL;
    for (size_t i = 0; i < w->site_count; i++) {
        DamageSite *site = &w->sites[i];
        if (site->claimed || site->file != file || site->offset < start ||
            site->offset > end || (open_end && site->offset == end))
            continue;
        site->claimed = true;
        if (first == NULL)
            first = site;
    }
    return first;
}

/* Does any unclaimed parse error lie inside `range`? */
static bool has_sites(Walker *w, CXSourceRange range)
{
    const char *file = NULL;
    unsigned start = 0;
    unsigned end = 0;
    if (w->site_count == 0 || !range_span(w, range, &file, &start, &end))
        return false;
    for (size_t i = 0; i < w->site_count; i++) {
        const DamageSite *site = &w->sites[i];
        if (!site->claimed && site->file == file && site->offset >= start &&
            site->offset <= end)
            return true;
    }
    return false;
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

static bool spelled(CXTranslationUnit tu, CXToken token, const char *text)
{
    CXString spelling = clang_getTokenSpelling(tu, token);
    bool same = strcmp(clang_getCString(spelling), text) == 0;
    clang_disposeString(spelling);
    return same;
}

/* What the damaged code of tokens [from, to) names. */
static StmtDamage *damage_of_tokens(Walker *w, const CXToken *tokens, unsigned from,
                                    unsigned to, const DamageSite *site)
{
    StmtDamage *d = arena_alloc(w->arena, sizeof(*d));
    d->error_loc = site->loc;
    d->message = site->message;
    d->names = arena_alloc(w->arena, (to - from + 1) * sizeof(*d->names));
    d->name_flags = arena_alloc(w->arena, to - from + 1);
    const char *first_identifier = NULL;
    for (unsigned i = from; i < to; i++) {
        CXTokenKind kind = clang_getTokenKind(tokens[i]);
        if (kind == CXToken_Literal) {
            CXString spelling = clang_getTokenSpelling(w->tu, tokens[i]);
            const char *text = clang_getCString(spelling);
            if (text[0] == '"' || text[0] == 'L')
                d->trace_call = d->trace_call || has_wpp_escape(text);
            clang_disposeString(spelling);
            continue;
        }
        bool keyword = kind == CXToken_Keyword &&
                       (spelled(w->tu, tokens[i], "return") || spelled(w->tu, tokens[i], "goto"));
        if (kind != CXToken_Identifier && !keyword)
            continue;
        unsigned char flags = 0;
        if (i > from && (spelled(w->tu, tokens[i - 1], "->") || spelled(w->tu, tokens[i - 1], ".")))
            flags |= DAMAGE_NAME_MEMBER;
        if (i > from && spelled(w->tu, tokens[i - 1], "&"))
            flags |= DAMAGE_NAME_ADDRESS;
        if (i > from && spelled(w->tu, tokens[i - 1], "=") &&
            (i + 1 == to || spelled(w->tu, tokens[i + 1], ";")))
            flags |= DAMAGE_NAME_STORED;
        if (i + 1 < to && (spelled(w->tu, tokens[i + 1], "->") ||
                           spelled(w->tu, tokens[i + 1], ".") ||
                           spelled(w->tu, tokens[i + 1], "[")))
            flags |= DAMAGE_NAME_BASE;
        const char *name = take_string(w, clang_getTokenSpelling(w->tu, tokens[i]));
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
    StmtDamage *d = damage_of_tokens(w, tokens, 0, count, site);
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
static bool calls_declared_function(CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind != CXCursor_CallExpr && kind != CXCursor_UnexposedExpr)
        return false;
    for (int depth = 0; depth < 4; depth++) {
        CursorList kids = children_of(cursor);
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
static void claim_for_stmt(Walker *w, Stmt *s, CXCursor cursor)
{
    if (!w->damage_active || s == NULL)
        return;
    CXSourceRange range = clang_getCursorExtent(cursor);
    DamageSite *site = claim_sites(w, range, false);
    if (site != NULL) {
        StmtDamage *d = damage_of(w, range, site);
        d->known_callee = is_expression(cursor) && calls_declared_function(cursor);
        s->damage = d;
    }
}

/* A growable list of statements. */
typedef struct StmtList {
    Stmt **items;
    size_t count;
    size_t capacity;
} StmtList;

static void stmt_list_add(StmtList *list, Stmt *s)
{
    grow((void **)&list->items, &list->capacity, list->count, sizeof(*list->items));
    list->items[list->count++] = s;
}

/* Statements clang dropped between two it kept (`from` the end of the one
 * before, `to` the start of the next): each piece of the tokens there that
 * ends with a `;` outside brackets and holds a parse error becomes a
 * STMT_OTHER without kids that carries the damage. */
static void add_dropped(Walker *w, CXSourceLocation from, CXSourceLocation to,
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
    /* The block's own opening brace is not part of a statement. */
    unsigned piece = count > 0 && spelled(w->tu, tokens[0], "{") ? 1 : 0;
    int depth = 0;
    for (unsigned i = piece; i < count; i++) {
        if (clang_getTokenKind(tokens[i]) == CXToken_Punctuation) {
            if (spelled(w->tu, tokens[i], "(") || spelled(w->tu, tokens[i], "[") ||
                spelled(w->tu, tokens[i], "{"))
                depth++;
            else if (depth > 0 && (spelled(w->tu, tokens[i], ")") ||
                                   spelled(w->tu, tokens[i], "]") ||
                                   spelled(w->tu, tokens[i], "}")))
                depth--;
        }
        bool last = i + 1 == count;
        if (!last && !(depth == 0 && spelled(w->tu, tokens[i], ";")))
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
            StmtDamage *d = damage_of_tokens(w, tokens, piece, i + 1, site);
            /* `Name(...)` with Name a declared function (not a macro the
             * tree lacks): a call whose arguments could not be read. */
            if (piece + 1 <= i && clang_getTokenKind(tokens[piece]) == CXToken_Identifier &&
                spelled(w->tu, tokens[piece + 1], "(")) {
                CXString callee = clang_getTokenSpelling(w->tu, tokens[piece]);
                d->known_callee = is_declared_function(w, clang_getCString(callee));
                clang_disposeString(callee);
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
        s->damage = damage_of_tokens(w, tokens, 0, count, site);
        stmt_list_add(out, s);
    }
    if (tokens != NULL)
        clang_disposeTokens(w->tu, tokens, all);
}

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
    if (last_expression_child(decl, &init))
        s->expr = convert_expr(w, init);
    return s;
}

static Stmt *convert_decl_stmt(Walker *w, CXCursor cursor)
{
    CursorList kids = children_of(cursor);
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

static Stmt *convert_stmt(Walker *w, CXCursor cursor)
{
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_DeclStmt)
        return convert_decl_stmt(w, cursor);
    CursorList kids = children_of(cursor);
    Stmt *s = NULL;
    switch (kind) {
    case CXCursor_CompoundStmt: {
        s = new_stmt(w, STMT_COMPOUND, cursor);
        StmtList items = {NULL, 0, 0};
        CXSourceRange extent = clang_getCursorExtent(cursor);
        CXSourceLocation after = clang_getRangeStart(extent);
        for (size_t i = 0; i < kids.count; i++) {
            CXSourceRange kid = clang_getCursorExtent(kids.items[i]);
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
            CursorList handler_kids = children_of(handler);
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

static void add_function(Walker *w, Function *function)
{
    grow((void **)&w->functions, &w->function_capacity, w->function_count,
         sizeof(*w->functions));
    w->functions[w->function_count++] = function;
}

/* The body of a definition (its compound statement), if it has one. */
static bool body_of(CXCursor function, CXCursor *body)
{
    CursorList kids = children_of(function);
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

/* Converts a function, header and body. */
static void convert_function(Walker *w, const TopItem *item)
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
        w->damage_active = has_sites(w, body_range);
        w->damage_count = 0;
        f->body = convert_stmt(w, item->body);
        f->damage_count = w->damage_count;
        w->damage_active = false;
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
}

static void convert_global_init(Walker *w, CXCursor cursor)
{
    CXCursor init;
    if (!last_expression_child(cursor, &init))
        return;
    w->var_count = 0;
    grow((void **)&w->inits, &w->init_capacity, w->init_count,
         sizeof(*w->inits));
    w->inits[w->init_count].var = global_var(w, cursor);
    w->inits[w->init_count].init = convert_expr(w, init);
    w->init_count++;
}

static void add_item(Walker *w, CXCursor cursor, bool is_function)
{
    TopItem item;
    memset(&item, 0, sizeof(item));
    item.cursor = cursor;
    item.is_function = is_function;
    if (is_function) {
        item.role_type = role_typedef_of(w, cursor);
        item.is_definition = clang_isCursorDefinition(cursor) && body_of(cursor, &item.body);
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

static enum CXChildVisitResult visit_top(CXCursor cursor, CXCursor parent,
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
        return CXChildVisit_Recurse;
    default:
        return CXChildVisit_Continue;
    }
}

/* ---- diagnostics ------------------------------------------------------- */

/* Gathers the parse errors in the driver's own code, before any body is
 * converted, so that each can be tied to the statement holding it. */
static void collect_damage_sites(Walker *w)
{
    unsigned count = clang_getNumDiagnostics(w->tu);
    for (unsigned i = 0; i < count; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(w->tu, i);
        CXSourceLocation location = clang_getDiagnosticLocation(diagnostic);
        CXFile file = NULL;
        unsigned offset = 0;
        clang_getExpansionLocation(location, &file, NULL, NULL, &offset);
        if (clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error && file != NULL &&
            !clang_Location_isInSystemHeader(location)) {
            grow((void **)&w->sites, &w->site_capacity, w->site_count, sizeof(*w->sites));
            DamageSite *site = &w->sites[w->site_count++];
            site->file = file_entry(w, file)->path;
            site->offset = offset;
            site->loc = loc_of_location(w, location);
            site->message = take_string(w, clang_getDiagnosticSpelling(diagnostic));
            site->claimed = false;
        }
        clang_disposeDiagnostic(diagnostic);
    }
}

enum { MAX_REPORTED_ERRORS = 20 };

/* Reports the parse errors; returns the number that fail the run (a
 * compiler set-up error: nothing of the file can be trusted). */
static unsigned report_diagnostics(Walker *w, const char *path,
                                   ToolMessageList *messages)
{
    unsigned own_errors = 0;  /* that fail the run: the compiler set-up */
    unsigned code_errors = 0; /* in the driver's code */
    unsigned count = clang_getNumDiagnostics(w->tu);
    unsigned system_errors = 0;
    char *first_system = NULL;
    for (unsigned i = 0; i < count; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(w->tu, i);
        enum CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(diagnostic);
        if (severity < CXDiagnostic_Error) {
            clang_disposeDiagnostic(diagnostic);
            continue;
        }
        CXSourceLocation location = clang_getDiagnosticLocation(diagnostic);
        CXString text = clang_getDiagnosticSpelling(diagnostic);
        SourceLoc loc = loc_of_location(w, location);
        if (loc.file != NULL && clang_Location_isInSystemHeader(location)) {
            /* Errors inside system headers do not touch the driver's own
             * code; they are summed up in one message. */
            if (first_system == NULL) {
                size_t length = strlen(clang_getCString(text)) + strlen(loc.file) + 32;
                first_system = malloc(length);
                if (first_system != NULL)
                    snprintf(first_system, length, "%s:%u: %s", loc.file,
                             loc.line, clang_getCString(text));
            }
            system_errors++;
        } else if (loc.file == NULL &&
                   strncmp(clang_getCString(text), "unknown argument", 16) == 0) {
            /* A flag the front end does not know (a cl.exe option, a newer
             * compiler's): the parse goes on without it. */
            SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
            tool_message_add(messages, LEVEL_WARNING, file_loc,
                             "compiler flag ignored: %s", clang_getCString(text));
        } else if (loc.file == NULL) {
            own_errors++;
            SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
            tool_message_add(messages, LEVEL_ERROR, file_loc,
                             "compiler setup: %s", clang_getCString(text));
        } else {
            /* Not a failure of the run: the statement holding it is read
             * as damaged, and the rules say what they could not judge. */
            code_errors++;
            /* The first errors say what is wrong; a thousand more of the
             * same (an unbalanced brace) say nothing new. */
            if (code_errors <= MAX_REPORTED_ERRORS)
                tool_message_add(messages, LEVEL_WARNING, loc, "parse error: %s",
                                 clang_getCString(text));
        }
        clang_disposeString(text);
        clang_disposeDiagnostic(diagnostic);
    }
    if (code_errors > MAX_REPORTED_ERRORS) {
        SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
        tool_message_add(messages, LEVEL_WARNING, file_loc, "%u more parse errors in this file",
                         code_errors - MAX_REPORTED_ERRORS);
    }
    if (system_errors > 0) {
        SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
        tool_message_add(messages, LEVEL_WARNING, file_loc,
                         "%u error(s) inside system headers while parsing this file "
                         "(first: %s); the driver's own code is still analysed",
                         system_errors, first_system != NULL ? first_system : "?");
    }
    free(first_system);
    return own_errors;
}

/* ---- entry points ------------------------------------------------------ */

SourceParser *source_parser_new(void)
{
    SourceParser *parser = calloc(1, sizeof(*parser));
    if (parser == NULL)
        return NULL;
    parser->index = clang_createIndex(0, 0);
    if (parser->index == NULL) {
        free(parser);
        return NULL;
    }
    parser->files = file_cache_new();
    return parser;
}

void source_parser_free(SourceParser *parser)
{
    if (parser == NULL)
        return;
    clang_disposeIndex(parser->index);
    file_cache_free(parser->files);
    free(parser);
}

char *source_parser_clang_version(void)
{
    CXString version = clang_getClangVersion();
    char *copy = strdup(clang_getCString(version));
    clang_disposeString(version);
    return copy;
}

static const char *parse_error_text(enum CXErrorCode code)
{
    switch (code) {
    case CXError_Crashed: return "the parser crashed on this file";
    case CXError_InvalidArguments: return "the parser rejected the arguments";
    case CXError_ASTReadError: return "the parser could not read the file";
    default: return "the parser failed";
    }
}

/* The include mappings as a file-system overlay the parser reads with
 * -ivfsoverlay, in an in-memory file (nothing is written to disk besides
 * the outputs asked for). Returns its path in `path`, or false. */
static bool write_overlay(const IncludeMap *map, int *fd, char *path, size_t size)
{
    CXVirtualFileOverlay overlay = clang_VirtualFileOverlay_create(0);
    for (size_t i = 0; i < map->count; i++)
        clang_VirtualFileOverlay_addFileMapping(overlay, map->virtual_paths[i],
                                                map->real_paths[i]);
    char *buffer = NULL;
    unsigned length = 0;
    enum CXErrorCode code = clang_VirtualFileOverlay_writeToBuffer(overlay, 0, &buffer, &length);
    clang_VirtualFileOverlay_dispose(overlay);
    if (code != CXError_Success)
        return false;
    *fd = memfd_create("ndislint-overlay", 0);
    bool ok = *fd >= 0 && pwrite(*fd, buffer, length, 0) == (ssize_t)length;
    clang_free(buffer);
    if (ok)
        snprintf(path, size, "/proc/self/fd/%d", *fd);
    return ok;
}

static enum CXErrorCode parse_once(SourceParser *parser, const char *path,
                                   const ArgList *args, const char *overlay,
                                   CXTranslationUnit *tu)
{
    /* KeepGoing: a missing header must not hide the rest of the file. */
    unsigned options = CXTranslationUnit_KeepGoing |
                       CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    const char **argv = malloc((args->count + 2) * sizeof(*argv));
    if (argv == NULL)
        out_of_memory();
    size_t argc = 0;
    for (size_t i = 0; i < args->count; i++)
        argv[argc++] = args->items[i];
    if (overlay != NULL) {
        argv[argc++] = "-ivfsoverlay";
        argv[argc++] = overlay;
    }
    *tu = NULL;
    enum CXErrorCode code = clang_parseTranslationUnit2(
        parser->index, path, argv, (int)argc, NULL, 0, options, tu);
    free(argv);
    return code;
}

static uint64_t microseconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
}

static uint32_t clamp_u32(uint64_t value)
{
    return value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

/* The one parse of a file: its includes are mapped first (see
 * source_include_map.h), so that no second parse is needed for them. */
static enum CXErrorCode parse_mapped(SourceParser *parser, const char *path,
                                     const ArgList *args, CXTranslationUnit *tu)
{
    IncludeMap map;
    memset(&map, 0, sizeof(map));
    include_map_scan(&map, parser->files, path, args);
    int overlay_fd = -1;
    char overlay[64];
    bool mapped = map.count > 0 && write_overlay(&map, &overlay_fd, overlay, sizeof(overlay));
    parser->parses++;
    enum CXErrorCode code = parse_once(parser, path, args, mapped ? overlay : NULL, tu);
    if (overlay_fd >= 0)
        close(overlay_fd);
    /* The empty stand-in of a .tmh is read by the parse: closed after. */
    include_map_free(&map);
    return code;
}

int source_parse_file(SourceParser *parser, Driver *driver, Arena *arena,
                      const char *path, const ArgList *args, TranslationFacts *unit,
                      ToolMessageList *messages)
{
    Walker w;
    memset(&w, 0, sizeof(w));
    w.driver = driver;
    w.arena = arena;
    memset(unit, 0, sizeof(*unit));
    unsigned parses_before = parser->parses;
    uint64_t started = microseconds_now();
    enum CXErrorCode code = parse_mapped(parser, path, args, &w.tu);
    uint64_t parsed = microseconds_now();
    unit->cost.parses = parser->parses - parses_before;
    if (code != CXError_Success || w.tu == NULL) {
        SourceLoc loc = {driver_intern_path(driver, path), 0, 0};
        tool_message_add(messages, LEVEL_ERROR, loc, "%s; not analysed",
                         parse_error_text(code));
        return -1;
    }
    char resolved[PATH_MAX];
    const char *main_file = realpath(path, resolved) != NULL ? resolved : path;
    w.unit = unit;
    unit->main_file = driver_intern_path(driver, main_file);
    w.cplusplus = source_is_cplusplus(path);
    clang_visitChildren(clang_getTranslationUnitCursor(w.tu), visit_top, &w);
    collect_damage_sites(&w);
    for (size_t i = 0; i < w.item_count; i++) {
        if (w.items[i].is_function)
            convert_function(&w, &w.items[i]);
        else
            convert_global_init(&w, w.items[i].cursor);
        unit->cost.bodies_converted += w.items[i].is_definition;
    }
    unsigned own_errors = report_diagnostics(&w, main_file, messages);
    uint64_t converted = microseconds_now();
    unit->functions = arena_copy(w.arena, w.functions,
                                 w.function_count * sizeof(*w.functions));
    unit->function_count = w.function_count;
    unit->globals = arena_copy(w.arena, w.inits, w.init_count * sizeof(*w.inits));
    unit->global_count = w.init_count;
    clang_disposeTranslationUnit(w.tu);
    /* Disposing of the parse is part of its cost. */
    unit->cost.convert_microseconds = clamp_u32(converted - parsed);
    unit->cost.parse_microseconds = clamp_u32(parsed - started + microseconds_now() - converted);
    free(w.files);
    free(w.vars);
    free(w.globals);
    free(w.functions);
    free(w.inits);
    free(w.items);
    free(w.sites);
    free(w.trace_names);
    free(w.declared);
    return own_errors > 0 ? 1 : 0;
}
