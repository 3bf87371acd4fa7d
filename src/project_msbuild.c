/* project_msbuild.c - MSBuild properties, expansion and conditions; see
 * project_msbuild.h.
 *
 * The condition grammar is MSBuild's own (Microsoft.Build's Parser):
 *
 *     expr       := and-expr ('or' and-expr)*
 *     and-expr   := relational ('and' relational)*
 *     relational := factor (('==' | '!=' | '<' | '>' | '<=' | '>=') factor)?
 *     factor     := '!' factor | '(' expr ')' | function '(' args ')'
 *                 | 'quoted string' | bare word or $(reference)
 *
 * with `and` and `or` short-circuiting (the side not evaluated is parsed
 * but neither expanded nor checked, so it warns about nothing), `==` and
 * `!=` comparing numbers as numbers, booleans as booleans, and anything
 * else as strings in any case, and the ordering operators comparing
 * numbers (decimal or 0x hex) or versions (1.2.3).
 */
#include "project_msbuild.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memory.h"

static char *copy(const char *text)
{
    return checked_alloc(strdup(text));
}

/* ---- the file system ------------------------------------------------ */

/* The kernel's own trees: nothing a project names may reach into them. */
static bool is_forbidden(const char *path)
{
    static const char *const roots[] = {"proc", "dev", "sys"};
    if (path[0] != '/')
        return false;
    const char *first = path + 1;
    size_t n = strcspn(first, "/");
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        if (n == strlen(roots[i]) && strncasecmp(first, roots[i], n) == 0)
            return true;
    }
    return false;
}

/* Whether `path`, its symbolic links followed, lands in a forbidden tree. */
static bool resolves_forbidden(const char *path)
{
    char real[PATH_MAX];
    return realpath(path, real) != NULL && is_forbidden(real);
}

static unsigned line_of_offset(const char *text, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

/* The whole of an open regular file, at most MSB_FILE_MAX bytes. */
static int read_fd(int fd, const char *path, char **text, size_t *size, char *err,
                   size_t err_size)
{
    size_t capacity = 64 * 1024;
    size_t length = 0;
    char *buf = xrealloc(NULL, capacity + 1, 1);
    for (;;) {
        if (length == capacity) {
            if (capacity > MSB_FILE_MAX)
                break;
            capacity *= 2;
            buf = xrealloc(buf, capacity + 1, 1);
        }
        ssize_t got = read(fd, buf + length, capacity - length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(err, err_size, "%s: cannot read it: %s", path, strerror(errno));
            free(buf);
            return -1;
        }
        if (got == 0)
            break;
        length += (size_t)got;
    }
    if (length > MSB_FILE_MAX) {
        snprintf(err, err_size, "%s: too large (more than 8 MiB)", path);
        free(buf);
        return -1;
    }
    buf[length] = '\0';
    *text = buf;
    *size = length;
    return 0;
}

/* UTF-16 text is full of NUL bytes: say what it is rather than that. */
static bool is_utf16(const char *text, size_t size)
{
    const unsigned char *u = (const unsigned char *)text;
    return size >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
}

static int check_text(const char *path, const char *text, size_t size, char *err,
                      size_t err_size)
{
    if (is_utf16(text, size)) {
        snprintf(err, err_size, "%s: UTF-16 text is not supported; save it as UTF-8", path);
        return -1;
    }
    const char *nul = memchr(text, '\0', size);
    if (nul != NULL) {
        snprintf(err, err_size, "%s:%u: a NUL byte; not a text file", path,
                 line_of_offset(text, (size_t)(nul - text)));
        return -1;
    }
    return 0;
}

int msb_read_file(const char *path, char **text, size_t *size, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, err_size, "%s: cannot read it: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode) || is_forbidden(path) || resolves_forbidden(path)) {
        snprintf(err, err_size, "%s: not a regular file", path);
        return -1;
    }
    if ((unsigned long long)st.st_size > MSB_FILE_MAX) {
        snprintf(err, err_size, "%s: too large (%lld bytes; at most 8 MiB)", path,
                 (long long)st.st_size);
        return -1;
    }
    /* O_NONBLOCK: should the file be swapped for a FIFO after the stat,
     * opening it does not wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, err_size, "%s: cannot read it: %s", path, strerror(errno));
        return -1;
    }
    int rc = -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        snprintf(err, err_size, "%s: not a regular file", path);
    else
        rc = read_fd(fd, path, text, size, err, err_size);
    close(fd);
    if (rc == 0 && check_text(path, *text, *size, err, err_size) != 0) {
        free(*text);
        *text = NULL;
        rc = -1;
    }
    return rc;
}

/* Resolves `.`, `..` and repeated `/` of an absolute path in place; the
 * result has no trailing `/` (but for the root). */
static void normalise(char *path)
{
    char *out = path + 1;
    const char *in = path + 1;
    while (*in != '\0') {
        while (*in == '/')
            in++;
        if (*in == '\0')
            break;
        size_t n = strcspn(in, "/");
        if (n == 1 && in[0] == '.') {
            /* nothing */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > path + 1 && out[-1] != '/')
                out--;
            if (out > path + 1)
                out--;
        } else {
            if (out > path + 1)
                *out++ = '/';
            memmove(out, in, n);
            out += n;
        }
        in += n;
    }
    *out = '\0';
}

