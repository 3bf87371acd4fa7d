/*
 * tchar.h - model of the C runtime's generic-text mappings.
 *
 * Part of the ndislint model headers, written from the public C runtime
 * documentation, for static analysis only.  _TCHAR and the _tcs routines
 * name the wide forms when _UNICODE is defined and the narrow forms
 * otherwise; _T and _TEXT make a literal of the matching width.  Only the
 * string routines the model's string.h declares are mapped.
 */
#ifndef NDISLINT_MODEL_TCHAR_H
#define NDISLINT_MODEL_TCHAR_H

#include <string.h>

#ifdef _UNICODE
typedef wchar_t _TCHAR;
typedef wchar_t _TSCHAR;
typedef wchar_t _TUCHAR;
typedef wchar_t _TXCHAR;
typedef unsigned short _TINT;
#define __T(x) L##x
#define _tcslen  wcslen
#define _tcscpy  wcscpy
#define _tcscmp  wcscmp
#define _tcsicmp _wcsicmp
#else
typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;
#define __T(x) x
#define _tcslen  strlen
#define _tcscpy  strcpy
#define _tcscmp  strcmp
#define _tcsicmp _stricmp
#endif
#define _T(x)    __T(x)
#define _TEXT(x) __T(x)

#endif /* NDISLINT_MODEL_TCHAR_H */
