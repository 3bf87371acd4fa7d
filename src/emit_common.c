/* emit_common.c - paths and URIs as the output formats show them. */
#include "emit.h"
#include "emit_common.h"
#include "memory.h"

#include <stdlib.h>
#include <string.h>

/* Length of srcroot without trailing slashes; "/" counts as empty so that
 * the root folder works as a prefix like any other. */
static size_t root_length(const char *srcroot)
{
    size_t n = strlen(srcroot);
    while (n > 0 && srcroot[n - 1] == '/')
        n--;
    return n;
}

const char *emit_display_path(const char *file, const char *srcroot)
{
    if (file == NULL)
        return "<unknown>";
    if (srcroot == NULL || srcroot[0] == '\0')
        return file;
    size_t n = root_length(srcroot);
    /* The prefix must end at a path separator: /src/a is not inside /src/ab. */
    if (strncmp(file, srcroot, n) != 0 || file[n] != '/' || file[n + 1] == '\0')
        return file;
    return file + n + 1;
}

/* RFC 3986 unreserved characters stay as they are, and so does '/', which
 * separates path segments; everything else is percent-encoded. */
static bool keep_in_uri(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~' || c == '/';
}

/* Appends the encoded form of `path` to `out` (which has room for three
 * bytes per input byte); backslashes become forward slashes. */
static char *append_encoded(char *out, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p == '\\' ? '/' : *p;
        if (keep_in_uri(c)) {
            *out++ = (char)c;
        } else {
            *out++ = '%';
            *out++ = hex[c >> 4];
            *out++ = hex[c & 0x0F];
        }
    }
    *out = '\0';
    return out;
}

static bool has_drive_letter(const char *path)
{
    char c = path[0];
    return ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) &&
           path[1] == ':' && (path[2] == '/' || path[2] == '\\');
}

/* "file:///abs/path"; a Windows drive path becomes "file:///C:/path",
 * keeping the colon, which would otherwise read as a URI scheme. */
static char *absolute_uri(const char *path, const char *suffix)
{
    size_t n = strlen("file:///") + 3 * strlen(path) + strlen(suffix) + 1;
    char *uri = xrealloc(NULL, n, 1);
    char *end;
    if (has_drive_letter(path)) {
        memcpy(uri, "file:///", 8);
        uri[8] = path[0];
        uri[9] = ':';
        end = append_encoded(uri + 10, path + 2);
    } else {
        memcpy(uri, "file://", 7);
        end = uri + 7;
        if (path[0] != '/' && path[0] != '\\')
            *end++ = '/';
        end = append_encoded(end, path);
    }
    strcpy(end, suffix);
    return uri;
}

char *emit_file_uri(const char *file, const char *srcroot, bool *relative)
{
    const char *shown = emit_display_path(file, srcroot);
    bool absolute = shown[0] == '/' || shown[0] == '\\' ||
                    has_drive_letter(shown);
    *relative = !absolute;
    if (absolute)
        return absolute_uri(shown, "");
    char *uri = xrealloc(NULL, 3 * strlen(shown) + 1, 1);
    append_encoded(uri, shown);
    return uri;
}

char *emit_folder_uri(const char *dir)
{
    size_t n = strlen(dir);
    bool has_slash = n > 0 && (dir[n - 1] == '/' || dir[n - 1] == '\\');
    return absolute_uri(dir, has_slash ? "" : "/");
}

void emit_put_line_text(FILE *out, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        int c = *p < 0x20 || *p == 0x7F ? ' ' : *p;
        putc(c, out);
    }
}
