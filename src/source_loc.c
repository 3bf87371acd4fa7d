/* source_loc.c - names of severity levels. */
#include "source_loc.h"

#include <string.h>

/* Indexed by Level; the order must follow the enum. */
static const char *const level_names[] = {"note", "warning", "error"};

const char *level_name(Level level)
{
    if ((unsigned)level >= sizeof level_names / sizeof level_names[0])
        return "error";
    return level_names[level];
}

int level_parse(const char *text, Level *out)
{
    if (text == NULL)
        return -1;
    for (unsigned i = 0; i < sizeof level_names / sizeof level_names[0]; i++) {
        if (strcmp(text, level_names[i]) == 0) {
            *out = (Level)i;
            return 0;
        }
    }
    return -1;
}
