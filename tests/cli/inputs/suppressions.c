/* Five message ISRs that return FALSE (five NDIS003 findings), each
 * suppressed in its own way, and one suppression that matches nothing.
 * The checks find each one by its function name. */
#include <ndis.h>

MINIPORT_MESSAGE_INTERRUPT IsrSameLine;
MINIPORT_MESSAGE_INTERRUPT IsrLineBefore;
MINIPORT_MESSAGE_INTERRUPT IsrRange;
MINIPORT_MESSAGE_INTERRUPT IsrByName;
MINIPORT_MESSAGE_INTERRUPT IsrNoReason;

BOOLEAN IsrSameLine(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc, PULONG Targets)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(Targets);
    *QueueDpc = FALSE;
    return FALSE; // ndislint-suppress NDIS003: same-line reason
}

BOOLEAN IsrLineBefore(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc, PULONG Targets)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(Targets);
    *QueueDpc = FALSE;
    /* ndislint-suppress NDIS003: line-before reason */
    return FALSE;
}

/* ndislint-suppress-begin NDIS003: range reason */
BOOLEAN IsrRange(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc, PULONG Targets)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(Targets);
    *QueueDpc = FALSE;
    return FALSE;
}
/* ndislint-suppress-end NDIS003 */

BOOLEAN IsrByName(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc, PULONG Targets)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(Targets);
    *QueueDpc = FALSE;
    return FALSE; // ndislint-suppress message-isr-returns-true: by-name reason
}

BOOLEAN IsrNoReason(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc, PULONG Targets)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(Targets);
    *QueueDpc = FALSE;
    return FALSE; // ndislint-suppress NDIS003
}

// ndislint-suppress NDIS002, NDIS005: nothing here to suppress
int UnusedSuppressionTarget;
