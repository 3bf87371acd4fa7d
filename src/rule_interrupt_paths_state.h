/* rule_interrupt_paths_state.h - what the registration path analysis
 * keeps, shared by its parts; not for use outside them.
 *
 *   rule_interrupt_paths_keys.c    names of handles, flags, sites; violations
 *   rule_interrupt_paths_events.c  what calls, assignments and reads do to a path
 *   rule_interrupt_paths_granted.c the interrupt type tested, MessageInfoTable read
 *   rule_interrupt_paths_tests.c   what a branch or a case learns about a path
 *   rule_interrupt_paths_walk.c    one function's walk, helpers' summaries
 *   rule_interrupt_paths.c         Initialize, Halt, and the report
 */
#ifndef NDISLINT_RULE_INTERRUPT_PATHS_STATE_H
#define NDISLINT_RULE_INTERRUPT_PATHS_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts_cfg.h"
#include "rule_damage.h"
#include "rule_interrupt_paths.h"
#include "rule_paths.h"

/* The resource is acquired and released by the calls of Analysis.pair.
 * The interrupt rules' own facts (the attributes, the characteristics,
 * the interrupt type) are followed when that acquiring call is the NDIS
 * registration, with the arguments below. */
#define IRQ_REGISTER_DDI "NdisMRegisterInterruptEx"
#define IRQ_ATTRIBUTES_DDI "NdisMSetMiniportAttributes"

#define IRQ_CHARACTERISTICS_RECORD "NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS"
#define IRQ_TYPE_FIELD "InterruptType"
enum { CHARACTERISTICS_ARG = 2, ATTRIBUTES_ARG = 1 };

/* The union of all attribute structures, and the object type its Header
 * carries when it holds the registration attributes (ntddndis.h). */
#define IRQ_ATTRIBUTES_UNION "NDIS_MINIPORT_ADAPTER_ATTRIBUTES"
enum { REGISTRATION_ATTRIBUTES_TYPE = 0x9E };


enum {
    MAX_HANDLES = 4,
    MAX_FLAGS = 24,
    MAX_STATUS_VARS = 32,
    MAX_SITES = 255,
    MAX_OUTCOMES = 64,
    MAX_WORKING_STATES = 64,
    MAX_DEPTH = 12,
    MAX_TIED = 64,
    MAX_CHARS = 32,
    MAX_PARAMS = 4,
    MAX_REGISTERED_KEYS = 16,
    MAX_POINTERS = 8,
    MAX_TYPE_COPIES = 16,
    KEY_MAX = 256
};

/* Handle states. 0 is "unchanged": only inside a helper, where the
 * caller's state is not known. */
enum { H_UNCHANGED = 0, H_UNREGISTERED, H_REGISTERED, H_DEREGISTERED, H_UNKNOWN };
/* Flag truths and yes/no facts; 0 is "unchanged" likewise. */
enum { T_UNCHANGED = 0, T_FALSE, T_TRUE, T_UNKNOWN };
/* A flag set from a small constant keeps the constant: T_EXACT + value
 * (1 .. T_EXACT_MAX), so that `flag == TRUE` or `state == 2` can be told. */
enum { T_EXACT = 4, T_EXACT_MAX = 250 };
/* What a path knows of the interrupt type NDIS granted a registration
 * (NDIS013); 0 is "unchanged" likewise. */
enum { G_UNCHANGED = 0,
       G_UNTESTED, /* registered, and no test of InterruptType since */
       G_MESSAGE,  /* tested: NDIS_CONNECT_MESSAGE_BASED */
       G_LINE,     /* tested: not message-based */
       G_UNKNOWN   /* examined in a way the analysis does not follow */ };
/* Status classes of a register result. */
enum { S_UNKNOWN = 0, S_SUCCESS, S_FAILURE,
       S_OTHER /* a code of success or information severity but not SUCCESS
                  (NDIS_STATUS_PENDING): neither success nor failure of
                  Initialize, which may return neither */ };

/* The class of a status constant: zero is success, an error-severity code
 * (the top two bits of the 32-bit value set) a failure, the rest other. */
static inline uint8_t irq_status_class(int64_t k)
{
    if (k == 0)
        return S_SUCCESS;
    return ((k >> 30) & 3) == 3 ? S_FAILURE : S_OTHER;
}

