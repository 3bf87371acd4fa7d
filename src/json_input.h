/* json_input.h - reading a JSON input file strictly, for every loader of
 * one (rules/NAME.json, .ndislint.json, compile_commands.json, a baseline).
 *
 * Each loader checks its own keys; what they share lives here: reading the
 * whole file, rejecting bytes cJSON would pass through, parsing with the
 * line of a syntax error, finding the line of a member (cJSON keeps no
 * positions), spotting duplicate keys, and writing "path:LINE: message"
 * into the caller's buffer.
 *
 * Ownership: a JsonFile owns its text and its cJSON tree; json_file_free()
 * releases both. A JsonReport owns nothing: its path and buffer are the
 * caller's.
 */
#ifndef NDISLINT_JSON_INPUT_H
#define NDISLINT_JSON_INPUT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "memory.h"

/* Where the message of one failed load goes. `err` may be NULL. */
typedef struct JsonReport {
    const char *path; /* starts every message */
    char *err;
    size_t err_size;
} JsonReport;

/* The wording of json_file_read's messages. Each kind of input passes its
 * own, so that its messages stay the ones its users and tests know. */
typedef struct JsonTexts {
    const char *cannot_open; /* followed by ": " and the system's reason */
    const char *nul_byte;    /* given with the line of the first NUL */
    const char *bad_utf8;    /* with its line; NULL: bytes are not checked */
    const char *bad_syntax;  /* given with the line cJSON stopped at */
} JsonTexts;

/* "cannot open", "not valid JSON: NUL byte", no UTF-8 check, "not valid
 * JSON": the texts of the configuration file and the compile database. */
extern const JsonTexts json_texts_not_valid;

typedef struct JsonFile {
    char *text;  /* the whole file, NUL-terminated */
    size_t size; /* of text, without the terminator */
    cJSON *root;
} JsonFile;

/* Writes "path: message", or "path:LINE: message" when `line` is not zero,
 * into rep->err; returns -1 so that callers can `return json_error(...)`. */
int json_error(const JsonReport *rep, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reads and parses rep->path into `file`. Nothing may follow the value.
 * Returns 0, or -1 with a message in rep->err and `file` empty. */
int json_file_read(JsonFile *file, const JsonReport *rep,
                   const JsonTexts *texts);

/* Safe on an empty or failed JsonFile. */
void json_file_free(JsonFile *file);

/* The line of the member reached by taking child `path[0]` of the root,
 * then child `path[1]` of that, and so on (`depth` steps): the line of its
 * key in an object, of its value in an array. Children count in text
 * order, duplicates included, as cJSON counts them. Depth 0 gives the line
 * of the root value. */
unsigned json_line_of_member(const JsonFile *file, const size_t *path,
                             size_t depth);

/* The second of the first two members of `object` that share a key, or
 * NULL. cJSON keeps both, and a lookup would only ever see the first. */
const cJSON *json_find_duplicate_key(const cJSON *object);

/* As json_list_files, for a folder that may be absent: then no files. */
int json_list_files_if_any(const JsonReport *rep, const char *dir, char ***out,
                           size_t *out_count);

/* Whether every member of `obj` has one of the `count` names of `keys`;
 * if not, *bad is the first that has none. */
bool json_only_keys(const cJSON *obj, const char *const *keys, size_t count, const char **bad);

/* The paths of the regular *.json files directly in `dir` (hidden ones
 * skipped), sorted, so that loading, and the first error reported, do not
 * depend on the order the file system lists them in. `*out` and each path
 * are malloc'd. Returns 0, or -1 with a message in rep->err. */
int json_list_files(const JsonReport *rep, const char *dir, char ***out, size_t *out_count);

#endif
