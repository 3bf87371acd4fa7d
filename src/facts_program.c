/* facts_program.c - one index of the driver's functions and their roles. */
#include "facts_program.h"
#include "facts_store.h"
#include "memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Role typedefs of the NDIS documentation: the interrupt roles first, in
 * the order of Role, then the other callbacks. */
static const struct {
    const char *name;
    Role role;
} role_typedefs[] = {
    {"MINIPORT_DISABLE_INTERRUPT", ROLE_DISABLE_INTERRUPT},
    {"MINIPORT_DISABLE_MESSAGE_INTERRUPT", ROLE_DISABLE_MESSAGE_INTERRUPT},
    {"MINIPORT_ENABLE_INTERRUPT", ROLE_ENABLE_INTERRUPT},
    {"MINIPORT_ENABLE_MESSAGE_INTERRUPT", ROLE_ENABLE_MESSAGE_INTERRUPT},
    {"MINIPORT_HALT", ROLE_HALT},
    {"MINIPORT_INITIALIZE", ROLE_INITIALIZE},
    {"MINIPORT_INTERRUPT_DPC", ROLE_INTERRUPT_DPC},
    {"MINIPORT_ISR", ROLE_ISR},
    {"MINIPORT_MESSAGE_INTERRUPT", ROLE_MESSAGE_ISR},
    {"MINIPORT_MESSAGE_INTERRUPT_DPC", ROLE_MESSAGE_DPC},
    {"MINIPORT_SYNCHRONIZE_INTERRUPT", ROLE_SYNCHRONIZE_INTERRUPT},
    {"SET_OPTIONS", ROLE_SET_OPTIONS},
    {"MINIPORT_UNLOAD", ROLE_DRIVER_UNLOAD},
    {"MINIPORT_PAUSE", ROLE_PAUSE},
    {"MINIPORT_RESTART", ROLE_RESTART},
    {"MINIPORT_OID_REQUEST", ROLE_OID_REQUEST},
    {"MINIPORT_SEND_NET_BUFFER_LISTS", ROLE_SEND_NET_BUFFER_LISTS},
    {"MINIPORT_RETURN_NET_BUFFER_LISTS", ROLE_RETURN_NET_BUFFER_LISTS},
    {"MINIPORT_CANCEL_SEND", ROLE_CANCEL_SEND},
    {"MINIPORT_CHECK_FOR_HANG", ROLE_CHECK_FOR_HANG},
    {"MINIPORT_RESET", ROLE_RESET},
    {"MINIPORT_DEVICE_PNP_EVENT_NOTIFY", ROLE_DEVICE_PNP_EVENT_NOTIFY},
    {"MINIPORT_SHUTDOWN", ROLE_SHUTDOWN},
    {"MINIPORT_CANCEL_OID_REQUEST", ROLE_CANCEL_OID_REQUEST},
    {"MINIPORT_DIRECT_OID_REQUEST", ROLE_DIRECT_OID_REQUEST},
    {"MINIPORT_CANCEL_DIRECT_OID_REQUEST", ROLE_CANCEL_DIRECT_OID_REQUEST},
    {"NDIS_TIMER_FUNCTION", ROLE_TIMER},
    {"DRIVER_ADD_DEVICE", ROLE_WDM_ADD_DEVICE},
    {"DRIVER_DISPATCH", ROLE_WDM_DISPATCH},
    {"KSERVICE_ROUTINE", ROLE_WDM_ISR},
    {"KMESSAGE_SERVICE_ROUTINE", ROLE_WDM_MESSAGE_ISR},
};

/* Handler fields of the registration structures, with the role a function
 * stored there plays. The structure is matched by its resolved type. */