char *msb_path_join(const char *dir, const char *path)
{
    bool absolute = path[0] == '/' || path[0] == '\\';
    size_t dir_length = absolute ? 0 : strlen(dir);
    size_t length = strlen(path);
    char *joined = xrealloc(NULL, dir_length + length + 3, 1);
    char *p = joined;
    if (!absolute) {
        if (dir[0] != '/')
            *p++ = '/';
        memcpy(p, dir, dir_length);
        p += dir_length;
        *p++ = '/';
    }
    for (size_t i = 0; i < length; i++)
        *p++ = path[i] == '\\' ? '/' : path[i];
    *p = '\0';
    normalise(joined);
    return joined;
}

/* `dir` + "/" + `name`. */
static char *child_path(const char *dir, const char *name, size_t name_length)
{
    size_t dir_length = strlen(dir);
    if (dir_length == 1)
        dir_length = 0; /* the root: "/" + name */
    char *out = xrealloc(NULL, dir_length + name_length + 2, 1);
    memcpy(out, dir, dir_length);
    out[dir_length] = '/';
    memcpy(out + dir_length + 1, name, name_length);
    out[dir_length + name_length + 1] = '\0';
    return out;
}

/* The entry of folder `dir` named `name` in any case (the smallest in
 * byte order, so that the answer does not depend on the order of the
 * folder), or NULL. */
static char *find_in_any_case(const char *dir, const char *name, size_t name_length)
{
    if (resolves_forbidden(dir))
        return NULL;
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    char *best = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strlen(e->d_name) != name_length || strncasecmp(e->d_name, name, name_length) != 0)
            continue;
        if (best == NULL || strcmp(e->d_name, best) < 0) {
            free(best);
            best = copy(e->d_name);
        }
    }
    closedir(d);
    return best;
}

/* Whether the path found is one that may be named: it exists, and it is
 * not in the kernel's trees, its links followed. */
static char *accept_found(char *found)
{
    struct stat st;
    if (found != NULL && (stat(found, &st) != 0 || resolves_forbidden(found))) {
        free(found);
        return NULL;
    }
    return found;
}

bool msb_path_forbidden(const char *path)
{
    return is_forbidden(path) || resolves_forbidden(path);
}

char *msb_path_find(const char *path)
{
    if (path[0] != '/' || is_forbidden(path))
        return NULL;
    struct stat st;
    if (lstat(path, &st) == 0)
        return accept_found(copy(path));
    char *built = copy("/");
    const char *p = path;
    while (*p != '\0') {
        while (*p == '/')
            p++;
        if (*p == '\0')
            break;
        size_t n = strcspn(p, "/");
        char *next = child_path(built, p, n);
        if (lstat(next, &st) != 0) {
            free(next);
            char *name = find_in_any_case(built, p, n);
            if (name == NULL) {
                free(built);
                return NULL;
            }
            next = child_path(built, name, strlen(name));
            free(name);
        }
        free(built);
        built = next;
        p += n;
    }
    return accept_found(built);
}

/* ---- warnings ------------------------------------------------------- */

static char *format_va(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *text = xrealloc(NULL, n > 0 ? (size_t)n + 1 : 1, 1);
    vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, again);
    va_end(again);
    if (n <= 0)
        text[0] = '\0';
    return text;
}

void msb_warn(MsbEval *ev, unsigned line, const char *fmt, ...)
{
    if (ev->warned_count > MSB_WARNING_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = format_va(fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < ev->warned_count; i++) {
        if (strcmp(ev->warned[i], text) == 0) {
            free(text);
            return;
        }
    }
    SourceLoc loc = {ev->file, line, 0};
    if (ev->warned_count == MSB_WARNING_MAX) {
        free(text);
        text = copy("more warnings about this project; left out");
    }
    tool_message_add(ev->messages, LEVEL_WARNING, loc, "%s", text);
    ev->warned = xrealloc(ev->warned, ev->warned_count + 1, sizeof(*ev->warned));
    ev->warned[ev->warned_count++] = text;
}

/* ---- properties ----------------------------------------------------- */

static size_t name_hash(const char *name, size_t length)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < length; i++) {
        h ^= (unsigned char)tolower((unsigned char)name[i]);
        h *= 1099511628211ull;
    }
    return (size_t)h;
}