typedef struct IrqState {
    uint8_t attributes;                 /* T_*: NdisMSetMiniportAttributes ran */
    uint8_t union_var;                  /* index + 1 of the attributes union
                                           local whose Header.Type was last
                                           set to a constant; 0 if none */
    uint8_t union_type;                 /* that constant (an object type) */
    uint8_t needs_attributes;           /* helper: site registering while the
                                           attributes were the caller's */
    uint8_t handle[MAX_HANDLES];        /* H_* */
    uint8_t registered_at[MAX_HANDLES]; /* site of the successful registration */
    uint8_t deregistered_at[MAX_HANDLES]; /* helper: site deregistering the
                                             caller's handle */
    uint8_t type_read[MAX_HANDLES];     /* T_*: InterruptType examined */
    uint8_t granted[MAX_HANDLES];       /* G_*: the type it was found to be */
    uint8_t table_read_at;              /* helper: site of a MessageInfoTable
                                           read the caller's state judges */
    uint8_t first_deregistered_at[MAX_HANDLES]; /* site that deregistered it */
    uint8_t failed_at[MAX_HANDLES];     /* site whose registration failed */
    uint8_t chars_of[MAX_HANDLES];      /* characteristics the registration
                                           used (chars id), 0 if unknown */
    uint8_t param_deregistered[MAX_PARAMS]; /* helper: site deregistering the
                                               handle passed as parameter i */
    uint8_t flag[MAX_FLAGS];            /* T_* */
    uint8_t flag_assumed[MAX_FLAGS];    /* helper: what a test assumed of the
                                           caller's flag */
    uint8_t status[MAX_STATUS_VARS];    /* S_* per local variable */
    uint8_t result;                     /* S_* of the last call evaluated */
    uint8_t result_pointer;             /* T_* of it as a pointer: a helper
                                           that returns NULL on failure */
    uint8_t decided_at;                 /* site of the last test on this path
                                           that told a status or a guard */
    uint8_t uncertain;                  /* this path cannot be trusted */
    uint8_t guarded;                    /* a test of unknown value was assumed */
    uint8_t unexamined;                 /* site of a registration that failed
                                           on this path while nothing has read
                                           its status since (0: none) */
    uint8_t pointer[MAX_POINTERS];      /* T_* per pointer slot of the walk:
                                           T_TRUE non-NULL, T_FALSE NULL */
    uint8_t param_assumed[MAX_PARAMS];  /* helper: what a test assumed of
                                           pointer parameter i (T_TRUE
                                           non-NULL, T_FALSE NULL) */
} IrqState;

typedef struct Site {
    SourceLoc loc;
    const char *function;
} Site;

typedef struct Summary {
    const Function *function;           /* the definition it summarises */
    const char *name;
    bool in_progress;
    bool known;
    IrqState outcomes[MAX_OUTCOMES];
    uint8_t returns[MAX_OUTCOMES];      /* S_* returned by each outcome */
    size_t outcome_count;
    DamageHit damage;                   /* a damaged helper its walk reached */
} Summary;

typedef struct Analysis {
    const RuleContext *ctx;
    const Program *program;
    const DamageScope *scope; /* what damaged code must not touch */
    ToolMessageList *messages;
    const char *rule_id;
    const ResourcePair *pair;  /* what is acquired and released */
    bool interrupt_extras;     /* the pair is the NDIS interrupt registration:
                                  follow the interrupt rules' facts too */
    const char *acquiring_role; /* the roles of the root being walked: the */
    const char *releasing_role; /* acquiring one, and (in Halt) the releasing */
    IrqReport *report;
    char handles[MAX_HANDLES][KEY_MAX];
    size_t handle_count;
    char flags[MAX_FLAGS][KEY_MAX];
    size_t flag_count;
    char chars[MAX_CHARS][KEY_MAX];     /* characteristics objects; id = index + 1 */
    size_t chars_count;
    char registered[MAX_REGISTERED_KEYS][KEY_MAX]; /* every handle any
                                                      registration fills */
    size_t registered_count;
    bool flag_tied[MAX_FLAGS];          /* a test of it may guard cleanup */
    char tied[MAX_TIED][KEY_MAX];       /* fields set to a non-zero constant
                                           somewhere in the driver */
    size_t tied_count;
    char type_copies[MAX_TYPE_COPIES][KEY_MAX]; /* places given a copy of
                                                   InterruptType */
    size_t type_copy_count;
    Site sites[MAX_SITES + 1];          /* 1-based */
    size_t site_count;
    Summary **summaries;
    size_t summary_count;
    size_t summary_capacity;
    DamageHit pending;   /* the first damaged helper the current judgement
                            reached: it is then incomplete */
} Analysis;

/* What one walk of one function is doing. */
typedef enum WalkMode { WALK_HELPER, WALK_INITIALIZE, WALK_HALT } WalkMode;

