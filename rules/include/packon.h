/*
 * packon.h - model of the older header that turns on 1-byte structure
 * packing.
 *
 * Part of the ndislint model headers, for static analysis only.  Saves the
 * current packing and packs the structures that follow without padding;
 * packoff.h restores the saved packing.  It has no include guard.
 *
 * Changing the packing across an include is what the header is for, so
 * clang's warning about it (-Wpragma-pack) is turned off from here on.
 */
#pragma clang diagnostic ignored "-Wpragma-pack"
#pragma pack(push, 1)