static bool same_name(const char *stored, const char *name, size_t length)
{
    return strlen(stored) == length && strncasecmp(stored, name, length) == 0;
}

/* The slot holding `name`, or the empty one where it would go. */
static MsbProperty *slot_of(const MsbEval *ev, const char *name, size_t length)
{
    size_t mask = ev->slot_count - 1;
    for (size_t i = name_hash(name, length) & mask;; i = (i + 1) & mask) {
        MsbProperty *slot = &ev->slots[i];
        if (slot->name == NULL || same_name(slot->name, name, length))
            return slot;
    }
}

static void grow_table(MsbEval *ev)
{
    MsbProperty *old = ev->slots;
    size_t old_count = ev->slot_count;
    ev->slot_count = old_count * 2;
    ev->slots = checked_alloc(calloc(ev->slot_count, sizeof(*ev->slots)));
    for (size_t i = 0; i < old_count; i++) {
        if (old[i].name != NULL)
            *slot_of(ev, old[i].name, strlen(old[i].name)) = old[i];
    }
    free(old);
}

void msb_init(MsbEval *ev, const char *project_dir, ToolMessageList *messages)
{
    memset(ev, 0, sizeof(*ev));
    ev->slot_count = 256;
    ev->slots = checked_alloc(calloc(ev->slot_count, sizeof(*ev->slots)));
    ev->project_dir = copy(project_dir);
    ev->messages = messages;
}

void msb_free(MsbEval *ev)
{
    for (size_t i = 0; i < ev->slot_count; i++) {
        free(ev->slots[i].name);
        free(ev->slots[i].value);
    }
    free(ev->slots);
    for (size_t i = 0; i < ev->warned_count; i++)
        free(ev->warned[i]);
    free(ev->warned);
    free(ev->project_dir);
    free(ev->file_dir);
    free(ev->file_stem);
    memset(ev, 0, sizeof(*ev));
}

void msb_set_file(MsbEval *ev, const char *file)
{
    ev->file = file;
    free(ev->file_dir);
    free(ev->file_stem);
    const char *slash = strrchr(file, '/');
    const char *base = slash != NULL ? slash + 1 : file;
    ev->file_dir = xstrndup(file, (size_t)(base - file));
    const char *dot = strrchr(base, '.');
    ev->file_stem = xstrndup(base, dot != NULL ? (size_t)(dot - base) : strlen(base));
}

/* $(MSBuildThisFile...): what the file being read is. */
static const char *this_file_property(const MsbEval *ev, const char *name, size_t length)
{
    static const char prefix[] = "MSBuildThisFile";
    size_t p = sizeof prefix - 1;
    if (ev->file == NULL || length < p || strncasecmp(name, prefix, p) != 0)
        return NULL;
    const char *rest = name + p;
    size_t n = length - p;
    const char *base = ev->file + strlen(ev->file_dir);
    const char *dot = strrchr(base, '.');
    if (n == 0)
        return base;
    if (same_name("FullPath", rest, n))
        return ev->file;
    if (same_name("Directory", rest, n))
        return ev->file_dir;
    if (same_name("DirectoryNoRoot", rest, n))
        return ev->file_dir + 1;
    if (same_name("Name", rest, n))
        return ev->file_stem;
    if (same_name("Extension", rest, n))
        return dot != NULL ? dot : "";
    return NULL;
}

static bool is_this_file_name(const char *name)
{
    return strncasecmp(name, "MSBuildThisFile", 15) == 0;
}

static const char *lookup(const MsbEval *ev, const char *name, size_t length)
{
    const char *dynamic = this_file_property(ev, name, length);
    if (dynamic != NULL)
        return dynamic;
    const MsbProperty *slot = slot_of(ev, name, length);
    return slot->name != NULL ? slot->value : NULL;
}

const char *msb_get(const MsbEval *ev, const char *name)
{
    return lookup(ev, name, strlen(name));
}

