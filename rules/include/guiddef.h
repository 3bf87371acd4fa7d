/*
 * guiddef.h - model of the GUID type and DEFINE_GUID macro.
 *
 * Part of the ndislint model headers, written from the public documentation,
 * for static analysis only.  The definitions live in the model's ntdef.h.
 */
#ifndef NDISLINT_MODEL_GUIDDEF_H
#define NDISLINT_MODEL_GUIDDEF_H

#include <ntdef.h>

#endif /* NDISLINT_MODEL_GUIDDEF_H */
