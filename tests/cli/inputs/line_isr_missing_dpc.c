/* A line-based interrupt registration without an InterruptDpcHandler: one
 * NDIS002 finding (level error), on the NdisMRegisterInterruptEx call. */
#include <ndis.h>

MINIPORT_ISR MpIsr;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;

NDIS_STATUS MpRegisterInterrupt(NDIS_HANDLE AdapterHandle, PVOID Context,
                                PNDIS_HANDLE InterruptHandle)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS chars;

    NdisZeroMemory(&chars, sizeof(chars));
    chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    chars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    chars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    chars.MsiSupported = FALSE;
    chars.InterruptHandler = MpIsr;
    chars.DisableInterruptHandler = MpDisableInterrupt;
    chars.EnableInterruptHandler = MpEnableInterrupt;

    return NdisMRegisterInterruptEx(AdapterHandle, Context, &chars, InterruptHandle);
}
