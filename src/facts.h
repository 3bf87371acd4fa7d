/* facts.h - what the rules know about a driver: a small, parser-free model
 * of its functions.
 *
 * The front end (source_parse.c, the only file that sees libclang) turns
 * each translation unit into these plain structs and disposes of the
 * translation unit. Everything after it (roles, control flow, rules) reads
 * facts only, so it can be tested from facts built by hand.
 *
 * A function body is kept as a tree of statements and expressions, reduced
 * to what the rules need: calls and their arguments, field accesses with
 * the structure they belong to, assignments, constants, returns and the
 * control structure. Anything else becomes EXPR_OTHER / STMT_OTHER with its
 * children kept, so reads and calls inside it are still seen.
 *
 * Ownership: every Function, Stmt, Expr and string of a driver lives in the
 * driver's arena (arena.h) and is released in one call, driver_free().
 */
#ifndef NDISLINT_FACTS_H
#define NDISLINT_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "source_loc.h"

typedef enum ExprKind {
    EXPR_OTHER,     /* not modelled; children (if any) kept in kids */
    EXPR_INT,       /* integer constant after folding: int_value */
    EXPR_STRING,    /* string literal */
    EXPR_VAR,       /* reference to a variable or parameter: var */
    EXPR_FUNC,      /* reference to a function: name */
    EXPR_MEMBER,    /* kids[0].field or kids[0]->field: name, record, arrow */
    EXPR_CALL,      /* kids[0] callee, kids[1..] arguments */
    EXPR_ASSIGN,    /* kids[0] op= kids[1]; op is OP_ASSIGN or a compound op */
    EXPR_BINARY,    /* kids[0] op kids[1] */
    EXPR_UNARY,     /* op kids[0] */
    EXPR_COND,      /* kids[0] ? kids[1] : kids[2] */
    EXPR_INIT_LIST, /* kids are the values; designators[i] names the field
                       kids[i] initialises (NULL when positional) */
    EXPR_SIZEOF
} ExprKind;

typedef enum Operator {
    OP_NONE,
    /* binary */
    OP_ASSIGN, OP_MUL_ASSIGN, OP_DIV_ASSIGN, OP_REM_ASSIGN, OP_ADD_ASSIGN,
    OP_SUB_ASSIGN, OP_SHL_ASSIGN, OP_SHR_ASSIGN, OP_AND_ASSIGN,
    OP_XOR_ASSIGN, OP_OR_ASSIGN,
    OP_MUL, OP_DIV, OP_REM, OP_ADD, OP_SUB, OP_SHL, OP_SHR,
    OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ, OP_NE,
    OP_BIT_AND, OP_BIT_XOR, OP_BIT_OR, OP_LOG_AND, OP_LOG_OR, OP_COMMA,
    /* unary */
    OP_NOT, OP_NEG, OP_PLUS, OP_BIT_NOT, OP_ADDR, OP_DEREF,
    OP_PRE_INC, OP_PRE_DEC, OP_POST_INC, OP_POST_DEC
} Operator;

typedef struct Var Var;

typedef struct Expr {
    ExprKind kind;
    Operator op;
    SourceLoc loc;
    struct Expr **kids;
    size_t kid_count;
    int64_t int_value;        /* EXPR_INT */
    Var *var;                 /* EXPR_VAR */
    const char *name;         /* EXPR_FUNC: function; EXPR_MEMBER: field */
    const char *record;       /* EXPR_MEMBER: tag of the structure that
                                 declares the field, leading '_' removed
                                 ("NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS") */
    bool arrow;               /* EXPR_MEMBER: base is a pointer */
    const char **designators; /* EXPR_INIT_LIST */
    const char *init_record;  /* EXPR_INIT_LIST: structure initialised, or NULL */
} Expr;

typedef enum VarScope {
    VAR_LOCAL,
    VAR_PARAM,
    VAR_GLOBAL
} VarScope;

struct Var {
    const char *name;
    VarScope scope;
    const char *record;  /* structure type (tag, '_' removed) of the
                            variable, or of what it points to; NULL if none */
    bool is_pointer;     /* declared as a pointer (to `record` if set) */
    bool is_reference;   /* a C++ reference: another name for some object */
    unsigned index;      /* position in Function.vars (locals/params) */
    SourceLoc loc;
};