static const struct {
    const char *record;
    const char *field;
    Role role;
} role_fields[] = {
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "InitializeHandlerEx", ROLE_INITIALIZE},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "HaltHandlerEx", ROLE_HALT},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "InterruptHandler", ROLE_ISR},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "InterruptDpcHandler", ROLE_INTERRUPT_DPC},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "DisableInterruptHandler", ROLE_DISABLE_INTERRUPT},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "EnableInterruptHandler", ROLE_ENABLE_INTERRUPT},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "MessageInterruptHandler", ROLE_MESSAGE_ISR},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "MessageInterruptDpcHandler", ROLE_MESSAGE_DPC},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "DisableMessageInterruptHandler",
     ROLE_DISABLE_MESSAGE_INTERRUPT},
    {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", "EnableMessageInterruptHandler",
     ROLE_ENABLE_MESSAGE_INTERRUPT},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "SetOptionsHandler", ROLE_SET_OPTIONS},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "UnloadHandler", ROLE_DRIVER_UNLOAD},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "PauseHandler", ROLE_PAUSE},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "RestartHandler", ROLE_RESTART},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "OidRequestHandler", ROLE_OID_REQUEST},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "SendNetBufferListsHandler",
     ROLE_SEND_NET_BUFFER_LISTS},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "ReturnNetBufferListsHandler",
     ROLE_RETURN_NET_BUFFER_LISTS},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "CancelSendHandler", ROLE_CANCEL_SEND},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "CheckForHangHandlerEx", ROLE_CHECK_FOR_HANG},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "ResetHandlerEx", ROLE_RESET},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "DevicePnPEventNotifyHandler",
     ROLE_DEVICE_PNP_EVENT_NOTIFY},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "ShutdownHandlerEx", ROLE_SHUTDOWN},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "CancelOidRequestHandler",
     ROLE_CANCEL_OID_REQUEST},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "DirectOidRequestHandler",
     ROLE_DIRECT_OID_REQUEST},
    {"NDIS_MINIPORT_DRIVER_CHARACTERISTICS", "CancelDirectOidRequestHandler",
     ROLE_CANCEL_DIRECT_OID_REQUEST},
    {"NDIS_TIMER_CHARACTERISTICS", "TimerFunction", ROLE_TIMER},
    {"DRIVER_EXTENSION", "AddDevice", ROLE_WDM_ADD_DEVICE},
    {"IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS", "MessageServiceRoutine",
     ROLE_WDM_MESSAGE_ISR},
    {"IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS", "FallBackServiceRoutine", ROLE_WDM_ISR},
    {"IO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS", "ServiceRoutine", ROLE_WDM_ISR},
    {"IO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS", "ServiceRoutine", ROLE_WDM_ISR},
};

/* The PnP minor functions whose paths the rules follow (wdm.h values). */
static const struct {
    const char *name;
    int value;
} pnp_minors[] = {
    {"IRP_MN_START_DEVICE", 0x00},
    {"IRP_MN_REMOVE_DEVICE", 0x02},
    {"IRP_MN_STOP_DEVICE", 0x04},
    {"IRP_MN_SURPRISE_REMOVAL", 0x17},
};

/* DRIVER_OBJECT.MajorFunction[IRP_MJ_PNP] */
enum { IRP_MJ_PNP_INDEX = 0x1b };

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

Role role_from_typedef(const char *name)
{
    if (name == NULL)
        return ROLE_COUNT;
    for (size_t i = 0; i < COUNT_OF(role_typedefs); i++) {
        if (strcmp(role_typedefs[i].name, name) == 0)
            return role_typedefs[i].role;
    }
    return ROLE_COUNT;
}

const char *role_typedef_name(Role role)
{
    for (size_t i = 0; i < COUNT_OF(role_typedefs); i++)
        if (role_typedefs[i].role == role)
            return role_typedefs[i].name;
    return "a callback";
}

static Role role_from_field(const char *record, const char *field)
{
    if (record == NULL || field == NULL)
        return ROLE_COUNT;
    for (size_t i = 0; i < COUNT_OF(role_fields); i++) {
        if (strcmp(role_fields[i].record, record) == 0 &&
            strcmp(role_fields[i].field, field) == 0)
            return role_fields[i].role;
    }
    return ROLE_COUNT;
}

static int compare_by_name(const void *a, const void *b)
{
    const ProgramFunction *x = a;
    const ProgramFunction *y = b;
    return strcmp(x->name, y->name);
}

static ProgramFunction *find_mutable(const Program *program, const char *name)
{
    ProgramFunction key;
    memset(&key, 0, sizeof(key));
    key.name = name;
    return bsearch(&key, program->functions, program->function_count,
                   sizeof(*program->functions), compare_by_name);
}

static void give_role(ProgramFunction *function, Role role, SourceLoc loc)
{
    if (function == NULL || role == ROLE_COUNT)
        return;
    if (function->role_loc == NULL)
        function->role_loc = checked_alloc(calloc(ROLE_COUNT, sizeof(*function->role_loc)));
    if (!program_has_role(function, role))
        function->role_loc[role] = loc;
    function->roles |= ROLE_BIT(role);
}

