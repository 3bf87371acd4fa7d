/*
 * no_dbg.c - the model headers must leave DBG alone.  The WDK never defines
 * it: a checked build passes -DDBG=1, a free build passes nothing, and
 * drivers test it with #ifdef DBG as well as #if DBG.  A model header that
 * defined it would switch such code on or off behind the driver's back.
 * It includes the model headers (all but the packing ones, which change
 * the layout of what follows) and is compiled with -Wundef, so that the
 * headers' own tests of DBG must also work when it is undefined.
 */
#include <ndis.h>
#include <acpiioct.h>
#include <initguid.h>
#include <ntddk.h>
#include <ntifs.h>
#include <ntintsafe.h>
#include <ntstrsafe.h>
#include <stdio.h>
#include <tchar.h>
#include <wdmsec.h>
#include <windef.h>
#include <windot11.h>
#include <wlantypes.h>
#include <xfilter.h>

#ifdef DBG
#error "a model header defines DBG"
#endif

int ndislint_no_dbg;
