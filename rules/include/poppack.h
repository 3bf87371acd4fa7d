/*
 * poppack.h - model of the header that ends a pshpackN.h region.
 *
 * Part of the ndislint model headers, for static analysis only.  Restores
 * the structure packing that the matching pshpackN.h saved.  It has no
 * include guard: each inclusion pops once.
 *
 * Changing the packing across an include is what the header is for, so
 * clang's warning about it (-Wpragma-pack) is turned off from here on.
 */
#pragma clang diagnostic ignored "-Wpragma-pack"
#pragma pack(pop)
