/*
 * windef.h - model of the basic Windows type names used by some drivers.
 *
 * Part of the ndislint model headers, written from the public documentation
 * of the Windows data types, for static analysis only.  The scalar types
 * come from the model's ntdef.h; this header adds the remaining names.
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

#endif /* NDISLINT_MODEL_WINDEF_H */
