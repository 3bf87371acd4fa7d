/* source_loc.h - a place in the driver's sources, and severity levels. */
#ifndef NDISLINT_SOURCE_LOC_H
#define NDISLINT_SOURCE_LOC_H

/* file: absolute, normalised path of the file (interned; never freed by
 * the holder of a SourceLoc). line and col are 1-based; col counts bytes,
 * as the parser does. A zero line means "no particular line". */
typedef struct SourceLoc {
    const char *file;
    unsigned line;
    unsigned col;
} SourceLoc;

typedef enum Level {
    LEVEL_NOTE,
    LEVEL_WARNING,
    LEVEL_ERROR
} Level;

/* "note", "warning", "error". */
const char *level_name(Level level);

/* Parses "note", "warning" or "error"; returns 0 on success, -1 otherwise. */
int level_parse(const char *text, Level *out);

#endif
