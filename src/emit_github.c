/* emit_github.c - GitHub Actions workflow commands, one per finding:
 *
 *   ::error file=path,line=46,col=14,title=NDIS002 msi-needs-line-fallback::message
 *
 * The runner turns each such line into an annotation on the file and line
 * it names, and shows it in the job summary and on the pull request diff.
 * Choices this format makes:
 * - Levels map to the three commands the runner knows: error -> ::error,
 *   warning -> ::warning, note -> ::notice.
 * - The notes of a finding are appended to its message, one
 *   "note: path:line:col: text" line each, so that they stay in the same
 *   annotation instead of becoming annotations of their own.
 * - The runner reads a command line up to its end and then unescapes it:
 *   in the message, '%', CR and LF are written as %25, %0D and %0A; in a
 *   property value (file, title) ':' and ',' are encoded too, as %3A and
 *   %2C, since they separate properties. Nothing else is encoded.
 * - Findings suppressed in the source are left out: an annotation cannot
 *   be marked as suppressed.
 * - Tool messages are not printed here: they go to stderr.
 */
#include "emit.h"
#include "emit_common.h"

/* Writes `text` encoded for a workflow command: as message data, or as a
 * property value when `property` is set. */
static void put_escaped(FILE *out, const char *text, bool property)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '%':
            fputs("%25", out);
            break;
        case '\r':
            fputs("%0D", out);
            break;
        case '\n':
            fputs("%0A", out);
            break;
        case ':':
            fputs(property ? "%3A" : ":", out);
            break;
        case ',':
            fputs(property ? "%2C" : ",", out);
            break;
        default:
            putc(*p, out);
            break;
        }
    }
}

static const char *command_name(Level level)
{
    switch (level) {
    case LEVEL_ERROR:
        return "error";
    case LEVEL_WARNING:
        return "warning";
    default:
        return "notice";
    }
}

/* The properties of the command: file, and line and col when known. */
static void put_properties(FILE *out, const EmitContext *ctx,
                           const Finding *f)
{
    fputs("file=", out);
    put_escaped(out, emit_display_path(f->loc.file, ctx->srcroot), true);
    if (f->loc.line > 0) {
        fprintf(out, ",line=%u", f->loc.line);
        if (f->loc.col > 0)
            fprintf(out, ",col=%u", f->loc.col);
    }
    fputs(",title=", out);
    put_escaped(out, f->rule->id, true);
    putc(' ', out);
    put_escaped(out, f->rule->name, true);
}

/* A note as one more line of the message: "note: path:line:col: text",
 * with the line break encoded so that it stays within the command. */
static void put_note(FILE *out, const EmitContext *ctx, const FindingNote *n)
{
    put_escaped(out, "\nnote: ", false);
    put_escaped(out, emit_display_path(n->loc.file, ctx->srcroot), false);
    if (n->loc.line > 0) {
        fprintf(out, ":%u", n->loc.line);
        if (n->loc.col > 0)
            fprintf(out, ":%u", n->loc.col);
    }
    fputs(": ", out);
    put_escaped(out, n->message, false);
}

int emit_github(FILE *out, const EmitContext *ctx)
{
    const FindingList *findings = ctx->findings;
    for (size_t i = 0; findings != NULL && i < findings->count; i++) {
        const Finding *f = &findings->items[i];
        if (f->suppressed)
            continue;
        fprintf(out, "::%s ", command_name(f->level));
        put_properties(out, ctx, f);
        fputs("::", out);
        put_escaped(out, f->message, false);
        for (size_t k = 0; k < f->note_count; k++)
            put_note(out, ctx, &f->notes[k]);
        putc('\n', out);
    }
    if (fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}