typedef enum StmtKind {
    STMT_OTHER,    /* not modelled (e.g. inline asm); kids kept */
    STMT_NULL,
    STMT_COMPOUND, /* kids in order */
    STMT_EXPR,     /* expr */
    STMT_DECL,     /* var, with optional initialiser expr */
    STMT_IF,       /* expr cond; kids[0] then; kids[1] else or NULL */
    STMT_SWITCH,   /* expr cond; kids[0] body */
    STMT_CASE,     /* expr value (NULL for default); kids[0] body */
    STMT_WHILE,    /* expr cond; kids[0] body */
    STMT_DO,       /* expr cond; kids[0] body */
    STMT_FOR,      /* kids[0] init or NULL; expr cond or NULL;
                      expr2 increment or NULL; kids[1] body */
    STMT_BREAK,
    STMT_CONTINUE,
    STMT_GOTO,     /* label */
    STMT_LABEL,    /* label; kids[0] the labelled statement */
    STMT_RETURN,   /* expr or NULL */
    STMT_TRY,      /* __try kids[0]; __finally/__except kids[1];
                      is_finally tells which */
    STMT_LEAVE     /* __leave */
} StmtKind;

/* How a name is written in a damaged statement's tokens. */
enum {
    DAMAGE_NAME_MEMBER = 1, /* after `.` or `->`: a field */
    DAMAGE_NAME_BASE = 2,   /* before `.`, `->` or `[`: an object reached into */
    DAMAGE_NAME_ADDRESS = 4, /* after `&`: its address is taken */
    DAMAGE_NAME_STORED = 8   /* `= name;`: its value is stored elsewhere */
};

/* A statement the parser could not fully read: a parse error lies in it
 * and in none of its sub-statements, or clang dropped it (then it is a
 * STMT_OTHER without kids). What survives of it in the tree is kept as
 * usual; the names are read from its tokens as written, before macro
 * expansion, so that a macro hiding a call or a write is still seen. */
typedef struct StmtDamage {
    SourceLoc error_loc;      /* the first error in it */
    const char *message;      /* that error's text */
    const char **names;       /* identifiers and the keywords return and
                                 goto, each (name, flags) once */
    unsigned char *name_flags; /* DAMAGE_NAME_* of each name */
    size_t name_count;
    bool trace_call;          /* a WPP trace: its format string has a WPP
                                 escape (%!STATUS!), or its callee is
                                 declared by the driver's WPP configuration */
    bool known_callee;        /* it is a call of a declared function (an
                                 argument of it was what could not be read) */
} StmtDamage;

typedef struct Stmt {
    StmtKind kind;
    SourceLoc loc;
    struct Stmt **kids;
    size_t kid_count;
    Expr *expr;
    Expr *expr2;
    Var *var;
    const char *label;
    bool is_finally;
    const StmtDamage *damage; /* NULL when the statement was read whole */
} Stmt;

/* A function definition or declaration seen in one translation unit. */
typedef struct Function {
    const char *name;
    SourceLoc loc;            /* the name in the declarator */
    SourceLoc end_loc;        /* closing brace of the body */
    bool is_definition;
    bool is_static;
    bool returns_void;
    const char *role_type;    /* role typedef in its type ("MINIPORT_ISR"),
                                 or from _Function_class_(X); NULL if none */
    Var **vars;               /* params first, then locals */
    size_t var_count;
    size_t param_count;
    Stmt *body;               /* NULL for a declaration, or while stored */
    bool has_parse_errors;    /* a parse error outside its statements (in
                                 its declarator, say): never relied on */
    size_t damage_count;      /* statements of the body with damage
                                 (Stmt.damage): analysed, with care */
    /* What the body does, known even while the body is stored, so that a
     * scan of every function loads only the bodies it needs. Filled by
     * function_index(); facts built by hand may leave it out. */
    bool indexed;
    const char **callees;     /* distinct names of functions it calls */
    size_t callee_count;
    bool uses_function_values; /* names a function other than as a callee
                                  (a handler stored in a structure) */
    /* Where the body and the variables wait while not in memory
     * (facts_store.h: driver_load_body() brings them in). */
    bool body_stored;
    bool load_failed;         /* it could not be read back: never relied on */
    size_t unit;              /* index of its unit in the driver (set when
                                 the unit is appended) */
    uint64_t stored_at;
    size_t stored_size;
} Function;