static void note_wiring(const Program *program, const char *record,
                        const char *field, const Expr *value)
{
    Role role = role_from_field(record, field);
    if (role == ROLE_COUNT || value == NULL || value->kind != EXPR_FUNC)
        return;
    give_role(find_mutable(program, value->name), role, value->loc);
}

/* `DriverObject->MajorFunction[IRP_MJ_PNP]`: a subscript (EXPR_OTHER of
 * the array and the index) of that field. */
static bool is_pnp_slot(const Expr *e)
{
    return e->kind == EXPR_OTHER && e->kid_count == 2 && e->kids[0]->kind == EXPR_MEMBER &&
           e->kids[0]->record != NULL && strcmp(e->kids[0]->record, "DRIVER_OBJECT") == 0 &&
           strcmp(e->kids[0]->name, "MajorFunction") == 0 && e->kids[1]->kind == EXPR_INT &&
           e->kids[1]->int_value == IRP_MJ_PNP_INDEX;
}

static void visit_wiring(const Expr *e, void *ctx)
{
    const Program *program = ctx;
    if (e->kind == EXPR_ASSIGN && e->op == OP_ASSIGN && e->kid_count == 2 &&
        is_pnp_slot(e->kids[0]) && e->kids[1]->kind == EXPR_FUNC) {
        give_role(find_mutable(program, e->kids[1]->name), ROLE_WDM_PNP, e->kids[1]->loc);
    } else if (e->kind == EXPR_ASSIGN && e->op == OP_ASSIGN && e->kid_count == 2 &&
        e->kids[0]->kind == EXPR_MEMBER) {
        note_wiring(program, e->kids[0]->record, e->kids[0]->name, e->kids[1]);
    } else if (e->kind == EXPR_INIT_LIST && e->init_record != NULL) {
        for (size_t i = 0; i < e->kid_count; i++)
            note_wiring(program, e->init_record, e->designators[i], e->kids[i]);
    }
}

/* Two definitions are the same when they stand at the same place (a
 * function in a header included by several files). */
static bool same_place(const Function *a, const Function *b)
{
    return a->loc.file == b->loc.file && a->loc.line == b->loc.line &&
           a->loc.col == b->loc.col;
}

static void keep_statics(ProgramFunction *entry, const ProgramFunction *all, size_t from,
                         size_t to)
{
    entry->statics = calloc(to - from + 1, sizeof(*entry->statics));
    if (entry->statics == NULL)
        out_of_memory();
    const Function *extern_definition = NULL;
    for (size_t k = from; k < to; k++) {
        Function *f = all[k].definition;
        if (!f->is_definition)
            continue;
        bool seen = false;
        for (size_t m = 0; m < entry->static_count && !seen; m++)
            seen = same_place(entry->statics[m], f);
        if (f->is_static && !seen)
            entry->statics[entry->static_count++] = f;
        else if (!f->is_static)
            extern_definition = f;
    }
    entry->definition = (Function *)extern_definition;
    entry->other_definition = NULL;
    entry->defined_twice = false;
    /* Two static definitions in one file (a header included twice, say)
     * cannot be told apart. */
    for (size_t a = 0; a < entry->static_count; a++) {
        for (size_t b = a + 1; b < entry->static_count; b++) {
            if (entry->statics[a]->unit == entry->statics[b]->unit) {
                entry->defined_twice = true;
                entry->other_definition = entry->statics[b];
            }
        }
    }
    if (entry->defined_twice && entry->definition == NULL)
        entry->definition = entry->statics[0];
}

