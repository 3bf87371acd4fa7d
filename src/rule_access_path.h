/* rule_access_path.h - names for the objects an expression designates.
 *
 * `adapter->Chars.InterruptHandler` and `(*adapter).Chars.InterruptHandler`
 * get the same name, "(*adapter#0).Chars.InterruptHandler", so that rules
 * can follow an object (a characteristics structure, an interrupt handle)
 * through the different spellings of the code. Local variables carry their
 * index in the function, so two variables of one name in nested blocks
 * stay apart; globals carry only their name, so they match across files.
 */
#ifndef NDISLINT_RULE_ACCESS_PATH_H
#define NDISLINT_RULE_ACCESS_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

enum { ACCESS_PATH_MAX = 512 };

/* Writes the path of `e` into `buf`. False when `e` is not a plain access
 * path (a call, an array element, arithmetic) or the name is too long. */
bool access_path(const Expr *e, char *buf, size_t size);

/* The path of the object `e` points to (`&x` -> "x", `p` -> "(*p#1)"). */
bool access_path_deref(const Expr *e, char *buf, size_t size);

/* True when `prefix` names `path` itself or an object that contains it
 * ("a" contains "a.b" and "a.b.c", not "ab"). */
bool access_path_contains(const char *prefix, const char *path);

/* The dotted field path from the variable at the bottom of `e` down to
 * `e` ("MessageBased.ConnectionContext.InterruptObject" of
 * `params.MessageBased.ConnectionContext.InterruptObject`), the fields of
 * anonymous unions left out as C spells them; the variable goes to *var.
 * False when `e` is not such a chain of fields. */
bool access_field_path(const Expr *e, const Var **var, char *buf, size_t size);

/* The value last assigned, in source order before `before`, to one of the
 * `fields` (dotted paths) of `var` in `function`'s body: what a driver
 * filled into a parameters structure before handing it to a DDI. NULL
 * when there is none. */
const Expr *access_stored_field(const Function *function, const Var *var,
                                const char *const *fields, size_t field_count, SourceLoc before);

#endif
