/* source_convert_expr.c - expressions to facts: implicit casts and
 * parentheses are stripped, constants are folded, field accesses carry the
 * structure that declares the field, and positional initialisers are given
 * their field names. */
#include "source_walker.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "memory.h"

/* ---- expressions ------------------------------------------------------- */

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

int is_expression(CXCursor cursor)
{
    return clang_isExpression(clang_getCursorKind(cursor));
}

/* Converts every expression child (skipping type and member references). */
static Expr *convert_other(Walker *w, CXCursor cursor, ExprKind kind)
{
    Expr *e = new_expr(w, kind, cursor);
    CursorList kids = children_of(w, cursor);
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
int last_expression_child(Walker *w, CXCursor cursor, CXCursor *out)
{
    CursorList kids = children_of(w, cursor);
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

const char *function_name_of(Walker *w, CXCursor decl)
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
    if (last_expression_child(w, cursor, &base)) {
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
    CursorList children = children_of(w, cursor);
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
    CursorList kids = children_of(w, item);
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
    CursorList items = children_of(w, cursor);
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

Expr *convert_expr(Walker *w, CXCursor cursor)
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
        CursorList kids = children_of(w, cursor);
        size_t expressions = 0;
        for (size_t i = 0; i < kids.count; i++)
            expressions += is_expression(kids.items[i]) ? 1 : 0;
        int single = expressions == 1;
        cursor_list_free(&kids);
        if (single && last_expression_child(w, cursor, &inner))
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