static void collect_functions(Program *program, const Driver *driver)
{
    size_t total = 0;
    for (size_t u = 0; u < driver->unit_count; u++)
        total += driver->units[u].function_count;
    ProgramFunction *all = calloc(total + 1, sizeof(*all));
    if (all == NULL) {
        fprintf(stderr, "ndislint: out of memory\n");
        abort();
    }
    size_t count = 0;
    for (size_t u = 0; u < driver->unit_count; u++) {
        for (size_t i = 0; i < driver->units[u].function_count; i++) {
            all[count].name = driver->units[u].functions[i]->name;
            all[count].definition = driver->units[u].functions[i];
            count++;
        }
    }
    qsort(all, count, sizeof(*all), compare_by_name);
    /* Merge the entries of one name: declarations give roles, the
     * definition (if one) is kept. */
    size_t merged = 0;
    for (size_t i = 0; i < count;) {
        ProgramFunction entry;
        memset(&entry, 0, sizeof(entry));
        entry.name = all[i].name;
        size_t j = i;
        size_t definitions = 0;
        size_t statics = 0;
        for (; j < count && strcmp(all[j].name, entry.name) == 0; j++) {
            Function *f = all[j].definition;
            Role declared = role_from_typedef(f->role_type);
            give_role(&entry, declared, f->loc);
            if (declared != ROLE_COUNT)
                entry.declared_roles |= ROLE_BIT(declared);
            if (!f->is_definition)
                continue;
            definitions++;
            statics += f->is_static;
            if (entry.definition == NULL)
                entry.definition = f;
            else if (!same_place(entry.definition, f)) {
                entry.defined_twice = true;
                entry.other_definition = f;
            }
        }
        /* Static functions of one name in several files, beside at most
         * one that is not static: each file's calls reach its own. */
        if (entry.defined_twice && definitions - statics <= 1)
            keep_statics(&entry, all, i, j);
        all[merged++] = entry;
        i = j;
    }
    program->functions = xrealloc(all, merged + 1, sizeof(*all));
    program->function_count = merged;
}

static void find_pnp_minor_handlers(Program *program);

void program_build(Program *program, Driver *driver)
{
    memset(program, 0, sizeof(*program));
    program->driver = driver;
    collect_functions(program, driver);
    for (size_t u = 0; u < driver->unit_count; u++) {
        const TranslationFacts *unit = &driver->units[u];
        for (size_t i = 0; i < unit->function_count; i++) {
            /* Only a body that names a function as a value can wire one. */
            Function *f = unit->functions[i];
            if (function_uses_function_values(f) && driver_load_body(driver, f))
                stmt_walk_exprs(f->body, visit_wiring, program);
        }
        for (size_t i = 0; i < unit->global_count; i++)
            expr_walk(unit->globals[i].init, visit_wiring, program);
    }
    find_pnp_minor_handlers(program);
}

/* ---- PnP minor functions ------------------------------------------------ */

static void find_minor_read(const Expr *e, void *data)
{
    bool *found = data;
    if (e->kind == EXPR_MEMBER && e->name != NULL && strcmp(e->name, "MinorFunction") == 0 &&
        e->record != NULL && strcmp(e->record, "IO_STACK_LOCATION") == 0)
        *found = true;
}

static bool reads_minor(const Function *f)
{
    bool found = false;
    if (f != NULL && f->body != NULL)
        stmt_walk_exprs(f->body, find_minor_read, &found);
    return found;
}

typedef struct MinorSearch {
    const Program *program;
    const Function *from;
    bool found;
} MinorSearch;

/* A driver function the PnP routine calls that examines MinorFunction
 * (a PnP handler the dispatch routine hands every IRP to). */
static void find_minor_helper(const Expr *e, void *data)
{
    MinorSearch *search = data;
    const char *name = expr_call_name(e);
    if (name == NULL)
        return;
    ProgramFunction *callee = find_mutable(search->program, name);
    if (callee == NULL || callee->definition == NULL || callee->defined_twice ||
        !driver_load_body(search->program->driver, callee->definition) ||
        !reads_minor(callee->definition))
        return;
    give_role(callee, ROLE_WDM_PNP_MINOR, callee->definition->loc);
    search->found = true;
}

/* Gives ROLE_WDM_PNP_MINOR to each PnP routine that examines the minor
 * function, or else to the helpers it calls that do. */
static void find_pnp_minor_handlers(Program *program)
{
    for (size_t i = 0; i < program->function_count; i++) {
        ProgramFunction *entry = &program->functions[i];
        Function *f = entry->definition;
        if (!program_has_role(entry, ROLE_WDM_PNP) || f == NULL || entry->defined_twice ||
            !driver_load_body(program->driver, f))
            continue;
        if (reads_minor(f)) {
            give_role(entry, ROLE_WDM_PNP_MINOR, f->loc);
            continue;
        }
        MinorSearch search = {program, f, false};
        stmt_walk_exprs(f->body, find_minor_helper, &search);
    }
}

