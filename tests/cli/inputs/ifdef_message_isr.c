/* A message ISR that returns FALSE only when NDISLINT_BROKEN is defined:
 * one NDIS003 finding with -DNDISLINT_BROKEN, none without. */
#include <ndis.h>

MINIPORT_MESSAGE_INTERRUPT IfdefIsr;

BOOLEAN IfdefIsr(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc,
                 PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = TRUE;
#ifdef NDISLINT_BROKEN
    return FALSE;
#else
    return TRUE;
#endif
}
