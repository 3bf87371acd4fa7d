/*
 * pshpack1.h - model of the structure-packing header that packs to 1 byte.
 *
 * Part of the ndislint model headers, for static analysis only.  Saves the
 * current packing and packs the structures that follow to 1-byte
 * boundaries; poppack.h restores the saved packing.  It has no include
 * guard: each inclusion pushes once.
 *
 * Changing the packing across an include is what the header is for, so
 * clang's warning about it (-Wpragma-pack) is turned off from here on.
 */
#pragma clang diagnostic ignored "-Wpragma-pack"
#pragma pack(push, 1)