void msb_set(MsbEval *ev, const char *name, const char *value, bool fixed, unsigned line)
{
    if (is_this_file_name(name))
        return;
    MsbProperty *slot = slot_of(ev, name, strlen(name));
    if (slot->name != NULL && slot->fixed)
        return;
    if (slot->name == NULL && ev->count >= MSB_PROPERTY_MAX) {
        msb_warn(ev, line, "more than %zu properties; the rest are left undefined",
                 MSB_PROPERTY_MAX);
        return;
    }
    size_t freed = slot->name != NULL ? strlen(slot->value) : 0;
    size_t length = strlen(value);
    if (ev->stored_bytes - freed + length > MSB_STORE_MAX) {
        msb_warn(ev, line, "more than %zu MiB of property values; the rest are taken as empty",
                 MSB_STORE_MAX >> 20);
        value = "";
        length = 0;
    }
    ev->stored_bytes = ev->stored_bytes - freed + length;
    if (slot->name != NULL) {
        free(slot->value);
        slot->value = copy(value);
        slot->fixed = fixed;
        return;
    }
    slot->name = copy(name);
    slot->value = copy(value);
    slot->fixed = fixed;
    ev->count++;
    if (ev->count * 10 > ev->slot_count * 7)
        grow_table(ev);
}

/* ---- expansion ------------------------------------------------------ */

typedef struct Buf {
    char *data;
    size_t length;
    size_t capacity;
    size_t limit;
    bool overflow;
} Buf;

/* What one expansion may make of `text`: its own length (the file's, so
 * bounded already) and MSB_VALUE_MAX more. */
static Buf buf_for(const char *text)
{
    Buf b = {NULL, 0, 0, MSB_VALUE_MAX + strlen(text), false};
    return b;
}

static void buf_add(Buf *b, const char *text, size_t n)
{
    if (b->overflow)
        return;
    if (b->length + n > b->limit) {
        b->overflow = true;
        return;
    }
    if (b->length + n + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 64;
        while (capacity < b->length + n + 1)
            capacity *= 2;
        b->data = xrealloc(b->data, capacity, 1);
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, text, n);
    b->length += n;
    b->data[b->length] = '\0';
}

static char *buf_take(Buf *b)
{
    if (b->data == NULL)
        return copy("");
    return b->data;
}

/* The index of the `)` that closes the `(` at text[open], nested
 * parentheses and quoted strings skipped; 0 when there is none. */
static size_t reference_end(const char *text, size_t open)
{
    size_t depth = 0;
    char quote = 0;
    for (size_t i = open; text[i] != '\0'; i++) {
        char c = text[i];
        if (quote != 0) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"' || c == '`') {
            quote = c;
        } else if (c == '(') {
            depth++;
        } else if (c == ')' && --depth == 0) {
            return i;
        }
    }
    return 0;
}

static bool is_simple_name(const char *name, size_t length)
{
    if (length == 0 || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return false;
    for (size_t i = 1; i < length; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!isalnum(c) && c != '_' && c != '-')
            return false;
    }
    return true;
}

/* How much of a reference a warning quotes. */
static int quoted_length(size_t length)
{
    return length > 200 ? 200 : (int)length;
}

static void expand_property(MsbEval *ev, Buf *out, const char *whole, size_t whole_length,
                            unsigned line)
{
    const char *name = whole + 2;
    size_t length = whole_length - 3;
    if (is_simple_name(name, length)) {
        const char *value = lookup(ev, name, length);
        if (value != NULL)
            buf_add(out, value, strlen(value));
        return;
    }
    ev->unevaluable = true;
    if (length >= 9 && strncasecmp(name, "Registry:", 9) == 0)
        msb_warn(ev, line, "the registry is not read: %.*s is taken as empty",
                 quoted_length(whole_length), whole);
    else
        msb_warn(ev, line, "property functions are not evaluated: %.*s is taken as empty",
                 quoted_length(whole_length), whole);
}

static void expand_metadata(MsbEval *ev, Buf *out, const char *whole, size_t whole_length,
                            unsigned line, const MsbMeta *meta)
{
    if (meta == NULL || meta->mode == MSB_META_KEEP) {
        buf_add(out, whole, whole_length);
        return;
    }
    if (meta->mode == MSB_META_LOOKUP) {
        const char *value = meta->lookup(meta->context, whole + 2, whole_length - 3);
        if (value != NULL)
            buf_add(out, value, strlen(value));
        return;
    }
    ev->unevaluable = true;
    msb_warn(ev, line, "metadata %.*s has no value here; taken as empty",
             quoted_length(whole_length), whole);
}

static void expand_items(MsbEval *ev, Buf *out, const char *whole, size_t whole_length,
                         unsigned line, const MsbMeta *meta)
{
    if (meta == NULL || meta->mode == MSB_META_KEEP) {
        buf_add(out, whole, whole_length);
        return;
    }
    ev->unevaluable = true;
    msb_warn(ev, line, "item lists are not evaluated: %.*s is taken as empty",
             quoted_length(whole_length), whole);
}

