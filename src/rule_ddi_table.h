/* rule_ddi_table.h - what the tool knows of each DDI a driver calls,
 * read from the .json files of rules/ddi/.
 *
 * For each routine: the IRQL range its documentation page allows callers
 * (the "IRQL" row of the page's Requirements table), what it does to an
 * interrupt handle (registers, deregisters, synchronizes with it, queues a
 * DPC on it), which argument is a callback that the system runs at a given
 * role, and the page it all comes from. Rules read this table; adding a
 * DDI is a line of data. A routine the table does not know is never
 * reported by a rule that asks it.
 *
 * The files may also list names that were looked up and found without an
 * IRQL statement ("unknown"): they are known to be unknown, and are
 * treated as any name the table does not hold.
 *
 * Ownership: a DdiTable owns its entries and strings; ddi_table_free()
 * releases them.
 */
#ifndef NDISLINT_RULE_DDI_TABLE_H
#define NDISLINT_RULE_DDI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

/* IRQLs in order; DIRQL stands for any device IRQL. */
typedef enum Irql {
    IRQL_PASSIVE,
    IRQL_APC,
    IRQL_DISPATCH,
    IRQL_DIRQL,
    IRQL_HIGH,
    IRQL_NONE /* not stated */
} Irql;

/* "PASSIVE_LEVEL" and so on; IRQL_NONE for anything else. */
Irql irql_from_name(const char *name);
/* The documentation's name of a level. */
const char *irql_name(Irql irql);

typedef enum HandleEffect {
    HANDLE_NONE,
    HANDLE_REGISTERS,    /* its argument receives a new interrupt handle */
    HANDLE_DEREGISTERS,  /* the handle is invalid after the call */
    HANDLE_SYNCHRONIZES, /* runs a function at the interrupt's DIRQL */
    HANDLE_QUEUES_DPC,   /* queues the interrupt's DPC */
    HANDLE_USES          /* reads the handle otherwise */
} HandleEffect;

typedef struct DdiInfo {
    char *name;
    Irql irql_min;          /* IRQL_NONE when the page states none */
    Irql irql_max;
    char *documented;       /* the IRQL as the page writes it */
    char *condition;        /* what the IRQL depends on, or NULL */
    char *page;             /* the documentation page */
    HandleEffect handle_effect;
    int handle_argument;    /* index of the handle argument, or -1 */
    int callback_argument;  /* index of a function argument, or -1 */
    char *callback_role;    /* its role type ("MINIPORT_SYNCHRONIZE_INTERRUPT") */
} DdiInfo;

typedef struct DdiTable {
    DdiInfo *items; /* sorted by name */
    size_t count;
} DdiTable;

/* Loads every *.json file of `dir` into `table` (zeroed first). A folder
 * that does not exist gives an empty table. On error, `err` names the
 * file, the line and the problem, and the table is empty. */
int ddi_table_load(DdiTable *table, const char *dir, char *err, size_t err_size);

void ddi_table_free(DdiTable *table);

/* The entry for `name`, or NULL when the table does not know it. */
const DdiInfo *ddi_find(const DdiTable *table, const char *name);

/* The name of an effect as the files write it ("deregisters"). */
const char *handle_effect_name(HandleEffect effect);

#endif
