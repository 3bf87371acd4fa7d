/* finding.c - the findings and tool messages of a run. */
#include "finding.h"
#include "memory.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Running out of memory while collecting results leaves nothing sensible to
 * report, so the tool stops loudly instead of printing a partial answer. */
static void *checked_realloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size);
    if (p == NULL)
        out_of_memory();
    return p;
}

/* Formats into a new malloc'd string, sized by a first dry run. */
static char *format_va(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (len < 0) {
        fputs("ndislint: invalid message format\n", stderr);
        abort();
    }
    char *text = checked_realloc(NULL, (size_t)len + 1);
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    return text;
}

static char *copy_or_null(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *c = checked_realloc(NULL, n);
    memcpy(c, s, n);
    return c;
}

/* Grows an array of `elem` bytes per item so one more fits. */
static void *grow(void *items, size_t count, size_t *capacity, size_t elem)
{
    if (count < *capacity)
        return items;
    size_t cap = *capacity ? *capacity * 2 : 16;
    if (cap > ((size_t)-1) / elem)
        out_of_memory();
    *capacity = cap;
    return checked_realloc(items, cap * elem);
}

/* The returned pointer is valid until the next finding_add on the same list
 * (the array may move); attach notes before adding another finding. */
Finding *finding_add(FindingList *list, const RuleInfo *rule, SourceLoc loc,
                     const char *function, const char *fmt, ...)
{
    list->items = grow(list->items, list->count, &list->capacity,
                       sizeof *list->items);
    Finding *f = &list->items[list->count++];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->level = rule->default_level;
    f->loc = loc;
    f->function = copy_or_null(function);

    va_list ap;
    va_start(ap, fmt);
    f->message = format_va(fmt, ap);
    va_end(ap);
    return f;
}

void finding_add_note(Finding *finding, SourceLoc loc, const char *fmt, ...)
{
    size_t n = finding->note_count + 1;
    if (n > ((size_t)-1) / sizeof *finding->notes)
        out_of_memory();
    finding->notes = checked_realloc(finding->notes,
                                     n * sizeof *finding->notes);
    FindingNote *note = &finding->notes[finding->note_count++];
    note->loc = loc;

    va_list ap;
    va_start(ap, fmt);
    note->message = format_va(fmt, ap);
    va_end(ap);
}

/* NULL sorts first so that a finding without a file cannot crash the sort. */
static int compare_str(const char *a, const char *b)
{
    if (a == b)
        return 0;
    if (a == NULL)
        return -1;
    if (b == NULL)
        return 1;
    return strcmp(a, b);
}

static int compare_unsigned(unsigned a, unsigned b)
{
    return (a > b) - (a < b);
}

static int compare_loc(const SourceLoc *a, const SourceLoc *b)
{
    int c = compare_str(a->file, b->file);
    if (c == 0)
        c = compare_unsigned(a->line, b->line);
    if (c == 0)
        c = compare_unsigned(a->col, b->col);
    return c;
}

/* The identity of a finding: what makes two of them duplicates. */
static int compare_key(const Finding *a, const Finding *b)
{
    int c = compare_loc(&a->loc, &b->loc);
    if (c == 0)
        c = compare_str(a->rule->id, b->rule->id);
    if (c == 0)
        c = compare_str(a->message, b->message);
    return c;
}

/* qsort is not stable: ties on the key are broken on everything else, so
 * the order (and which duplicate survives) never depends on input order. */
static int compare_finding(const void *pa, const void *pb)
{
    const Finding *a = pa;
    const Finding *b = pb;
    int c = compare_key(a, b);
    if (c == 0)
        c = compare_unsigned((unsigned)a->level, (unsigned)b->level);
    if (c == 0)
        c = compare_str(a->function, b->function);
    size_t n = a->note_count < b->note_count ? a->note_count : b->note_count;
    for (size_t i = 0; c == 0 && i < n; i++) {
        c = compare_loc(&a->notes[i].loc, &b->notes[i].loc);
        if (c == 0)
            c = compare_str(a->notes[i].message, b->notes[i].message);
    }
    if (c == 0)
        c = (a->note_count > b->note_count) - (a->note_count < b->note_count);
    return c;
}

static void finding_free(Finding *f)
{
    free(f->message);
    free(f->function);
    for (size_t i = 0; i < f->note_count; i++)
        free(f->notes[i].message);
    free(f->notes);
    free(f->suppression_reason);
    free(f->line_hash);
    free(f->fingerprint);
}

void finding_list_sort(FindingList *list)
{
    if (list->count < 2)
        return;
    qsort(list->items, list->count, sizeof *list->items, compare_finding);

    size_t kept = 1;
    for (size_t i = 1; i < list->count; i++) {
        if (compare_key(&list->items[kept - 1], &list->items[i]) == 0)
            finding_free(&list->items[i]);
        else
            list->items[kept++] = list->items[i];
    }
    list->count = kept;
}

void finding_list_free(FindingList *list)
{
    for (size_t i = 0; i < list->count; i++)
        finding_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

void tool_message_add(ToolMessageList *list, Level level, SourceLoc loc,
                      const char *fmt, ...)
{
    list->items = grow(list->items, list->count, &list->capacity,
                       sizeof *list->items);
    ToolMessage *m = &list->items[list->count++];
    m->level = level;
    m->loc = loc;

    va_list ap;
    va_start(ap, fmt);
    m->message = format_va(fmt, ap);
    va_end(ap);
}

void tool_message_list_free(ToolMessageList *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].message);
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}