/* A file-scope variable with an initialiser (a characteristics structure
 * filled statically, for instance). */
typedef struct GlobalInit {
    Var *var;
    Expr *init;
} GlobalInit;

/* What making a unit's facts cost, for --stats: counts, and times in
 * microseconds of the process that parsed it. */
typedef struct ParseCost {
    uint32_t parses;              /* parser runs for this file (one) */
    uint32_t bodies_converted;    /* definitions whose bodies became facts */
    uint32_t include_scan_microseconds; /* reading #include lines first */
    uint32_t parse_microseconds;        /* the parse itself, and its disposal */
    uint32_t convert_microseconds;
} ParseCost;

/* One translation unit's facts. */
typedef struct TranslationFacts {
    const char *main_file;
    Function **functions;
    size_t function_count;
    GlobalInit *globals;
    size_t global_count;
    ParseCost cost;
    /* The build is NDIS 6.20 or later: its headers declare
     * NDIS_RECEIVE_THROTTLE_PARAMETERS, as the WDK's do from 6.20 on. The
     * version macros are gone after preprocessing; what they declared is
     * not. */
    bool ndis_620_or_later;
} TranslationFacts;

typedef struct BodyStore BodyStore;

/* One shared copy of each string (in the driver's arena), found by hash,
 * so that it can be compared by pointer and is kept once however many
 * files name it. */
typedef struct StringTable {
    const char **items;
    size_t count;
    size_t capacity;
    uint32_t *slots;    /* index + 1 of each item by hash; 0 is empty */
    size_t slot_count;
} StringTable;

/* The whole driver: all translation units of one run. */
typedef struct Driver Driver;
struct Driver {
    Arena arena;
    BodyStore *store;   /* where function bodies wait until a rule needs
                           them; NULL keeps every body in memory */
    size_t load_failures; /* stored bodies that could not be read back */
    const Function *first_load_failure; /* the first of them, to name it */
    TranslationFacts *units;
    size_t unit_count;
    size_t unit_capacity;
    StringTable paths;  /* file paths */
    StringTable names;  /* function names, and the callees of the index */
    /* Trace functions the driver's build declares for WPP (source_wpp.h):
     * calls of them are traces, whatever they are given. */
    const char **trace_functions;
    size_t trace_function_count;
};

void driver_init(Driver *driver);
void driver_free(Driver *driver);

/* The one shared copy of a file path, so SourceLoc.file can be compared
 * by pointer. */
const char *driver_intern_path(Driver *driver, const char *path);

/* The one shared copy of a function name. */
const char *driver_intern_name(Driver *driver, const char *name);

/* Appends an empty translation unit and returns it. */
TranslationFacts *driver_add_unit(Driver *driver, const char *main_file);

/* Appends a copy of `unit`, whose facts live in the driver's arena. */
void driver_append_unit(Driver *driver, const TranslationFacts *unit);

/* Fills the index of `f` (callees, uses_function_values) from its body;
 * the list lives in `arena`, the names are the body's. */
void function_index(Function *f, Arena *arena);

/* Does `f` call `name` directly? Read from the index when there is one,
 * else from the body. */
bool function_calls(const Function *f, const char *name);

/* Does `f` name a function other than as a callee? (Index, else body.) */
bool function_uses_function_values(const Function *f);

/* The callee's name when `call` is a direct call, else NULL. */
const char *expr_call_name(const Expr *call);

/* Number of arguments of a call and the i-th argument (NULL past the end). */
size_t expr_call_argc(const Expr *call);
const Expr *expr_call_arg(const Expr *call, size_t i);

/* Visits every expression in `e` in evaluation-agnostic pre-order. */
typedef void (*ExprVisitor)(const Expr *e, void *ctx);
void expr_walk(const Expr *e, ExprVisitor visit, void *ctx);

/* Visits every expression of every statement in `s` with expr_walk. */
void stmt_walk_exprs(const Stmt *s, ExprVisitor visit, void *ctx);

#endif