char *msb_expand(MsbEval *ev, const char *text, unsigned line, const MsbMeta *meta)
{
    Buf out = buf_for(text);
    size_t i = 0;
    while (text[i] != '\0' && !out.overflow) {
        size_t run = strcspn(text + i, "$@%");
        buf_add(&out, text + i, run);
        i += run;
        if (text[i] == '\0')
            break;
        size_t end = text[i + 1] == '(' ? reference_end(text, i + 1) : 0;
        if (end == 0) {
            buf_add(&out, text + i, 1);
            i++;
            continue;
        }
        size_t length = end + 1 - i;
        if (text[i] == '$')
            expand_property(ev, &out, text + i, length, line);
        else if (text[i] == '%')
            expand_metadata(ev, &out, text + i, length, line, meta);
        else
            expand_items(ev, &out, text + i, length, line, meta);
        i = end + 1;
    }
    if (out.overflow) {
        ev->unevaluable = true;
        msb_warn(ev, line, "a value expanded past %zu KiB; taken as empty", MSB_VALUE_MAX >> 10);
        free(out.data);
        return copy("");
    }
    return buf_take(&out);
}

bool msb_starts_with_empty_property(const MsbEval *ev, const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    if (text[0] != '$' || text[1] != '(')
        return false;
    size_t end = reference_end(text, 1);
    if (end == 0 || !is_simple_name(text + 2, end - 2))
        return false;
    const char *value = lookup(ev, text + 2, end - 2);
    return value == NULL || value[0] == '\0';
}

/* The end of the `;`-separated entry starting at text[i]: a `;` inside a
 * reference is not a separator. */
static size_t entry_end(const char *text, size_t i)
{
    while (text[i] != '\0' && text[i] != ';') {
        size_t end = (text[i] == '$' || text[i] == '@' || text[i] == '%') && text[i + 1] == '('
                         ? reference_end(text, i + 1)
                         : 0;
        i = end != 0 ? end + 1 : i + 1;
    }
    return i;
}

static bool is_blank(const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    return *text == '\0';
}

