/*
 * initguid.h - model of the GUID-definition switch.
 *
 * Part of the ndislint model headers, written from the public documentation,
 * for static analysis only.  Including it makes later DEFINE_GUID uses define
 * (rather than only declare) the named GUID.
 */
#ifndef NDISLINT_MODEL_INITGUID_H
#define NDISLINT_MODEL_INITGUID_H

#ifndef INITGUID
#define INITGUID
#endif

#include <ntdef.h>

#undef DEFINE_GUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    EXTERN_C const GUID DECLSPEC_SELECTANY name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }

#endif /* NDISLINT_MODEL_INITGUID_H */
