/* rule_ndis011_callback_role_declared.c - NDIS011 callback-role-declared.
 *
 * A function wired into NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS should be
 * declared with the role type of the handler it is wired as
 * (`MINIPORT_MESSAGE_INTERRUPT_DPC MyDpc;`, or _Function_class_ on the
 * definition), as the MiniportMessageInterruptDPC page asks, so that Code
 * Analysis and Static Driver Verifier know its role. The roles to check
 * are the rule file's "roles" parameter. A function the driver does not
 * define, or defines twice, is not reported: there is no one definition
 * to point at.
 */
#include <string.h>

#include "facts_program.h"
#include "rules.h"

static bool checked_role(const RuleInfo *rule, Role role)
{
    size_t n = 0;
    char *const *roles = rule_param(rule, "roles", &n);
    for (size_t i = 0; i < n; i++)
        if (role_from_typedef(roles[i]) == role)
            return true;
    return false;
}

void rule_ndis011_callback_role_declared(const RuleContext *ctx)
{
    const Program *program = ctx->program;
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *pf = &program->functions[i];
        const Function *def = pf->definition;
        if (def == NULL || pf->defined_twice || pf->static_count > 0)
            continue;
        for (int r = 0; r < ROLE_COUNT; r++) {
            uint64_t bit = ROLE_BIT(r);
            if ((pf->roles & bit) == 0 || (pf->declared_roles & bit) != 0 ||
                !checked_role(ctx->rule, (Role)r))
                continue;
            const char *role = role_typedef_name((Role)r);
            /* A C++ name carries its class and parameters: the
             * declaration to add is then the annotation. */
            bool plain = strpbrk(def->name, ":( ") == NULL;
            Finding *f =
                plain ? finding_add(ctx->findings, ctx->rule, def->loc, def->name,
                                    "%s is wired as an interrupt handler but not declared with "
                                    "its role type: add '%s %s;' before its definition",
                                    def->name, role, def->name)
                      : finding_add(ctx->findings, ctx->rule, def->loc, def->name,
                                    "%s is wired as an interrupt handler but not declared with "
                                    "its role type: mark its definition _Function_class_(%s)",
                                    def->name, role);
            finding_add_note(f, pf->role_loc[r], "%s is wired here, in the role of %s", def->name,
                             role);
        }
    }
}
