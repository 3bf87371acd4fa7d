/* json_input.c - reading, checking and parsing one JSON input file, and
 * pointing messages at the line they are about.
 *
 * cJSON passes bytes through unchecked and keeps no positions, so what
 * a loader needs for a message that names a line is done here on the text:
 * the line of an offset, and the offset of a member found by walking the
 * text to it again.
 */
#include "json_input.h"
#include "memory.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* How much more of the file each read asks for. */
#define READ_CHUNK 65536

const JsonTexts json_texts_not_valid = {
    "cannot open",
    "not valid JSON: NUL byte",
    NULL,
    "not valid JSON",
};

int json_error(const JsonReport *rep, unsigned line, const char *fmt, ...)
{
    if (rep->err == NULL || rep->err_size == 0)
        return -1;
    int used = line > 0
                   ? snprintf(rep->err, rep->err_size, "%s:%u: ", rep->path,
                              line)
                   : snprintf(rep->err, rep->err_size, "%s: ", rep->path);
    if (used < 0 || (size_t)used >= rep->err_size)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->err + used, rep->err_size - (size_t)used, fmt, ap);
    va_end(ap);
    return -1;
}

static unsigned line_of_offset(const char *text, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset && text[i] != '\0'; i++) {
        if (text[i] == '\n')
            line++;
    }
    return line;
}

/* ---- checking the bytes ------------------------------------------------ */

/* Returns the byte offset of the first invalid UTF-8 sequence, or `len`
 * when the whole buffer is valid. cJSON passes bytes through unchecked,
 * and a bad byte would make the SARIF output unreadable. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t extra;
        unsigned min;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
            cp = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
            cp = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
            cp = c & 0x07u;
        } else {
            return i;
        }
        if (len - i <= extra)
            return i;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += extra + 1;
    }
    return len;
}

/* A NUL byte would end the text early for cJSON, which would then report
 * a confusing syntax error, or none, for what follows it. */
static int check_bytes(const JsonFile *file, const JsonReport *rep,
                       const JsonTexts *texts)
{
    size_t nul = strlen(file->text);
    if (nul != file->size)
        return json_error(rep, line_of_offset(file->text, nul), "%s",
                          texts->nul_byte);
    if (texts->bad_utf8 == NULL)
        return 0;
    size_t bad = utf8_invalid_at((const unsigned char *)file->text,
                                 file->size);
    if (bad != file->size)
        return json_error(rep, line_of_offset(file->text, bad), "%s",
                          texts->bad_utf8);
    return 0;
}

/* ---- reading and parsing ----------------------------------------------- */

/* Reads the whole file into a NUL-terminated buffer. */
static int read_text(JsonFile *file, const JsonReport *rep,
                     const JsonTexts *texts)
{
    FILE *f = fopen(rep->path, "rb");
    if (f == NULL)
        return json_error(rep, 0, "%s: %s", texts->cannot_open,
                          strerror(errno));
    for (;;) {
        file->text = checked_alloc(
            realloc(file->text, file->size + READ_CHUNK + 1));
        size_t got = fread(file->text + file->size, 1, READ_CHUNK, f);
        file->size += got;
        if (got < READ_CHUNK)
            break;
    }
    int rc = 0;
    if (ferror(f))
        rc = json_error(rep, 0, "cannot read: %s", strerror(errno));
    else
        file->text[file->size] = '\0';
    fclose(f);
    return rc;
}

static int parse_text(JsonFile *file, const JsonReport *rep,
                      const JsonTexts *texts)
{
    /* Requiring the terminator makes trailing garbage a syntax error too;
     * the length counts the terminator so that cJSON can see it. */
    const char *end = NULL;
    file->root = cJSON_ParseWithLengthOpts(file->text, file->size + 1, &end,
                                           1);
    if (file->root != NULL)
        return 0;
    bool inside = end != NULL && end >= file->text &&
                  end <= file->text + file->size;
    size_t at = inside ? (size_t)(end - file->text) : file->size;
    return json_error(rep, line_of_offset(file->text, at), "%s",
                      texts->bad_syntax);
}

int json_file_read(JsonFile *file, const JsonReport *rep,
                   const JsonTexts *texts)
{
    memset(file, 0, sizeof *file);
    int rc = read_text(file, rep, texts);
    if (rc == 0)
        rc = check_bytes(file, rep, texts);
    if (rc == 0)
        rc = parse_text(file, rep, texts);
    if (rc != 0)
        json_file_free(file);
    return rc;
}

void json_file_free(JsonFile *file)
{
    cJSON_Delete(file->root);
    free(file->text);
    memset(file, 0, sizeof *file);
}

/* ---- finding a member in the text -------------------------------------- */

/* The text has already parsed, so these walkers need not validate: they
 * only skip over what cJSON accepted. */

