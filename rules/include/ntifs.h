/*
 * ntifs.h - model of the installable file system kernel interface.
 *
 * Part of the ndislint model headers, written from the public documentation,
 * for static analysis only.  Network miniports occasionally include it for
 * kernel declarations; the model supplies those through ntddk.h.
 */
#ifndef NDISLINT_MODEL_NTIFS_H
#define NDISLINT_MODEL_NTIFS_H

#include <ntddk.h>

#endif /* NDISLINT_MODEL_NTIFS_H */
