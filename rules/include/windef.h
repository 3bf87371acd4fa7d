/*
 * windef.h - model of the basic Windows type names used by some drivers.
 *
 * Part of the ndislint model headers, written from the public documentation
 * of the Windows data types, for static analysis only.  The scalar types
 * come from the model's ntdef.h; this header adds the remaining names,
 * the generic-text TCHAR family among them.
 */
#ifndef NDISLINT_MODEL_WINDEF_H
#define NDISLINT_MODEL_WINDEF_H

#include <ntdef.h>

typedef unsigned long DWORD, *PDWORD, *LPDWORD;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef BYTE *LPBYTE;
typedef int *LPINT;
typedef long *LPLONG;
typedef WORD *LPWORD;
typedef unsigned int UINT;

/* ---- generic-text characters: wide when UNICODE is defined, narrow otherwise ------------------ */
#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR;
typedef WCHAR TBYTE, *PTBYTE;
typedef LPWSTR LPTCH, PTCH, PTSTR, LPTSTR;
typedef LPCWSTR PCTSTR, LPCTSTR;
#define __TEXT(quote) L##quote
#else
typedef char TCHAR, *PTCHAR;
typedef unsigned char TBYTE, *PTBYTE;
typedef LPSTR LPTCH, PTCH, PTSTR, LPTSTR;
typedef LPCSTR PCTSTR, LPCTSTR;
#define __TEXT(quote) quote
#endif
#define TEXT(quote) __TEXT(quote)

#endif /* NDISLINT_MODEL_WINDEF_H */
