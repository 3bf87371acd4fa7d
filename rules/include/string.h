/*
 * string.h - model of the kernel-mode C runtime string and memory routines.
 *
 * Part of the ndislint model headers, written from the public C runtime
 * documentation, for static analysis only.  Kernel drivers get these from
 * the WDK's kernel CRT; only the routines that drivers commonly call are
 * declared.
 */
#ifndef NDISLINT_MODEL_STRING_H
#define NDISLINT_MODEL_STRING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *__cdecl memcpy(void *dest, const void *src, size_t count);
void *__cdecl memmove(void *dest, const void *src, size_t count);
void *__cdecl memset(void *dest, int c, size_t count);
int __cdecl memcmp(const void *buf1, const void *buf2, size_t count);
void *__cdecl memchr(const void *buf, int c, size_t count);
size_t __cdecl strlen(const char *str);
size_t __cdecl strnlen(const char *str, size_t maxcount);
char *__cdecl strcpy(char *dest, const char *src);
char *__cdecl strncpy(char *dest, const char *src, size_t count);
char *__cdecl strcat(char *dest, const char *src);
char *__cdecl strncat(char *dest, const char *src, size_t count);
int __cdecl strcmp(const char *a, const char *b);
int __cdecl strncmp(const char *a, const char *b, size_t count);
int __cdecl _stricmp(const char *a, const char *b);
int __cdecl _strnicmp(const char *a, const char *b, size_t count);
char *__cdecl strchr(const char *str, int c);
char *__cdecl strrchr(const char *str, int c);
char *__cdecl strstr(const char *str, const char *sub);
size_t __cdecl wcslen(const wchar_t *str);
size_t __cdecl wcsnlen(const wchar_t *str, size_t maxcount);
wchar_t *__cdecl wcscpy(wchar_t *dest, const wchar_t *src);
wchar_t *__cdecl wcsncpy(wchar_t *dest, const wchar_t *src, size_t count);
wchar_t *__cdecl wcscat(wchar_t *dest, const wchar_t *src);
int __cdecl wcscmp(const wchar_t *a, const wchar_t *b);
int __cdecl wcsncmp(const wchar_t *a, const wchar_t *b, size_t count);
int __cdecl _wcsicmp(const wchar_t *a, const wchar_t *b);
int __cdecl _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t count);
wchar_t *__cdecl wcschr(const wchar_t *str, wchar_t c);
wchar_t *__cdecl wcsstr(const wchar_t *str, const wchar_t *sub);

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_MODEL_STRING_H */
