/* rule_damage.h - whether code the parser could not fully read touches
 * what a rule tracks.
 *
 * A damaged statement (Stmt.damage) is relevant to a rule when it can
 * change what the rule follows: it names one of the rule's DDIs or a
 * driver function that reaches one; it names a field that holds tracked
 * state; it names a variable of the function that holds tracked state (a
 * status, a handle, the characteristics, a guard) in any way, reading it
 * included, since an unresolved name may be a macro that assigns or
 * jumps; or it hands whole an object of a structure holding tracked
 * fields to something. A WPP trace call is never relevant. Anything else
 * is an opaque step: it writes nothing a rule follows.
 *
 * Then the rule does not judge the function (RULES.md, "Code the parser
 * could not fully read"); a helper with relevant damage is a call the
 * rule cannot follow.
 *
 * Ownership: a DamageScope owns its name lists (the names are borrowed
 * from the driver's facts); damage_scope_free() releases them.
 */
#ifndef NDISLINT_RULE_DAMAGE_H
#define NDISLINT_RULE_DAMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "facts_program.h"

/* A small set of names, compared by content. */
typedef struct NameSet {
    const char **items;
    size_t count;
    size_t capacity;
} NameSet;

bool name_set_add(NameSet *set, const char *name); /* true when new */
bool name_set_has(const NameSet *set, const char *name);
void name_set_free(NameSet *set);

/* What a family of rules tracks, driver-wide. */
typedef struct DamageScope {
    NameSet functions;   /* its DDIs, and the driver's functions that may
                            call one, however deep */
    NameSet fields;      /* fields of tracked state */
    NameSet records;     /* structures that hold such fields */
    NameSet traces;      /* WPP trace functions the build declares */
    bool track_returns;  /* the value a function returns is judged */
    bool track_results;  /* what the DDIs return (a status) is judged */
} DamageScope;

/* What a rule family names as its own: DDIs, fields and structures it
 * always tracks (NULL-terminated lists; NULL for none). */
typedef struct DamageRoots {
    const char *const *ddis;
    const char *const *fields;
    const char *const *records;
    bool track_returns;
    bool track_results;
} DamageRoots;

/* Builds the scope: the roots, the driver's functions whose calls reach a
 * DDI (from the index), and, read from those functions' bodies, the
 * fields their DDI calls take or fill and the fields their guards test. */
void damage_scope_build(DamageScope *scope, const Program *program,
                        const DamageRoots *roots);
void damage_scope_free(DamageScope *scope);

/* Why a damaged statement is relevant. */
typedef struct DamageHit {
    const Function *function; /* the function holding it */
    const Stmt *stmt;         /* the damaged statement; NULL: no hit */
    const char *name;         /* the tracked name it touches */
} DamageHit;

/* The first damaged statement of `f` (its body in memory) that is
 * relevant to `scope`, or false when none is. */
bool damage_relevant(const DamageScope *scope, const Function *f, DamageHit *hit);

/* `name`'s definition, as a call in `caller` reaches it (NULL: no caller,
 * a callback), when the rules of `scope` can rely on it: defined once,
 * readable, and without damage relevant to them. NULL otherwise;
 * then `hit` (if given) says which damage, when that was the reason. */
const Function *damage_usable_definition(const DamageScope *scope, const Program *program,
                                         const char *name, const Function *caller,
                                         DamageHit *hit);

#endif
