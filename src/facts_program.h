/* facts_program.h - the driver seen as one program: every function
 * definition of every translation unit, found by name, and the roles
 * (callbacks) each function plays.
 *
 * Roles come from role-type declarations (`MINIPORT_ISR MpIsr;`), from
 * `_Function_class_(X)`, and from assignments of a function to a handler
 * field of NDIS_MINIPORT_DRIVER_CHARACTERISTICS or
 * NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS anywhere in the driver (member
 * assignment, `->`, designated and positional initialisers, helpers that
 * fill a structure through a pointer). Never from a function's name.
 *
 * Ownership: a Program borrows the Driver's facts and owns only its
 * indexes; program_free() releases them. The Driver must outlive it.
 * Bodies the driver keeps in its store are read in (into the driver) the
 * first time program_definition() returns them.
 */
#ifndef NDISLINT_FACTS_PROGRAM_H
#define NDISLINT_FACTS_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "facts.h"

typedef enum Role {
    ROLE_INITIALIZE,
    ROLE_HALT,
    ROLE_ISR,
    ROLE_INTERRUPT_DPC,
    ROLE_DISABLE_INTERRUPT,
    ROLE_ENABLE_INTERRUPT,
    ROLE_MESSAGE_ISR,
    ROLE_MESSAGE_DPC,
    ROLE_DISABLE_MESSAGE_INTERRUPT,
    ROLE_ENABLE_MESSAGE_INTERRUPT,
    ROLE_SYNCHRONIZE_INTERRUPT,
    /* The other callbacks of NDIS_MINIPORT_DRIVER_CHARACTERISTICS, and
     * timers: code that must not register or deregister interrupts. */
    ROLE_SET_OPTIONS,
    ROLE_DRIVER_UNLOAD,
    ROLE_PAUSE,
    ROLE_RESTART,
    ROLE_OID_REQUEST,
    ROLE_SEND_NET_BUFFER_LISTS,
    ROLE_RETURN_NET_BUFFER_LISTS,
    ROLE_CANCEL_SEND,
    ROLE_CHECK_FOR_HANG,
    ROLE_RESET,
    ROLE_DEVICE_PNP_EVENT_NOTIFY,
    ROLE_SHUTDOWN,
    ROLE_CANCEL_OID_REQUEST,
    ROLE_DIRECT_OID_REQUEST,
    ROLE_CANCEL_DIRECT_OID_REQUEST,
    ROLE_TIMER,
    /* WDM drivers: the routines DriverEntry wires and the role types they
     * are declared with. */
    ROLE_WDM_ADD_DEVICE,    /* DRIVER_ADD_DEVICE, DriverExtension->AddDevice */
    ROLE_WDM_DISPATCH,      /* DRIVER_DISPATCH: any major function */
    ROLE_WDM_PNP,           /* MajorFunction[IRP_MJ_PNP] */
    ROLE_WDM_ISR,           /* KSERVICE_ROUTINE, a line-based ISR */
    ROLE_WDM_MESSAGE_ISR,   /* KMESSAGE_SERVICE_ROUTINE */
    ROLE_WDM_PNP_MINOR,     /* the PnP dispatch routine, or the helper it
                               calls, that examines the IRP's MinorFunction:
                               where each PnP minor function's paths start */
    ROLE_COUNT
} Role;

#define ROLE_BIT(role) ((uint64_t)1 << (role))

/* The role a typedef name stands for ("MINIPORT_MESSAGE_INTERRUPT"), or
 * ROLE_COUNT when it names none. */
Role role_from_typedef(const char *name);

/* The role typedef a role is declared with ("MINIPORT_ISR"). */
const char *role_typedef_name(Role role);

typedef struct ProgramFunction {
    const char *name;
    Function *definition;   /* NULL when only declared in the driver */
    bool defined_twice;     /* two different definitions: never merged */
    const Function *other_definition; /* the second one, when defined twice */
    /* Static definitions of the name in several files: each file's calls
     * mean its own (program_definition_for); `definition` is then the one
     * definition that is not static, or NULL. */
    Function **statics;
    size_t static_count;
    uint64_t roles;         /* bit (ROLE_BIT(Role)) per role */
    uint64_t declared_roles; /* the roles among them that a role-type
                               declaration or _Function_class_ gave */
    SourceLoc *role_loc;    /* where each role was given (ROLE_COUNT of
                               them), NULL while it has none */
} ProgramFunction;

typedef struct Program {
    Driver *driver;     /* mutable: bodies are brought in as rules ask */
    ProgramFunction *functions; /* sorted by name */
    size_t function_count;
} Program;

void program_build(Program *program, Driver *driver);
void program_free(Program *program);

/* The entry for `name`, or NULL when the driver never mentions it. */
const ProgramFunction *program_find(const Program *program, const char *name);

/* The one definition of `name` the analysis may rely on, its body in
 * memory: NULL when not defined in the driver, defined twice, defined with
 * parse errors, or when its stored body cannot be read back. */
const Function *program_definition(const Program *program, const char *name);

/* The definition a call of `name` made in `caller` reaches: a static
 * function of the caller's own file first, as the compiler links it; else
 * as program_definition. */
const Function *program_definition_for(const Program *program, const char *name,
                                       const Function *caller);


/* The entry's first definition with its body in memory, even when it
 * cannot be relied on (defined twice, parse errors): for scans that only
 * gather names. NULL when there is none or it cannot be read back. */
const Function *program_any_definition(const Program *program,
                                       const ProgramFunction *function);

bool program_has_role(const ProgramFunction *function, Role role);

/* Where the code of a role starts: a function, and for a PnP minor
 * function ("IRP_MN_START_DEVICE") the value the IRP's MinorFunction has
 * on the paths that belong to it (-1 for a plain role). */
typedef struct RoleRoot {
    const ProgramFunction *function;
    int minor;
    const char *role;      /* the role's name, as the rule files write it */
    SourceLoc loc;         /* where it starts: the function, or its case */
} RoleRoot;

/* Whether rule files may name `role`: a role type ("MINIPORT_HALT",
 * "DRIVER_ADD_DEVICE") or a PnP minor function ("IRP_MN_REMOVE_DEVICE"). */
bool program_role_name_known(const char *role);

/* The roots of the role named `role`, in the order of the functions;
 * at most `max` are written to `out`; returns how many there are. */
size_t program_role_roots(const Program *program, const char *role, RoleRoot *out, size_t max);

/* The value of a PnP minor function's name, or -1. */
int pnp_minor_value(const char *name);

/* Every definition of an entry: `definition` (if any), then its statics.
 * The bodies may still be stored (driver_load_body). */
size_t program_definition_count(const ProgramFunction *function);
Function *program_definition_at(const ProgramFunction *function, size_t i);

/* `f` with its body in memory, or NULL when it cannot be read back. */
const Function *program_loaded(const Program *program, Function *f);

#endif
