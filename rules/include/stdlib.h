/*
 * stdlib.h - model of the kernel-mode C runtime general utilities.
 *
 * Part of the ndislint model headers, written from the public C runtime
 * documentation, for static analysis only.  Declares the byte-swap and
 * rotate intrinsics and the few conversion routines drivers use.
 */
#ifndef NDISLINT_MODEL_STDLIB_H
#define NDISLINT_MODEL_STDLIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

unsigned short __cdecl _byteswap_ushort(unsigned short value);
unsigned long __cdecl _byteswap_ulong(unsigned long value);
unsigned __int64 __cdecl _byteswap_uint64(unsigned __int64 value);
unsigned int __cdecl _rotl(unsigned int value, int shift);
unsigned int __cdecl _rotr(unsigned int value, int shift);
unsigned __int64 __cdecl _rotl64(unsigned __int64 value, int shift);
unsigned __int64 __cdecl _rotr64(unsigned __int64 value, int shift);
int __cdecl abs(int value);
long __cdecl labs(long value);
long __cdecl strtol(const char *str, char **end, int base);
unsigned long __cdecl strtoul(const char *str, char **end, int base);
int __cdecl atoi(const char *str);
void __cdecl qsort(void *base, size_t num, size_t width, int(__cdecl *compare)(const void *, const void *));

#ifndef _countof
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#endif

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_MODEL_STDLIB_H */
