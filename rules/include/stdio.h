/*
 * stdio.h - model of the kernel-mode C runtime formatted-output routines.
 *
 * Part of the ndislint model headers, written from the public C runtime
 * documentation, for static analysis only.  Kernel drivers have no streams;
 * what they take from the WDK's kernel CRT stdio.h is formatting into a
 * buffer, which is declared here.  (The safe string functions of
 * ntstrsafe.h replace these in new code.)
 */
#ifndef NDISLINT_MODEL_STDIO_H
#define NDISLINT_MODEL_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef EOF
#define EOF (-1)
#endif

int __cdecl sprintf(char *buffer, const char *format, ...);
int __cdecl vsprintf(char *buffer, const char *format, va_list argptr);
int __cdecl _snprintf(char *buffer, size_t count, const char *format, ...);
int __cdecl _vsnprintf(char *buffer, size_t count, const char *format, va_list argptr);
int __cdecl swprintf(wchar_t *buffer, size_t count, const wchar_t *format, ...);
int __cdecl _snwprintf(wchar_t *buffer, size_t count, const wchar_t *format, ...);
int __cdecl _vsnwprintf(wchar_t *buffer, size_t count, const wchar_t *format, va_list argptr);

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_MODEL_STDIO_H */