char *msb_expand_path_list(MsbEval *ev, const char *text, unsigned line, const MsbMeta *meta)
{
    Buf out = buf_for(text);
    size_t i = 0;
    while (text[i] != '\0') {
        size_t end = entry_end(text, i);
        char *entry = xstrndup(text + i, end - i);
        if (!msb_starts_with_empty_property(ev, entry)) {
            char *value = msb_expand(ev, entry, line, meta);
            if (!is_blank(value)) {
                if (out.length > 0)
                    buf_add(&out, ";", 1);
                buf_add(&out, value, strlen(value));
            }
            free(value);
        }
        free(entry);
        i = text[end] == ';' ? end + 1 : end;
    }
    if (out.overflow) {
        msb_warn(ev, line, "a value expanded past %zu KiB; taken as empty", MSB_VALUE_MAX >> 10);
        free(out.data);
        return copy("");
    }
    return buf_take(&out);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void msb_unescape(char *text)
{
    char *out = text;
    for (const char *in = text; *in != '\0';) {
        int high = in[0] == '%' ? hex_value(in[1]) : -1;
        int low = high >= 0 ? hex_value(in[2]) : -1;
        if (low >= 0 && (high != 0 || low != 0)) {
            *out++ = (char)(high * 16 + low);
            in += 3;
        } else {
            *out++ = *in++;
        }
    }
    *out = '\0';
}

/* ---- conditions ----------------------------------------------------- */

typedef enum TokenKind {
    TOK_END,
    TOK_LPAREN,
    TOK_RPAREN,
    TOK_COMMA,
    TOK_NOT,
    TOK_EQ,
    TOK_NE,
    TOK_LT,
    TOK_GT,
    TOK_LE,
    TOK_GE,
    TOK_AND,
    TOK_OR,
    TOK_STRING,   /* 'quoted': the text between the quotes */
    TOK_WORD,     /* a bare word, number or $(reference) */
    TOK_FUNCTION, /* a name followed by `(` */
    TOK_ERROR,
} TokenKind;

typedef struct Token {
    TokenKind kind;
    const char *start;
    size_t length;
} Token;

#define CONDITION_DEPTH_MAX 64

typedef struct Cond {
    MsbEval *ev;
    const MsbMeta *meta;
    unsigned line;
    const char *text;
    size_t pos;
    Token token;
    char problem[160];
    unsigned depth;
    unsigned skipping; /* inside the side of and/or that is not evaluated */
} Cond;

/* A value while a condition is evaluated: a boolean from an operator, or
 * a string (expanded, unescaped) from an operand. */
typedef struct Value {
    bool is_bool;
    bool b;
    char *s;
} Value;

static bool fail(Cond *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(Cond *c, const char *fmt, ...)
{
    if (c->problem[0] == '\0') {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->problem, sizeof c->problem, fmt, ap);
        va_end(ap);
    }
    return false;
}

static bool is_word_char(char ch)
{
    return ch != '\0' && !isspace((unsigned char)ch) && strchr("()=!<>,'", ch) == NULL;
}

/* A bare word: letters, digits and references, up to a space or an
 * operator. */
static size_t word_length(const char *text)
{
    size_t i = 0;
    while (is_word_char(text[i])) {
        if ((text[i] == '$' || text[i] == '@' || text[i] == '%') && text[i + 1] == '(') {
            size_t end = reference_end(text, i + 1);
            if (end == 0)
                return strlen(text);
            i = end + 1;
        } else {
            i++;
        }
    }
    return i;
}

/* A quoted string from the quote at text[0]; its length with the quotes,
 * or 0 when it is not closed. References inside may hold quotes. */
static size_t quoted_string_length(const char *text)
{
    for (size_t i = 1; text[i] != '\0'; i++) {
        if (text[i] == '\'')
            return i + 1;
        if ((text[i] == '$' || text[i] == '@' || text[i] == '%') && text[i + 1] == '(') {
            size_t end = reference_end(text, i + 1);
            if (end == 0)
                return 0;
            i = end;
        }
    }
    return 0;
}

static bool is_keyword(const Token *t, const char *word)
{
    return t->length == strlen(word) && strncasecmp(t->start, word, t->length) == 0;
}

static void operator_token(Cond *c, const char *p, Token *t)
{
    char second = p[1];
    t->length = second == '=' ? 2 : 1;
    switch (p[0]) {
    case '!':
        t->kind = second == '=' ? TOK_NE : TOK_NOT;
        break;
    case '=':
        t->kind = second == '=' ? TOK_EQ : TOK_ERROR;
        break;
    case '<':
        t->kind = second == '=' ? TOK_LE : TOK_LT;
        break;
    default:
        t->kind = second == '=' ? TOK_GE : TOK_GT;
        break;
    }
    if (t->kind == TOK_ERROR)
        fail(c, "a single '=' (comparisons use '==')");
}

static void next_token(Cond *c)
{
    const char *p = c->text + c->pos;
    while (isspace((unsigned char)*p))
        p++;
    Token *t = &c->token;
    t->start = p;
    t->length = 1;
    switch (*p) {
    case '\0':
        t->kind = TOK_END;
        t->length = 0;
        break;
    case '(':
        t->kind = TOK_LPAREN;
        break;
    case ')':
        t->kind = TOK_RPAREN;
        break;
    case ',':
        t->kind = TOK_COMMA;
        break;
    case '!':
    case '=':
    case '<':
    case '>':
        operator_token(c, p, t);
        break;
    case '\'': {
        size_t n = quoted_string_length(p);
        if (n == 0) {
            t->kind = TOK_ERROR;
            fail(c, "a quoted string that is not closed");
            t->length = strlen(p);
        } else {
            t->kind = TOK_STRING;
            t->length = n;
        }
        break;
    }
    default: {
        t->kind = TOK_WORD;
        t->length = word_length(p);
        if (t->length == 0) {
            t->kind = TOK_ERROR;
            t->length = 1;
            fail(c, "an unexpected '%c'", *p);
        } else if (is_keyword(t, "and")) {
            t->kind = TOK_AND;
        } else if (is_keyword(t, "or")) {
            t->kind = TOK_OR;
        } else {
            const char *after = p + t->length;
            while (isspace((unsigned char)*after))
                after++;
            if (*after == '(' && is_simple_name(p, t->length))
                t->kind = TOK_FUNCTION;
        }
        break;
    }
    }
    c->pos = (size_t)(p - c->text) + t->length;
}

static void value_free(Value *v)
{
    free(v->s);
    v->s = NULL;
}

static Value string_value(char *s)
{
    Value v = {false, false, s};
    return v;
}

static Value bool_value(bool b)
{
    Value v = {true, b, NULL};
    return v;
}

/* The operand text of the current token, expanded and unescaped; nothing
 * is expanded on a side that is not evaluated. */
static char *operand_text(Cond *c)
{
    const Token *t = &c->token;
    const char *start = t->start;
    size_t length = t->length;
    if (t->kind == TOK_STRING) {
        start++;
        length -= 2;
    }
    if (c->skipping)
        return copy("");
    char *raw = xstrndup(start, length);
    char *s = msb_expand(c->ev, raw, c->line, c->meta);
    free(raw);
    msb_unescape(s);
    return s;
}

static bool parse_bool_text(const char *s, bool *out)
{
    bool negate = s[0] == '!';
    if (negate)
        s++;
    if (strcasecmp(s, "true") == 0 || strcasecmp(s, "on") == 0 || strcasecmp(s, "yes") == 0)
        *out = !negate;
    else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "off") == 0 ||
             strcasecmp(s, "no") == 0)
        *out = negate;
    else
        return false;
    return true;
}

