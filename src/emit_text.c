/* emit_text.c - gcc/clang style lines:
 *
 *   path:line:col: warning: message [NDIS003]
 *   path:line:col: note: message
 *
 * Editors and CI problem matchers for gcc pick up the first line and skip
 * `note:` lines, so the explanation of a finding does not turn into extra
 * problems. Tool messages are not printed here: they go to stderr.
 */
#include "emit.h"
#include "emit_common.h"

/* The same colours clang uses, so the output reads like a compiler's. */
#define COLOR_BOLD "\033[1m"
#define COLOR_RESET "\033[0m"

static const char *level_color(Level level)
{
    switch (level) {
    case LEVEL_ERROR:
        return "\033[0;1;31m";
    case LEVEL_WARNING:
        return "\033[0;1;35m";
    default:
        return "\033[0;1;36m";
    }
}

/* "path:line:col: ", leaving out the parts a location does not have. */
static void put_location(FILE *out, const EmitContext *ctx,
                         const SourceLoc *loc)
{
    fputs(emit_display_path(loc->file, ctx->srcroot), out);
    if (loc->line > 0) {
        fprintf(out, ":%u", loc->line);
        if (loc->col > 0)
            fprintf(out, ":%u", loc->col);
    }
    fputs(": ", out);
}

/* One diagnostic line; `rule_id` is NULL for notes. */
static void put_diagnostic(FILE *out, const EmitContext *ctx,
                           const SourceLoc *loc, Level level,
                           const char *message, const char *rule_id)
{
    if (ctx->color)
        fputs(COLOR_BOLD, out);
    put_location(out, ctx, loc);
    if (ctx->color)
        fprintf(out, "%s%s:" COLOR_RESET COLOR_BOLD " ", level_color(level),
                level_name(level));
    else
        fprintf(out, "%s: ", level_name(level));
    emit_put_line_text(out, message);
    if (rule_id != NULL)
        fprintf(out, " [%s]", rule_id);
    if (ctx->color)
        fputs(COLOR_RESET, out);
    putc('\n', out);
}

int emit_text(FILE *out, const EmitContext *ctx)
{
    const FindingList *findings = ctx->findings;
    for (size_t i = 0; findings != NULL && i < findings->count; i++) {
        const Finding *f = &findings->items[i];
        if (f->suppressed)
            continue;
        put_diagnostic(out, ctx, &f->loc, f->level, f->message, f->rule->id);
        for (size_t k = 0; k < f->note_count; k++) {
            put_diagnostic(out, ctx, &f->notes[k].loc, LEVEL_NOTE,
                           f->notes[k].message, NULL);
        }
    }
    if (fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}
