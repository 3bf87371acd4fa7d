/*
 * packing.c - the structure-packing headers (pshpackN.h, poppack.h, packon.h,
 * packoff.h) pack what follows them and give the previous packing back.
 * Only compiled; a wrong layout fails a static assertion.
 */
#include <ndis.h>

#define PACKING_CHECK(c) typedef char PACKING_GLUE(packing_check_, __LINE__)[(c) ? 1 : -1]
#define PACKING_GLUE(a, b) PACKING_GLUE2(a, b)
#define PACKING_GLUE2(a, b) a##b

#include <pshpack1.h>
typedef struct _PACKED_1 { UCHAR Tag; ULONG Value; } PACKED_1;
#include <pshpack2.h>
typedef struct _PACKED_2 { UCHAR Tag; ULONG Value; } PACKED_2;
#include <pshpack4.h>
typedef struct _PACKED_4 { UCHAR Tag; ULONGLONG Value; } PACKED_4;
#include <pshpack8.h>
typedef struct _PACKED_8 { UCHAR Tag; ULONGLONG Value; } PACKED_8;
#include <pshpack16.h>
typedef struct _PACKED_16 { UCHAR Tag; ULONGLONG Value; } PACKED_16;
#include <poppack.h>
#include <poppack.h>
#include <poppack.h>
typedef struct _BACK_TO_2 { UCHAR Tag; ULONG Value; } BACK_TO_2;
#include <poppack.h>
typedef struct _BACK_TO_1 { UCHAR Tag; ULONG Value; } BACK_TO_1;
#include <poppack.h>
typedef struct _NATURAL { UCHAR Tag; ULONG Value; } NATURAL;

#include <packon.h>
typedef struct _PACKED_ON { UCHAR Tag; USHORT Value; } PACKED_ON;
#include <packoff.h>
typedef struct _PACKED_OFF { UCHAR Tag; USHORT Value; } PACKED_OFF;

PACKING_CHECK(sizeof(PACKED_1) == 5);
PACKING_CHECK(sizeof(PACKED_2) == 6);
PACKING_CHECK(sizeof(PACKED_4) == 12);
PACKING_CHECK(sizeof(PACKED_8) == 16);
PACKING_CHECK(sizeof(PACKED_16) == 16);
PACKING_CHECK(sizeof(BACK_TO_2) == 6);
PACKING_CHECK(sizeof(BACK_TO_1) == 5);
PACKING_CHECK(sizeof(NATURAL) == 8);
PACKING_CHECK(sizeof(PACKED_ON) == 3);
PACKING_CHECK(sizeof(PACKED_OFF) == 4);
