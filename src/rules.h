/* rules.h - the rules and how they are run.
 *
 * Each rule is one file, rule_<id>_<name>.c, with one entry point that
 * reads the program's facts and adds findings. Rules never see the parser.
 * The table below is the one place that lists them; a rule described in
 * the rules folder without an entry here (or the reverse) is an error at
 * start.
 */
#ifndef NDISLINT_RULES_H
#define NDISLINT_RULES_H

#include "facts_program.h"
#include "finding.h"
#include "rule_catalog.h"

/* Analyses several rules read, run once per program (rules.c). */
typedef struct RuleShared RuleShared;

typedef struct RuleContext {
    const Program *program;
    const RuleInfo *rule;
    const DdiTable *ddis;  /* what is known of each DDI (rule_ddi_table.h) */
    const ResourcePairTable *resources; /* acquired and released resources */
    FindingList *findings;
    ToolMessageList *messages;
    RuleShared *shared;
} RuleContext;

typedef void (*RuleRun)(const RuleContext *ctx);

/* One line per rule: RULE(id, entry point). Sorted by id. Rules of one
 * kind share an entry point, configured by their rule file's parameters. */
#define NDISLINT_RULE_TABLE(RULE)                        \
    RULE("NDIS001", rule_ndis001_attributes_before_interrupt) \
    RULE("NDIS002", rule_ndis002_msi_fallback)           \
    RULE("NDIS003", rule_ndis003_message_isr_true)       \
    RULE("NDIS004", rule_ndis004_interrupt_type_checked) \
    RULE("NDIS006", rule_kind_calls_from_roles)          \
    RULE("NDIS007", rule_kind_calls_from_roles)          \
    RULE("NDIS008", rule_ndis008_register_status_checked) \
    RULE("NDIS009", rule_ndis009_interrupt_characteristics_header) \
    RULE("NDIS010", rule_ndis010_no_use_after_deregister) \
    RULE("NDIS011", rule_ndis011_callback_role_declared) \
    RULE("NDIS012", rule_ndis012_dpc_honours_receive_throttle) \
    RULE("NDIS013", rule_ndis013_message_table_when_granted) \
    RULE("WDM001", rule_wdm001_connect_version_examined) \
    RULE("WDM003", rule_wdm003_message_count_checked)

#define NDISLINT_DECLARE_RULE(id, run) void run(const RuleContext *ctx);
NDISLINT_RULE_TABLE(NDISLINT_DECLARE_RULE)
#undef NDISLINT_DECLARE_RULE

/* The kinds a rule file alone configures (its "kind" key); see
 * rule_kind_paired_resource.c. */
void rule_kind_paired_resource(const RuleContext *ctx);

/* Checks that every rule in the catalog has an implementation and every
 * implementation a catalog entry. On mismatch writes a message into `err`
 * and returns -1. */
int rules_check_catalog(const RuleCatalog *catalog, char *err, size_t err_size);

/* The registration state analysis (rule_interrupt_paths.h), computed on
 * first use and shared by NDIS001, NDIS004, NDIS005, NDIS008, NDIS010 and
 * NDIS013. */
struct IrqReport;
const struct IrqReport *rules_interrupt_paths(const RuleContext *ctx);

/* The same analysis when `pair` is the one it follows, else NULL: a
 * paired-resource rule on another pair runs its own. */
struct ResourcePair;
const struct IrqReport *rules_interrupt_paths_for(const RuleContext *ctx,
                                                  const struct ResourcePair *pair);

/* The parameters every paired-resource rule file gives (NULL-ended). */
extern const char *const paired_resource_parameters[];

/* What the interrupt rules (NDIS001 to NDIS005) track, for judging
 * damaged code (rule_damage.h); built on first use. */
struct DamageScope;
struct DamageHit;
const struct DamageScope *rules_interrupt_scope(const RuleContext *ctx);
/* ... and what the characteristics follower (NDIS002, NDIS004's MSI
 * request) tracks: the registration and the characteristics. */
const struct DamageScope *rules_chars_scope(const RuleContext *ctx);

/* Says that `rules` ("NDIS003", or a list) could not judge `function`
 * because of the damage `hit`: a notification naming them, the function,
 * the line and the parse error. It counts as a judgement not made, which
 * fails the run unless incomplete analysis is allowed. */
void rules_not_judged(const RuleContext *ctx, const char *rules, const Function *function,
                      const struct DamageHit *hit);

/* Calls `visit` with every definition of the program (each static one of
 * a name too) that `wanted` accepts, its body in memory, when the damage
 * `scope` tracks does not keep it from being judged; for those it does,
 * says that ctx->rule could not judge them. `wanted` is asked before the
 * body is read in (the index of what it calls is there); it may read the
 * body itself with program_loaded. */
void rules_each_judged_definition(const RuleContext *ctx, const struct DamageScope *scope,
                                  bool (*wanted)(Function *f, void *data),
                                  void (*visit)(const Function *f, void *data), void *data);

/* Runs every rule of the catalog over the program; returns the number of
 * judgements the rules could not make for damaged code (allowed or not).
 * Each is an error in `messages`, or a warning when `allow_incomplete`. */
size_t rules_run_all(const Program *program, const RuleCatalog *catalog,
                     bool allow_incomplete, FindingList *findings,
                     ToolMessageList *messages);

/* States kept per node by the path rules before they give up on a
 * function (and say so). */
enum { RULE_MAX_PATH_STATES = 4096 };

#endif
