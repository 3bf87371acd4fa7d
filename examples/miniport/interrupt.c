/*
 * interrupt.c - interrupt registration and the eight interrupt handlers.
 *
 * The driver asks for MSI and supplies line-based handlers as well, since
 * NDIS grants line-based interrupts when the platform cannot do MSI. After
 * registering it reads InterruptType to learn which kind it got.
 *
 * Two contract mistakes are left in on purpose; each is marked
 * "CONTRACT MISTAKE" below and is what ndislint reports for this driver:
 *   NDIS002 - the line-based fallback has no DisableInterruptHandler;
 *   NDIS003 - the message ISR returns FALSE when no cause bit is set.
 */
#include "miniport.h"

#define MP_MESSAGE_CAUSE(MessageId) (1u << (MessageId))

/* Cause bits the DPC handles; both DPC flavours funnel into this. */
static VOID
MpHandleCauses(
    _Inout_ PMP_ADAPTER Adapter,
    _In_ ULONG Causes
    )
{
    if ((Causes & MP_CAUSE_RX) != 0) {
        Adapter->RxEvents++;
    }
    if ((Causes & MP_CAUSE_TX) != 0) {
        Adapter->TxEvents++;
    }
    if ((Causes & MP_CAUSE_LINK) != 0) {
        Adapter->LinkEvents++;
    }
}

_Use_decl_annotations_
NDIS_STATUS MpRegisterInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS chars;
    NDIS_STATUS status;

    NdisZeroMemory(&chars, sizeof(chars));
    chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    chars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    chars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;

    /*
     * Line-based fallback.
     *
     * CONTRACT MISTAKE (NDIS002): DisableInterruptHandler is never set, so
     * it stays NULL from the NdisZeroMemory above. MpDisableInterrupt is
     * written further down but was never wired here. When MSI is requested
     * NDIS needs all four line-based handlers too, because it may grant a
     * line-based interrupt instead; the fix is
     *     chars.DisableInterruptHandler = MpDisableInterrupt;
     */
    chars.InterruptHandler = MpIsr;
    chars.InterruptDpcHandler = MpInterruptDpc;
    chars.EnableInterruptHandler = MpEnableInterrupt;

    /* Message-signalled interrupts: one message per cause. */
    chars.MsiSupported = TRUE;
    chars.MsiSyncWithAllMessages = TRUE;
    chars.MessageInterruptHandler = MpMessageInterrupt;
    chars.MessageInterruptDpcHandler = MpMessageInterruptDpc;
    chars.DisableMessageInterruptHandler = MpDisableMessageInterrupt;
    chars.EnableMessageInterruptHandler = MpEnableMessageInterrupt;

    status = NdisMRegisterInterruptEx(Adapter->AdapterHandle,
                                      Adapter,
                                      &chars,
                                      &Adapter->InterruptHandle);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }
    Adapter->InterruptRegistered = TRUE;

    /* NDIS may have granted a line-based interrupt although MSI was asked for. */
    if (chars.InterruptType == NDIS_CONNECT_MESSAGE_BASED) {
        Adapter->UsingMessageInterrupts = TRUE;
        Adapter->MessageInfo = chars.MessageInfoTable;
    } else {
        Adapter->UsingMessageInterrupts = FALSE;
        Adapter->MessageInfo = NULL;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID MpDeregisterInterrupt(PMP_ADAPTER Adapter)
{
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
        Adapter->InterruptHandle = NULL;
    }
}

/* ---- Line-based handlers ---------------------------------------------- */

_Use_decl_annotations_
BOOLEAN MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc,
              PULONG TargetProcessors)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG causes = adapter->Registers->InterruptCause & MP_CAUSE_ALL;

    UNREFERENCED_PARAMETER(TargetProcessors);

    if (causes == 0) {
        /* The line is shared: another device raised it. FALSE is right here. */
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    /* Mask everything until the DPC has run. */
    adapter->Registers->InterruptMask = 0;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

_Use_decl_annotations_
VOID MpInterruptDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext,
                    PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG causes;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    causes = adapter->Registers->InterruptCause & MP_CAUSE_ALL;
    adapter->Registers->InterruptCause = causes;
    MpHandleCauses(adapter, causes);
    adapter->Registers->InterruptMask = MP_CAUSE_ALL;
}

_Use_decl_annotations_
VOID MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;

    adapter->Registers->InterruptMask = 0;
}

_Use_decl_annotations_
VOID MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;

    adapter->Registers->InterruptMask = MP_CAUSE_ALL;
}

/* ---- Message-signalled handlers --------------------------------------- */

_Use_decl_annotations_
BOOLEAN MpMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId,
                           PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    *QueueDefaultInterruptDpc = FALSE;
    cause = adapter->Registers->InterruptCause & MP_MESSAGE_CAUSE(MessageId);
    if (cause == 0) {
        /*
         * CONTRACT MISTAKE (NDIS003): this treats the message as possibly
         * "not ours", the way a shared line ISR would. Message interrupts
         * are never shared, and the conceptual page "Handling an MSI
         * interrupt" says MiniportMessageInterrupt must always return TRUE.
         * The fix is to return TRUE here without queuing a DPC.
         */
        return FALSE;
    }
    /* Mask this message until its DPC has run. */
    adapter->Registers->MessageMask &= ~cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

_Use_decl_annotations_
VOID MpMessageInterruptDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext,
                           PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG cause = MP_MESSAGE_CAUSE(MessageId);

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    adapter->Registers->InterruptCause = cause;
    MpHandleCauses(adapter, cause);
    adapter->Registers->MessageMask |= cause;
}

_Use_decl_annotations_
VOID MpDisableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;

    adapter->Registers->MessageMask &= ~MP_MESSAGE_CAUSE(MessageId);
}

_Use_decl_annotations_
VOID MpEnableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;

    adapter->Registers->MessageMask |= MP_MESSAGE_CAUSE(MessageId);
}
