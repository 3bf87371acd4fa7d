/* precomp.h - the precompiled header of the wlan driver. */
#include <ndis.h>
