/* emit_msvc.c - Visual Studio / MSBuild style lines:
 *
 *   path(line,col): warning NDIS003: message (see path(line,col): note)
 *
 * What this format does with the parts that do not map cleanly:
 * - MSBuild knows only `error` and `warning`, so a finding of level note is
 *   printed as a warning.
 * - Notes are not printed on lines of their own: MSBuild and VS Code's
 *   $msCompile matcher would count each one as another problem. The first
 *   note is folded into the message instead, since it usually names the
 *   function or call the reader needs next, followed by how many more there
 *   are. The other formats show every note.
 * - Tool messages are not printed here: they go to stderr.
 */
#include "emit.h"
#include "emit_common.h"

/* "path(line,col)", leaving out the parts a location does not have. */
static void put_location(FILE *out, const EmitContext *ctx,
                         const SourceLoc *loc)
{
    fputs(emit_display_path(loc->file, ctx->srcroot), out);
    if (loc->line == 0)
        return;
    if (loc->col > 0)
        fprintf(out, "(%u,%u)", loc->line, loc->col);
    else
        fprintf(out, "(%u)", loc->line);
}

static void put_first_note(FILE *out, const EmitContext *ctx,
                           const Finding *f)
{
    if (f->note_count == 0)
        return;
    fputs(" (see ", out);
    put_location(out, ctx, &f->notes[0].loc);
    fputs(": ", out);
    emit_put_line_text(out, f->notes[0].message);
    if (f->note_count > 1)
        fprintf(out, "; %zu more note%s", f->note_count - 1,
                f->note_count > 2 ? "s" : "");
    putc(')', out);
}

int emit_msvc(FILE *out, const EmitContext *ctx)
{
    const FindingList *findings = ctx->findings;
    for (size_t i = 0; findings != NULL && i < findings->count; i++) {
        const Finding *f = &findings->items[i];
        if (f->suppressed)
            continue;
        const char *level = f->level == LEVEL_ERROR ? "error" : "warning";
        put_location(out, ctx, &f->loc);
        fprintf(out, ": %s %s: ", level, f->rule->id);
        emit_put_line_text(out, f->message);
        put_first_note(out, ctx, f);
        putc('\n', out);
    }
    if (fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}
