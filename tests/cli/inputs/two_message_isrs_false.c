/* Two message ISRs that return FALSE: two NDIS003 findings, one on each
 * `return FALSE;`. */
#include <ndis.h>

MINIPORT_MESSAGE_INTERRUPT FirstIsr;
MINIPORT_MESSAGE_INTERRUPT SecondIsr;

BOOLEAN FirstIsr(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc,
                 PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = FALSE;
    return FALSE;
}

BOOLEAN SecondIsr(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc,
                  PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = FALSE;
    return FALSE;
}
