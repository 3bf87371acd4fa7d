/* A message interrupt handler that returns FALSE: one NDIS003 finding, on
 * the return statement. Self-contained: it declares the few types it needs
 * instead of including ndis.h. */
typedef unsigned char BOOLEAN;
typedef void *PVOID;
typedef unsigned long ULONG, *PULONG;
typedef BOOLEAN(MINIPORT_MESSAGE_INTERRUPT)(PVOID, ULONG, BOOLEAN *, PULONG);

MINIPORT_MESSAGE_INTERRUPT MpMsgIsr;

BOOLEAN MpMsgIsr(PVOID Context, ULONG MessageId, BOOLEAN *QueueDpc,
                 PULONG TargetProcessors)
{
    (void)Context;
    (void)MessageId;
    (void)TargetProcessors;
    *QueueDpc = 1;
    return 0; /* NDIS003 */
}