static bool to_bool(Cond *c, Value *v, bool *out)
{
    if (v->is_bool) {
        *out = v->b;
        return true;
    }
    if (c->skipping) {
        *out = false;
        return true;
    }
    if (parse_bool_text(v->s, out))
        return true;
    return fail(c, "'%.60s' is not a boolean", v->s);
}

static bool parse_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        if (p[2] == '\0' || strspn(p + 2, "0123456789abcdefABCDEF") != strlen(p + 2))
            return false;
        double value = (double)strtoull(p + 2, NULL, 16);
        *out = s[0] == '-' ? -value : value;
        return true;
    }
    if (*p == '\0' || strspn(p, "0123456789.eE+-") != strlen(p) ||
        !(isdigit((unsigned char)p[0]) || p[0] == '.'))
        return false;
    char *end = NULL;
    *out = strtod(s, &end);
    return end != NULL && *end == '\0';
}

/* A version of 2 to 4 parts (1.2, 10.0.19041.0); missing parts are -1,
 * as System.Version has them. */
static bool parse_version(const char *s, long parts[4])
{
    size_t count = 0;
    const char *p = s;
    for (;;) {
        if (!isdigit((unsigned char)*p) || count == 4)
            return false;
        char *end = NULL;
        parts[count++] = strtol(p, &end, 10);
        p = end;
        if (*p == '\0')
            break;
        if (*p != '.')
            return false;
        p++;
    }
    for (size_t i = count; i < 4; i++)
        parts[i] = -1;
    return count >= 2;
}