int pnp_minor_value(const char *name)
{
    for (size_t i = 0; name != NULL && i < COUNT_OF(pnp_minors); i++) {
        if (strcmp(pnp_minors[i].name, name) == 0)
            return pnp_minors[i].value;
    }
    return -1;
}

bool program_role_name_known(const char *role)
{
    return role_from_typedef(role) != ROLE_COUNT || pnp_minor_value(role) >= 0;
}

/* The `case` of a switch on MinorFunction for `minor`, or NULL. */
static const Stmt *minor_case(const Stmt *st, int minor, bool in_minor_switch)
{
    if (st == NULL)
        return NULL;
    if (st->kind == STMT_SWITCH) {
        bool found = false;
        expr_walk(st->expr, find_minor_read, &found);
        in_minor_switch = found;
    }
    if (st->kind == STMT_CASE && in_minor_switch && st->expr != NULL &&
        st->expr->kind == EXPR_INT && st->expr->int_value == minor)
        return st;
    for (size_t i = 0; i < st->kid_count; i++) {
        const Stmt *c = minor_case(st->kids[i], minor, in_minor_switch);
        if (c != NULL)
            return c;
    }
    return NULL;
}

size_t program_role_roots(const Program *program, const char *role, RoleRoot *out, size_t max)
{
    Role plain = role_from_typedef(role);
    int minor = pnp_minor_value(role);
    Role wanted = plain != ROLE_COUNT ? plain : minor >= 0 ? ROLE_WDM_PNP_MINOR : ROLE_COUNT;
    size_t count = 0;
    for (size_t i = 0; wanted != ROLE_COUNT && i < program->function_count; i++) {
        const ProgramFunction *entry = &program->functions[i];
        if (!program_has_role(entry, wanted))
            continue;
        RoleRoot root = {entry, plain != ROLE_COUNT ? -1 : minor, role, entry->role_loc[wanted]};
        const Function *f = entry->definition;
        if (root.minor >= 0 && f != NULL && f->body != NULL) {
            const Stmt *c = minor_case(f->body, minor, false);
            if (c != NULL)
                root.loc = c->loc;
        }
        if (count < max)
            out[count] = root;
        count++;
    }
    return count;
}

void program_free(Program *program)
{
    for (size_t i = 0; i < program->function_count; i++) {
        free(program->functions[i].role_loc);
        free(program->functions[i].statics);
    }
    free(program->functions);
    memset(program, 0, sizeof(*program));
}

const ProgramFunction *program_find(const Program *program, const char *name)
{
    if (name == NULL)
        return NULL;
    return find_mutable(program, name);
}

const Function *program_definition_for(const Program *program, const char *name,
                                       const Function *caller)
{
    const ProgramFunction *function = program_find(program, name);
    if (function == NULL || function->static_count == 0 || caller == NULL ||
        function->defined_twice)
        return program_definition(program, name);
    for (size_t i = 0; i < function->static_count; i++) {
        Function *f = function->statics[i];
        if (f->unit != caller->unit)
            continue;
        if (f->has_parse_errors || !driver_load_body(program->driver, f))
            return NULL;
        return f;
    }
    return program_definition(program, name);
}

const Function *program_definition(const Program *program, const char *name)
{
    const ProgramFunction *function = program_find(program, name);
    if (function == NULL || function->defined_twice ||
        function->definition == NULL || function->definition->has_parse_errors ||
        !driver_load_body(program->driver, function->definition))
        return NULL;
    return function->definition;
}


const Function *program_any_definition(const Program *program,
                                       const ProgramFunction *function)
{
    if (function == NULL || function->definition == NULL ||
        !driver_load_body(program->driver, function->definition))
        return NULL;
    return function->definition;
}

bool program_has_role(const ProgramFunction *function, Role role)
{
    return function != NULL && (function->roles & ROLE_BIT(role)) != 0;
}

size_t program_definition_count(const ProgramFunction *function)
{
    return (function->definition != NULL) + function->static_count;
}

Function *program_definition_at(const ProgramFunction *function, size_t i)
{
    if (function->definition != NULL) {
        if (i == 0)
            return function->definition;
        i--;
    }
    return i < function->static_count ? function->statics[i] : NULL;
}

const Function *program_loaded(const Program *program, Function *f)
{
    return f != NULL && driver_load_body(program->driver, f) ? f : NULL;
}