static size_t skip_space(const char *t, size_t i)
{
    /* cJSON skips a UTF-8 byte order mark at the start. */
    if (i == 0 && strncmp(t, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')
        i++;
    return i;
}

static size_t skip_string(const char *t, size_t i)
{
    for (i++; t[i] != '\0' && t[i] != '"'; i++) {
        if (t[i] == '\\' && t[i + 1] != '\0')
            i++;
    }
    return t[i] == '"' ? i + 1 : i;
}

static size_t skip_value(const char *t, size_t i)
{
    if (t[i] == '"')
        return skip_string(t, i);
    if (t[i] != '{' && t[i] != '[') {
        while (t[i] != '\0' && strchr(",}] \t\r\n", t[i]) == NULL)
            i++;
        return i;
    }
    unsigned depth = 0;
    while (t[i] != '\0') {
        if (t[i] == '"') {
            i = skip_string(t, i);
            continue;
        }
        if (t[i] == '{' || t[i] == '[')
            depth++;
        if (t[i] == '}' || t[i] == ']') {
            depth--;
            if (depth == 0)
                return i + 1;
        }
        i++;
    }
    return i;
}

/* The offset of the member json_line_of_member describes; when the text
 * runs out first, the offset of the last member reached. */
static size_t offset_of_member(const char *t, const size_t *path,
                               size_t depth)
{
    size_t i = skip_space(t, 0);
    size_t at = i;
    for (size_t d = 0; d < depth; d++) {
        bool object = t[i] == '{';
        i++;
        for (size_t k = 0;; k++) {
            i = skip_space(t, i);
            size_t member = i;
            if (object) {
                i = skip_space(t, skip_string(t, i));
                if (t[i] == ':')
                    i = skip_space(t, i + 1);
            }
            if (k == path[d]) {
                at = member;
                break;
            }
            i = skip_space(t, skip_value(t, i));
            if (t[i] != ',')
                return at;
            i++;
        }
    }
    return at;
}

unsigned json_line_of_member(const JsonFile *file, const size_t *path,
                             size_t depth)
{
    return line_of_offset(file->text,
                          offset_of_member(file->text, path, depth));
}

const cJSON *json_find_duplicate_key(const cJSON *object)
{
    for (const cJSON *a = object->child; a != NULL; a = a->next) {
        for (const cJSON *b = a->next; b != NULL; b = b->next) {
            if (strcmp(a->string, b->string) == 0)
                return b;
        }
    }
    return NULL;
}

/* ---- folders ---------------------------------------------------------- */

static bool has_json_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *path = malloc(n);
    if (path != NULL)
        snprintf(path, n, "%s/%s", dir, name);
    return path;
}

int json_list_files(const JsonReport *rep, const char *dir, char ***out, size_t *out_count)
{
    char **paths = NULL;
    size_t count = 0;
    size_t capacity = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return json_error(rep, 0, "cannot open folder: %s", strerror(errno));

    for (;;) {
        errno = 0;
        struct dirent *entry = readdir(d);
        if (entry == NULL)
            break;
        if (entry->d_name[0] == '.' || !has_json_suffix(entry->d_name))
            continue;
        char *path = join_path(dir, entry->d_name);
        struct stat st;
        if (path == NULL) {
            json_error(rep, 0, "out of memory");
            goto fail;
        }
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (count == capacity) {
            size_t cap = capacity ? capacity * 2 : 16;
            char **grown = realloc(paths, cap * sizeof *paths);
            if (grown == NULL) {
                free(path);
                json_error(rep, 0, "out of memory");
                goto fail;
            }
            paths = grown;
            capacity = cap;
        }
        paths[count++] = path;
    }
    if (errno != 0) {
        json_error(rep, 0, "cannot read folder: %s", strerror(errno));
        goto fail;
    }
    closedir(d);
    if (count > 0)
        qsort(paths, count, sizeof *paths, compare_names);
    *out = paths;
    *out_count = count;
    return 0;

fail:
    closedir(d);
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
    return -1;
}


bool json_only_keys(const cJSON *obj, const char *const *keys, size_t count, const char **bad)
{
    for (const cJSON *m = obj->child; m != NULL; m = m->next) {
        bool known = false;
        for (size_t i = 0; i < count && !known; i++)
            known = strcmp(m->string, keys[i]) == 0;
        if (!known) {
            *bad = m->string;
            return false;
        }
    }
    return true;
}

int json_list_files_if_any(const JsonReport *rep, const char *dir, char ***out,
                           size_t *out_count)
{
    struct stat st;
    *out = NULL;
    *out_count = 0;
    if (stat(dir, &st) != 0 && errno == ENOENT)
        return 0;
    return json_list_files(rep, dir, out, out_count);
}
