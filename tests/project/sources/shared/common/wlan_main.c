/* wlan_main.c - a source kept beside the shared headers. */
#include "precomp.h"