static int compare_versions(const long a[4], const long b[4])
{
    for (size_t i = 0; i < 4; i++) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

static bool ordered(TokenKind op, int order)
{
    switch (op) {
    case TOK_EQ:
        return order == 0;
    case TOK_NE:
        return order != 0;
    case TOK_LT:
        return order < 0;
    case TOK_GT:
        return order > 0;
    case TOK_LE:
        return order <= 0;
    default:
        return order >= 0;
    }
}

static const char *text_of(const Value *v)
{
    if (v->is_bool)
        return v->b ? "true" : "false";
    return v->s;
}

static bool compare(Cond *c, TokenKind op, const Value *a, const Value *b, bool *out)
{
    if (c->skipping) {
        *out = false;
        return true;
    }
    const char *x = text_of(a);
    const char *y = text_of(b);
    double dx, dy;
    long vx[4], vy[4];
    bool bx, by;
    if (parse_number(x, &dx) && parse_number(y, &dy))
        *out = ordered(op, dx < dy ? -1 : dx > dy ? 1 : 0);
    else if (parse_version(x, vx) && parse_version(y, vy))
        *out = ordered(op, compare_versions(vx, vy));
    else if (op != TOK_EQ && op != TOK_NE)
        return fail(c, "'%.40s' and '%.40s' are not numbers", x, y);
    else if (parse_bool_text(x, &bx) && parse_bool_text(y, &by))
        *out = ordered(op, bx == by ? 0 : 1);
    else
        *out = ordered(op, strcasecmp(x, y));
    return true;
}

static bool parse_or(Cond *c, bool *out);
static bool parse_factor(Cond *c, Value *out);

/* Exists('path'): relative to the project's folder, in any case, never
 * into /proc, /dev or /sys. */
static bool path_exists(const MsbEval *ev, const char *path)
{
    const char *p = path;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return false;
    char *trimmed = copy(p);
    size_t n = strlen(trimmed);
    while (n > 0 && isspace((unsigned char)trimmed[n - 1]))
        trimmed[--n] = '\0';
    char *joined = msb_path_join(ev->project_dir, trimmed);
    char *found = msb_path_find(joined);
    bool exists = found != NULL;
    free(found);
    free(joined);
    free(trimmed);
    return exists;
}

static bool call_function(Cond *c, const Token *name, Value *args, size_t count, Value *out)
{
    bool is_exists = is_keyword(name, "Exists");
    bool is_slash = is_keyword(name, "HasTrailingSlash");
    if (!is_exists && !is_slash)
        return fail(c, "the function %.*s is not known", (int)name->length, name->start);
    if (count != 1)
        return fail(c, "%.*s takes one argument", (int)name->length, name->start);
    if (c->skipping) {
        *out = bool_value(false);
        return true;
    }
    const char *arg = text_of(&args[0]);
    if (is_exists) {
        *out = bool_value(path_exists(c->ev, arg));
    } else {
        size_t n = strlen(arg);
        *out = bool_value(n > 0 && (arg[n - 1] == '/' || arg[n - 1] == '\\'));
    }
    return true;
}

static bool parse_function(Cond *c, Value *out)
{
    Token name = c->token;
    next_token(c); /* the `(` */
    next_token(c);
    Value args[4];
    size_t count = 0;
    bool ok = true;
    while (ok && c->token.kind != TOK_RPAREN) {
        if (count > 0) {
            if (c->token.kind != TOK_COMMA) {
                ok = fail(c, "expected ',' or ')' in the arguments of %.*s",
                          (int)name.length, name.start);
                break;
            }
            next_token(c);
        }
        if (count == sizeof args / sizeof args[0]) {
            ok = fail(c, "too many arguments");
            break;
        }
        ok = parse_factor(c, &args[count]);
        if (ok)
            count++;
    }
    if (ok) {
        next_token(c);
        ok = call_function(c, &name, args, count, out);
    }
    for (size_t i = 0; i < count; i++)
        value_free(&args[i]);
    return ok;
}

static bool parse_factor(Cond *c, Value *out)
{
    if (++c->depth > CONDITION_DEPTH_MAX)
        return fail(c, "nested too deeply");
    bool ok = true;
    bool b = false;
    switch (c->token.kind) {
    case TOK_NOT: {
        next_token(c);
        Value inner;
        ok = parse_factor(c, &inner);
        if (ok) {
            ok = to_bool(c, &inner, &b);
            value_free(&inner);
            *out = bool_value(!b);
        }
        break;
    }
    case TOK_LPAREN:
        next_token(c);
        ok = parse_or(c, &b);
        if (ok && c->token.kind != TOK_RPAREN)
            ok = fail(c, "expected ')'");
        if (ok) {
            next_token(c);
            *out = bool_value(b);
        }
        break;
    case TOK_FUNCTION:
        ok = parse_function(c, out);
        break;
    case TOK_STRING:
    case TOK_WORD:
        *out = string_value(operand_text(c));
        next_token(c);
        break;
    case TOK_END:
        ok = fail(c, "it ends where an operand was expected");
        break;
    default:
        ok = fail(c, "'%.*s' where an operand was expected", (int)c->token.length,
                  c->token.start);
        break;
    }
    c->depth--;
    return ok;
}

static bool is_relational(TokenKind kind)
{
    return kind == TOK_EQ || kind == TOK_NE || kind == TOK_LT || kind == TOK_GT ||
           kind == TOK_LE || kind == TOK_GE;
}

static bool parse_relational(Cond *c, bool *out)
{
    Value left;
    if (!parse_factor(c, &left))
        return false;
    bool ok = true;
    if (is_relational(c->token.kind)) {
        TokenKind op = c->token.kind;
        next_token(c);
        Value right;
        ok = parse_factor(c, &right);
        if (ok) {
            ok = compare(c, op, &left, &right, out);
            value_free(&right);
        }
    } else {
        ok = to_bool(c, &left, out);
    }
    value_free(&left);
    return ok;
}

/* One side of `and`/`or` after the other has decided: parsed only. */
static bool parse_skipped(Cond *c, bool (*parse)(Cond *, bool *))
{
    bool ignored;
    c->skipping++;
    bool ok = parse(c, &ignored);
    c->skipping--;
    return ok;
}

static bool parse_and(Cond *c, bool *out)
{
    if (!parse_relational(c, out))
        return false;
    while (c->token.kind == TOK_AND) {
        next_token(c);
        bool right = false;
        if (!*out ? !parse_skipped(c, parse_relational) : !parse_relational(c, &right))
            return false;
        *out = *out && right;
    }
    return true;
}

static bool parse_or(Cond *c, bool *out)
{
    if (!parse_and(c, out))
        return false;
    while (c->token.kind == TOK_OR) {
        next_token(c);
        bool right = false;
        if (*out ? !parse_skipped(c, parse_and) : !parse_and(c, &right))
            return false;
        *out = *out || right;
    }
    return true;
}

bool msb_condition(MsbEval *ev, const char *condition, unsigned line, const MsbMeta *meta)
{
    const char *p = condition;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return true;
    Cond c;
    memset(&c, 0, sizeof(c));
    c.ev = ev;
    c.meta = meta;
    c.line = line;
    c.text = condition;
    ev->unevaluable = false;
    next_token(&c);
    bool value = false;
    bool ok = parse_or(&c, &value);
    if (ok && c.token.kind != TOK_END)
        ok = fail(&c, "'%.*s' where the condition should end", quoted_length(c.token.length),
                  c.token.start);
    if (ok)
        return value;
    /* What made it unevaluable was named already. */
    if (!ev->unevaluable)
        msb_warn(ev, line, "cannot evaluate the condition \"%.*s\" (%s); taken as false",
                 quoted_length(strlen(condition)), condition, c.problem);
    return false;
}
