/*
 * xfilter.h - model of the Ethernet address helper header.
 *
 * Part of the ndislint model headers, written from the public documentation,
 * for static analysis only.  The WDK's ndis.h includes it; in the model the
 * Ethernet address helpers (ETH_LENGTH_OF_ADDRESS, ETH_IS_BROADCAST,
 * ETH_IS_MULTICAST, ETH_COPY_NETWORK_ADDRESS, ETH_COMPARE_NETWORK_ADDRESSES
 * ...) live in ndis.h, so this header brings that in.
 */
#ifndef NDISLINT_MODEL_XFILTER_H
#define NDISLINT_MODEL_XFILTER_H

#include <ndis.h>

#endif /* NDISLINT_MODEL_XFILTER_H */