typedef struct Walk {
    Analysis *analysis;
    const Function *function;
    WalkMode mode;
    int minor;                /* a PnP minor function's root: the value of
                                 the IRP's MinorFunction on its paths, or -1 */
    int depth;
    IrqState entry;
    Summary *summary;         /* WALK_HELPER: outcomes collected here */
    bool overflow;
    /* WALK_INITIALIZE: states at successful exits, for Halt; WALK_HALT with
     * keep_exits: the states it ends in, for the role that follows it. */
    bool keep_exits;
    IrqState *successes;
    size_t success_count;
    size_t success_capacity;
    bool halt_keeps_handle;
    /* Per variable of the function (by index): its status slot, or -1;
     * and, in Initialize and Halt, whether a pointer is one NDIS never
     * passes as NULL (a parameter, or a local only ever copied from one). */
    int8_t *status_slot;
    bool *never_null;
    const Expr **copied_from;  /* a local only ever given one field's value */
    /* Per variable: its pointer slot (IrqState.pointer), or -1: the first
     * MAX_POINTERS pointers that may be NULL, whose tests and
     * dereferences tell on which paths they are not. */
    int8_t *pointer_slot;
    const CfgNode *node;      /* the node whose events are being applied */
} Walk;


/* A growing set of states for one node's events. */
typedef struct StateSet {
    IrqState items[MAX_WORKING_STATES];
    size_t count;
    bool overflow;
} StateSet;

typedef enum EventKind {
    EVENT_CALL,
    EVENT_ASSIGN,
    EVENT_TYPE_READ,  /* InterruptType of a characteristics object */
    EVENT_COPY_READ,  /* a place holding a copy of it */
    EVENT_TABLE_READ  /* MessageInfoTable of a characteristics object */
} EventKind;

typedef struct Event {
    EventKind kind;
    const Expr *expr;
} Event;

typedef struct EventList {
    Event items[64];
    size_t count;
    bool overflow;
} EventList;

/* ---- keys and sites (rule_interrupt_paths_keys.c) ---------------------- */

bool irq_object_key(const Expr *e, char *buf, size_t size);
bool irq_pointee_key(const Expr *e, char *buf, size_t size);
bool irq_chars_key(const Function *function, const Expr *e, char *buf, size_t size);
bool irq_flag_key(const Expr *e, char *buf, size_t size);
int irq_intern(char table[][KEY_MAX], size_t *count, size_t max, const char *key, bool add);
int irq_handle_slot(Analysis *a, const char *key);
int irq_flag_slot(Analysis *a, const char *key, bool force);
uint8_t irq_chars_id(const Walk *w, const Expr *argument);
bool irq_is_registered_key(const Analysis *a, const char *key);
bool irq_reaches_tracked(const Analysis *a, const Expr *e);
const Expr *irq_resource_value(const Function *function, const Expr *call,
                               const ResourceArgument *arg);
uint8_t irq_site_of(Analysis *a, SourceLoc loc, const char *function);
IrqViolation *irq_violation(Analysis *a, IrqViolationKind kind, SourceLoc loc,
                            const char *function, int handle, SourceLoc related,
                            const char *related_text, const char *root);
void irq_set_branch(const Analysis *a, IrqViolation *v, uint8_t site);
SourceLoc irq_no_loc(void);

/* ---- events (rule_interrupt_paths_events.c) ---------------------------- */

void irq_set_add(StateSet *set, const IrqState *s);
int irq_pointer_slot_of(const Walk *w, const Expr *e);
uint8_t irq_pointer_value(const Walk *w, const IrqState *s, const Expr *e);
void irq_pointer_effects(const Walk *w, const Expr *e, IrqState *s);
int irq_status_slot(const Walk *w, const Var *var);
uint8_t irq_status_of(const Walk *w, const IrqState *s, const Expr *e);
uint8_t irq_truth_of_constant(int64_t v);
void irq_collect_events(const Walk *w, const Expr *e, EventList *list);
void irq_apply_event(Walk *w, const Event *event, const IrqState *in, StateSet *out);

/* ---- the granted type (rule_interrupt_paths_granted.c) ----------------- */

uint8_t irq_member_chars_id(const Walk *w, const Expr *member);
bool irq_is_type_read(const Expr *e);
bool irq_is_table_read(const Expr *e);
bool irq_is_type_copy(const Walk *w, const Expr *e);
void irq_type_examined(Walk *w, IrqState *s, const Expr *e);
bool irq_assume_type(Walk *w, IrqState *s, const Expr *operand, Operator op, int64_t k,
                     bool want, bool *handled);
void irq_table_read(Walk *w, IrqState *s, uint8_t id, uint8_t site, const Expr *call);

/* ---- tests (rule_interrupt_paths_tests.c) ------------------------------ */

bool irq_as_comparison(const Expr *cond, const Expr **operand, Operator *op, int64_t *k);
bool irq_assume(void *data, const CfgNode *node, const CfgEdge *edge, void *raw);

/* ---- walks (rule_interrupt_paths_walk.c) ------------------------------- */

bool irq_walk_run(Walk *w);
Summary *irq_summary_of(Analysis *a, const char *name, const Function *caller, int depth);

#endif
