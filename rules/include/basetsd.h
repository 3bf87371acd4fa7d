/*
 * basetsd.h - model of the fixed-width and pointer-width integer types.
 *
 * Part of the ndislint model headers, written from the public documentation
 * of the Windows data types, for static analysis only.  The model targets
 * 64-bit Windows (LLP64): long is 32 bits, pointers and *_PTR types 64 bits.
 */
#ifndef NDISLINT_MODEL_BASETSD_H
#define NDISLINT_MODEL_BASETSD_H

#ifdef __cplusplus
extern "C" {
#endif

typedef signed char         INT8, *PINT8;
typedef short               INT16, *PINT16;
typedef int                 INT32, *PINT32;
typedef __int64             INT64, *PINT64;
typedef unsigned char       UINT8, *PUINT8;
typedef unsigned short      UINT16, *PUINT16;
typedef unsigned int        UINT32, *PUINT32;
typedef unsigned __int64    UINT64, *PUINT64;

typedef int                 LONG32, *PLONG32;
typedef unsigned int        ULONG32, *PULONG32;
typedef unsigned int        DWORD32, *PDWORD32;

typedef __int64             LONG64, *PLONG64;
typedef unsigned __int64    ULONG64, *PULONG64;
typedef unsigned __int64    DWORD64, *PDWORD64;

#if defined(_WIN64)
typedef __int64             INT_PTR, *PINT_PTR;
typedef unsigned __int64    UINT_PTR, *PUINT_PTR;
typedef __int64             LONG_PTR, *PLONG_PTR;
typedef unsigned __int64    ULONG_PTR, *PULONG_PTR;
typedef __int64             SHANDLE_PTR;
typedef unsigned __int64    HANDLE_PTR;
typedef unsigned int        UHALF_PTR, *PUHALF_PTR;
typedef int                 HALF_PTR, *PHALF_PTR;
#else
typedef int                 INT_PTR, *PINT_PTR;
typedef unsigned int        UINT_PTR, *PUINT_PTR;
typedef long                LONG_PTR, *PLONG_PTR;
typedef unsigned long       ULONG_PTR, *PULONG_PTR;
typedef long                SHANDLE_PTR;
typedef unsigned long       HANDLE_PTR;
typedef unsigned short      UHALF_PTR, *PUHALF_PTR;
typedef short               HALF_PTR, *PHALF_PTR;
#endif

typedef ULONG_PTR           SIZE_T, *PSIZE_T;
typedef LONG_PTR            SSIZE_T, *PSSIZE_T;
typedef ULONG_PTR           DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR           KAFFINITY, *PKAFFINITY;

#define MAXUINT8    ((UINT8)~((UINT8)0))
#define MAXINT8     ((INT8)(MAXUINT8 >> 1))
#define MININT8     ((INT8)~MAXINT8)
#define MAXUINT16   ((UINT16)~((UINT16)0))
#define MAXINT16    ((INT16)(MAXUINT16 >> 1))
#define MININT16    ((INT16)~MAXINT16)
#define MAXUINT32   ((UINT32)~((UINT32)0))
#define MAXINT32    ((INT32)(MAXUINT32 >> 1))
#define MININT32    ((INT32)~MAXINT32)
#define MAXUINT64   ((UINT64)~((UINT64)0))
#define MAXINT64    ((INT64)(MAXUINT64 >> 1))
#define MININT64    ((INT64)~MAXINT64)
#define MAXULONG32  ((ULONG32)~((ULONG32)0))
#define MAXLONG32   ((LONG32)(MAXULONG32 >> 1))
#define MINLONG32   ((LONG32)~MAXLONG32)
#define MAXULONG64  ((ULONG64)~((ULONG64)0))
#define MAXLONG64   ((LONG64)(MAXULONG64 >> 1))
#define MINLONG64   ((LONG64)~MAXLONG64)
#define MAXSIZE_T   ((SIZE_T)~((SIZE_T)0))
#define MAXSSIZE_T  ((SSIZE_T)(MAXSIZE_T >> 1))
#define MINSSIZE_T  ((SSIZE_T)~MAXSSIZE_T)
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR  ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MINLONG_PTR  (~MAXLONG_PTR)

/* Pointer and handle conversion helpers. */
static __inline void *ULongToPtr(const unsigned long ul) { return (void *)(ULONG_PTR)ul; }
static __inline void *LongToPtr(const long l) { return (void *)(LONG_PTR)l; }
static __inline void *UIntToPtr(const unsigned int ui) { return (void *)(UINT_PTR)ui; }
static __inline void *IntToPtr(const int i) { return (void *)(INT_PTR)i; }
static __inline unsigned long PtrToUlong(const void *p) { return (unsigned long)(ULONG_PTR)p; }
static __inline long PtrToLong(const void *p) { return (long)(LONG_PTR)p; }
static __inline unsigned int PtrToUint(const void *p) { return (unsigned int)(UINT_PTR)p; }
static __inline int PtrToInt(const void *p) { return (int)(INT_PTR)p; }
static __inline unsigned short PtrToUshort(const void *p) { return (unsigned short)(ULONG_PTR)p; }
static __inline unsigned long HandleToULong(const void *h) { return (unsigned long)(ULONG_PTR)h; }
static __inline long HandleToLong(const void *h) { return (long)(LONG_PTR)h; }
static __inline void *ULongToHandle(const unsigned long h) { return (void *)(ULONG_PTR)h; }
#define ULongToPtr64(ul) ((void *)(ULONG_PTR)(ul))
#define PtrToPtr64(p)    ((void *)(p))
#define Ptr64ToPtr(p)    ((void *)(p))
#define UlongToPtr(ul)   ULongToPtr(ul)
#define UintToPtr(ui)    UIntToPtr(ui)
#define PtrToUlong64(p)  ((ULONG64)(ULONG_PTR)(p))

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_MODEL_BASETSD_H */
