/*
 * gen_cpp.c - the C++ driver of bench/gen_driver (--shape cpp).
 *
 *   gendrv.h    the C structures of the C driver, and the classes the
 *               miniport shares: GdSendQueue, GdRecvRing and GdWatchdog
 *               (Initialize, Lock, Unlock, GetCount, Reset, Stop each) and
 *               GdAdapter (a GD_ADAPTER with the same five methods, whose
 *               Initialize sets the attributes, registers the interrupt,
 *               reads InterruptType and unwinds with goto, and whose Stop
 *               deregisters).
 *   gd_NNN.cpp  a class of its own in every file (GdEngine000, GdTable001,
 *               ...), with Lock, Unlock, GetCount, Reset and Stop, the
 *               file's helpers as methods, and from gd_002.cpp on two
 *               exported functions (Start and Poll of a stack object) that
 *               the helpers of later files call.
 *   gd_000.cpp  also DriverEntry and the miniport handlers; MiniportHaltEx
 *               stops the queue, the ring, the watchdog and the adapter.
 *   gd_001.cpp  also the eight interrupt handlers.
 *   gd_002.cpp  also GdAdapter's methods; gd_003.cpp those of the queue
 *               and the ring; gd_004.cpp the watchdog's. With fewer files,
 *               these parts go to the last file.
 *
 * The helpers are those of the C file of the same index and seed (the
 * same random numbers, drawn in the same order), written as methods.
 */
#include "gen_driver.h"

#include <stdlib.h>
#include <string.h>

/* ---- the shared header ------------------------------------------------- */

static const char *const HEADER_CPP_OPEN[] = {
    "/*",
    " * gendrv.h - shared declarations of a synthetic NDIS 6.20 miniport in C++",
    " * (written by bench/gen_driver --shape cpp; do not edit).",
    " */",
    "#ifndef GENDRV_H",
    "#define GENDRV_H",
    "",
};

static const char *const HEADER_CPP_DECLS[] = {
    "extern NDIS_HANDLE GdDriverHandle;",
    "",
    "/* gd_003.cpp */",
    "class GdSendQueue {",
    "public:",
    "    VOID Initialize(_Inout_ PGD_ADAPTER Owner);",
    "    VOID Lock();",
    "    VOID Unlock();",
    "    ULONG GetCount() const;",
    "    VOID Reset();",
    "    VOID Stop();",
    "private:",
    "    PGD_ADAPTER Adapter;",
    "    ULONG Count;",
    "};",
    "",
    "class GdRecvRing {",
    "public:",
    "    VOID Initialize(_Inout_ PGD_ADAPTER Owner);",
    "    VOID Lock();",
    "    VOID Unlock();",
    "    ULONG GetCount() const;",
    "    VOID Reset();",
    "    VOID Stop();",
    "private:",
    "    PGD_ADAPTER Adapter;",
    "    ULONG Count;",
    "};",
    "",
    "/* gd_004.cpp */",
    "class GdWatchdog {",
    "public:",
    "    VOID Initialize(_Inout_ PGD_ADAPTER Owner);",
    "    VOID Lock();",
    "    VOID Unlock();",
    "    ULONG GetCount() const;",
    "    VOID Reset();",
    "    VOID Stop();",
    "private:",
    "    PGD_ADAPTER Adapter;",
    "    ULONG Ticks;",
    "};",
    "",
    "/* gd_002.cpp: Initialize registers the interrupt, Stop deregisters it. */",
    "class GdAdapter : public GD_ADAPTER {",
    "public:",
    "    _IRQL_requires_(PASSIVE_LEVEL)",
    "    NDIS_STATUS Initialize(_In_ NDIS_HANDLE MiniportAdapterHandle,",
    "                           _In_ PNDIS_MINIPORT_INIT_PARAMETERS InitParameters);",
    "    _IRQL_requires_(PASSIVE_LEVEL)",
    "    VOID Stop();",
    "    VOID Lock();",
    "    VOID Unlock();",
    "    ULONG GetCount() const;",
    "    VOID Reset();",
    "    VOID UnmapRegisters();",
    "    VOID FreeQueues();",
    "    GdSendQueue Send;",
    "    GdRecvRing Recv;",
    "    GdWatchdog Watchdog;",
    "private:",
    "    NDIS_STATUS SetRegistrationAttributes();",
    "    NDIS_STATUS SetGeneralAttributes();",
    "    NDIS_STATUS MapRegisters(_In_ PNDIS_MINIPORT_INIT_PARAMETERS InitParameters);",
    "    static VOID FillInterruptCharacteristics(_Out_ PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars);",
    "    VOID InitializeQueues();",
    "    NDIS_STATUS StartHardware();",
    "};",
    "",
    "/* gd_000.cpp */",
    "extern \"C\" DRIVER_INITIALIZE DriverEntry;",
    "MINIPORT_UNLOAD GdUnload;",
    "MINIPORT_INITIALIZE GdInitializeEx;",
    "MINIPORT_HALT GdHaltEx;",
    "MINIPORT_PAUSE GdPause;",
    "MINIPORT_RESTART GdRestart;",
    "MINIPORT_OID_REQUEST GdOidRequest;",
    "MINIPORT_CANCEL_OID_REQUEST GdCancelOidRequest;",
    "MINIPORT_SEND_NET_BUFFER_LISTS GdSendNetBufferLists;",
    "MINIPORT_RETURN_NET_BUFFER_LISTS GdReturnNetBufferLists;",
    "MINIPORT_CANCEL_SEND GdCancelSend;",
    "MINIPORT_DEVICE_PNP_EVENT_NOTIFY GdDevicePnpEventNotify;",
    "MINIPORT_SHUTDOWN GdShutdown;",
    "",
    "/* gd_001.cpp: the interrupt handlers */",
    "MINIPORT_ISR GdIsr;",
    "MINIPORT_INTERRUPT_DPC GdInterruptDpc;",
    "MINIPORT_DISABLE_INTERRUPT GdDisableInterrupt;",
    "MINIPORT_ENABLE_INTERRUPT GdEnableInterrupt;",
    "MINIPORT_MESSAGE_INTERRUPT GdMessageInterrupt;",
    "MINIPORT_MESSAGE_INTERRUPT_DPC GdMessageInterruptDpc;",
    "MINIPORT_DISABLE_MESSAGE_INTERRUPT GdDisableMessageInterrupt;",
    "MINIPORT_ENABLE_MESSAGE_INTERRUPT GdEnableMessageInterrupt;",
    "VOID GdHandleCauses(_Inout_ PGD_ADAPTER Adapter, _In_ ULONG Causes);",
    "",
    "#endif /* GENDRV_H */",
};

int write_cpp_header(const Params *p)
{
    Out o;
    if (open_out(&o, p->dir, HEADER_NAME) != 0)
        return -1;
    emit_lines(&o, HEADER_CPP_OPEN, sizeof(HEADER_CPP_OPEN) / sizeof(HEADER_CPP_OPEN[0]));
    emit_lines(&o, HEADER_COMMON, HEADER_COMMON_COUNT);
    emit_lines(&o, HEADER_CPP_DECLS, sizeof(HEADER_CPP_DECLS) / sizeof(HEADER_CPP_DECLS[0]));
    return close_out(&o);
}

/* ---- the fixed parts --------------------------------------------------- */

/* gd_000.cpp: DriverEntry and the miniport handlers but GdOidRequest. */
static const char *const DRIVER_TEXT[] = {
    "NDIS_HANDLE GdDriverHandle = NULL;",
    "",
    "#pragma alloc_text(INIT, DriverEntry)",
    "",
    "_Use_decl_annotations_",
    "NTSTATUS",
    "DriverEntry(",
    "    PDRIVER_OBJECT DriverObject,",
    "    PUNICODE_STRING RegistryPath",
    "    )",
    "{",
    "    NDIS_MINIPORT_DRIVER_CHARACTERISTICS chars;",
    "    NDIS_STATUS status;",
    "",
    "    NdisZeroMemory(&chars, sizeof(chars));",
    "    chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;",
    "    chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;",
    "    chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;",
    "    chars.MajorNdisVersion = GD_NDIS_MAJOR_VERSION;",
    "    chars.MinorNdisVersion = GD_NDIS_MINOR_VERSION;",
    "    chars.MajorDriverVersion = GD_DRIVER_MAJOR_VERSION;",
    "    chars.MinorDriverVersion = GD_DRIVER_MINOR_VERSION;",
    "",
    "    chars.InitializeHandlerEx = GdInitializeEx;",
    "    chars.HaltHandlerEx = GdHaltEx;",
    "    chars.UnloadHandler = GdUnload;",
    "    chars.PauseHandler = GdPause;",
    "    chars.RestartHandler = GdRestart;",
    "    chars.OidRequestHandler = GdOidRequest;",
    "    chars.CancelOidRequestHandler = GdCancelOidRequest;",
    "    chars.SendNetBufferListsHandler = GdSendNetBufferLists;",
    "    chars.ReturnNetBufferListsHandler = GdReturnNetBufferLists;",
    "    chars.CancelSendHandler = GdCancelSend;",
    "    chars.DevicePnPEventNotifyHandler = GdDevicePnpEventNotify;",
    "    chars.ShutdownHandlerEx = GdShutdown;",
    "",
    "    status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,",
    "                                         &chars, &GdDriverHandle);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        GdDriverHandle = NULL;",
    "    }",
    "    return (NTSTATUS)status;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdUnload(PDRIVER_OBJECT DriverObject)",
    "{",
    "    UNREFERENCED_PARAMETER(DriverObject);",
    "    if (GdDriverHandle != NULL) {",
    "        NdisMDeregisterMiniportDriver(GdDriverHandle);",
    "        GdDriverHandle = NULL;",
    "    }",
    "}",
    "",
    "_Use_decl_annotations_",
    "NDIS_STATUS",
    "GdInitializeEx(",
    "    NDIS_HANDLE MiniportAdapterHandle,",
    "    NDIS_HANDLE MiniportDriverContext,",
    "    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters",
    "    )",
    "{",
    "    UNREFERENCED_PARAMETER(MiniportDriverContext);",
    "",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(NdisAllocateMemoryWithTagPriority(",
    "        MiniportAdapterHandle, sizeof(GdAdapter), GD_TAG, NormalPoolPriority));",
    "    if (adapter == nullptr) {",
    "        return NDIS_STATUS_RESOURCES;",
    "    }",
    "    NdisZeroMemory(adapter, sizeof(GdAdapter));",
    "    NDIS_STATUS status = adapter->Initialize(MiniportAdapterHandle, MiniportInitParameters);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        NdisFreeMemory(adapter, 0, 0);",
    "        return status;",
    "    }",
    "    return NDIS_STATUS_SUCCESS;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID",
    "GdHaltEx(",
    "    NDIS_HANDLE MiniportAdapterContext,",
    "    NDIS_HALT_ACTION HaltAction",
    "    )",
    "{",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);",
    "",
    "    UNREFERENCED_PARAMETER(HaltAction);",
    "    adapter->Flags |= GD_FLAG_HALTING;",
    "    adapter->Send.Stop();",
    "    adapter->Recv.Stop();",
    "    adapter->Watchdog.Stop();",
    "    adapter->Reset();",
    "    adapter->Stop();",
    "    adapter->UnmapRegisters();",
    "    adapter->FreeQueues();",
    "    NdisFreeMemory(adapter, 0, 0);",
    "}",
    "",
    "_Use_decl_annotations_",
    "NDIS_STATUS GdPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS Parameters)",
    "{",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);",
    "",
    "    UNREFERENCED_PARAMETER(Parameters);",
    "    adapter->Send.Lock();",
    "    adapter->Flags |= GD_FLAG_PAUSED;",
    "    adapter->Send.Unlock();",
    "    return adapter->Send.GetCount() == 0 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_PENDING;",
    "}",
    "",
    "_Use_decl_annotations_",
    "NDIS_STATUS GdRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS Parameters)",
    "{",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);",
    "",
    "    UNREFERENCED_PARAMETER(Parameters);",
    "    adapter->Send.Lock();",
    "    adapter->Flags &= ~GD_FLAG_PAUSED;",
    "    adapter->Send.Unlock();",
    "    adapter->Watchdog.Reset();",
    "    return NDIS_STATUS_SUCCESS;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)",
    "{",
    "    UNREFERENCED_PARAMETER(MiniportAdapterContext);",
    "    UNREFERENCED_PARAMETER(RequestId);",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,",
    "                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)",
    "{",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);",
    "    PNET_BUFFER_LIST nbl;",
    "    PNET_BUFFER_LIST next;",
    "    PNET_BUFFER_LIST rejected = nullptr;",
    "",
    "    UNREFERENCED_PARAMETER(PortNumber);",
    "    adapter->Send.Lock();",
    "    for (nbl = NetBufferLists; nbl != nullptr; nbl = next) {",
    "        next = NET_BUFFER_LIST_NEXT_NBL(nbl);",
    "        NET_BUFFER_LIST_NEXT_NBL(nbl) = nullptr;",
    "        if ((adapter->Flags & GD_FLAG_PAUSED) != 0 || IsListEmpty(&adapter->FreeTcbList)) {",
    "            NET_BUFFER_LIST_STATUS(nbl) = (adapter->Flags & GD_FLAG_PAUSED) != 0",
    "                                              ? NDIS_STATUS_PAUSED : NDIS_STATUS_RESOURCES;",
    "            NET_BUFFER_LIST_NEXT_NBL(nbl) = rejected;",
    "            rejected = nbl;",
    "            continue;",
    "        }",
    "        PLIST_ENTRY entry = RemoveHeadList(&adapter->FreeTcbList);",
    "        PGD_TCB tcb = CONTAINING_RECORD(entry, GD_TCB, Link);",
    "        tcb->NetBufferList = nbl;",
    "        tcb->NetBuffer = NET_BUFFER_LIST_FIRST_NB(nbl);",
    "        tcb->Length = NET_BUFFER_DATA_LENGTH(tcb->NetBuffer);",
    "        adapter->TxRing[tcb->Index].Length = tcb->Length;",
    "        adapter->TxRing[tcb->Index].Control = GD_DESC_OWNED;",
    "        InsertTailList(&adapter->BusyTcbList, &tcb->Link);",
    "        adapter->PendingSends++;",
    "    }",
    "    if (adapter->Registers != nullptr) {",
    "        adapter->Registers->TxTail = adapter->TxNext;",
    "    }",
    "    adapter->Send.Unlock();",
    "",
    "    if (rejected != nullptr) {",
    "        NdisMSendNetBufferListsComplete(adapter->AdapterHandle, rejected,",
    "                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)",
    "                                            ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);",
    "    }",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)",
    "{",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);",
    "",
    "    UNREFERENCED_PARAMETER(ReturnFlags);",
    "    adapter->Recv.Lock();",
    "    for (PNET_BUFFER_LIST nbl = NetBufferLists; nbl != nullptr; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {",
    "        PGD_RCB rcb = static_cast<PGD_RCB>(NET_BUFFER_LIST_MINIPORT_RESERVED(nbl)[0]);",
    "",
    "        if (rcb != nullptr) {",
    "            adapter->RxRing[rcb->Index].Control = GD_DESC_OWNED;",
    "        }",
    "    }",
    "    adapter->Recv.Unlock();",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)",
    "{",
    "    UNREFERENCED_PARAMETER(MiniportAdapterContext);",
    "    UNREFERENCED_PARAMETER(CancelId);",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdDevicePnpEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT Event)",
    "{",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);",
    "",
    "    if (Event->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {",
    "        adapter->Flags |= GD_FLAG_HALTING;",
    "        adapter->Watchdog.Stop();",
    "    }",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)",
    "{",
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);",
    "",
    "    UNREFERENCED_PARAMETER(ShutdownAction);",
    "    adapter->Reset();",
    "}",
};

/* gd_002.cpp: the adapter's methods. */
static const char *const ADAPTER_TEXT[] = {
    "NDIS_STATUS",
    "GdAdapter::SetRegistrationAttributes()",
    "{",
    "    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES attributes;",
    "",
    "    NdisZeroMemory(&attributes, sizeof(attributes));",
    "    attributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;",
    "    attributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;",
    "    attributes.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;",
    "    attributes.MiniportAdapterContext = this;",
    "    attributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |",
    "                                NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;",
    "    attributes.CheckForHangTimeInSeconds = 0;",
    "    attributes.InterfaceType = NdisInterfacePci;",
    "    return NdisMSetMiniportAttributes(AdapterHandle,",
    "                                      reinterpret_cast<PNDIS_MINIPORT_ADAPTER_ATTRIBUTES>(&attributes));",
    "}",
    "",
    "NDIS_STATUS",
    "GdAdapter::SetGeneralAttributes()",
    "{",
    "    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES general;",
    "",
    "    NdisZeroMemory(&general, sizeof(general));",
    "    general.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;",
    "    general.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;",
    "    general.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;",
    "    general.MediaType = NdisMedium802_3;",
    "    general.MtuSize = GD_MAX_FRAME_SIZE - 14;",
    "    general.MaxXmitLinkSpeed = GD_LINK_SPEED;",
    "    general.MaxRcvLinkSpeed = GD_LINK_SPEED;",
    "    general.XmitLinkSpeed = GD_LINK_SPEED;",
    "    general.RcvLinkSpeed = GD_LINK_SPEED;",
    "    general.MediaConnectState = MediaConnectStateUnknown;",
    "    general.MediaDuplexState = MediaDuplexStateFull;",
    "    general.LookaheadSize = GD_MAX_LOOKAHEAD;",
    "    general.MacAddressLength = ETH_LENGTH_OF_ADDRESS;",
    "    general.SupportedPacketFilters = GD_SUPPORTED_FILTERS;",
    "    general.MaxMulticastListSize = GD_MAX_MULTICAST;",
    "    NdisMoveMemory(general.PermanentMacAddress, PermanentAddress, ETH_LENGTH_OF_ADDRESS);",
    "    NdisMoveMemory(general.CurrentMacAddress, CurrentAddress, ETH_LENGTH_OF_ADDRESS);",
    "    return NdisMSetMiniportAttributes(AdapterHandle,",
    "                                      reinterpret_cast<PNDIS_MINIPORT_ADAPTER_ATTRIBUTES>(&general));",
    "}",
    "",
    "NDIS_STATUS",
    "GdAdapter::MapRegisters(",
    "    _In_ PNDIS_MINIPORT_INIT_PARAMETERS InitParameters",
    "    )",
    "{",
    "    PNDIS_RESOURCE_LIST resources = InitParameters->AllocatedResources;",
    "",
    "    if (resources == nullptr) {",
    "        return NDIS_STATUS_RESOURCES;",
    "    }",
    "    for (ULONG i = 0; i < resources->Count; i++) {",
    "        PCM_PARTIAL_RESOURCE_DESCRIPTOR desc = &resources->PartialDescriptors[i];",
    "        PVOID mapped = nullptr;",
    "",
    "        if (desc->Type != CmResourceTypeMemory ||",
    "            desc->u.Memory.Length < sizeof(GD_HW_REGISTERS)) {",
    "            continue;",
    "        }",
    "        NDIS_STATUS status = NdisMMapIoSpace(&mapped, AdapterHandle,",
    "                                             desc->u.Memory.Start, desc->u.Memory.Length);",
    "        if (status != NDIS_STATUS_SUCCESS) {",
    "            return status;",
    "        }",
    "        Registers = static_cast<volatile GD_HW_REGISTERS *>(mapped);",
    "        RegisterLength = desc->u.Memory.Length;",
    "        return NDIS_STATUS_SUCCESS;",
    "    }",
    "    return NDIS_STATUS_RESOURCES;",
    "}",
    "",
    "VOID",
    "GdAdapter::UnmapRegisters()",
    "{",
    "    if (Registers != nullptr) {",
    "        NdisMUnmapIoSpace(AdapterHandle, (PVOID)Registers, RegisterLength);",
    "        Registers = nullptr;",
    "    }",
    "}",
    "",
    "VOID",
    "GdAdapter::FillInterruptCharacteristics(",
    "    _Out_ PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars",
    "    )",
    "{",
    "    NdisZeroMemory(Chars, sizeof(*Chars));",
    "    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;",
    "    Chars->Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;",
    "    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;",
    "    Chars->InterruptHandler = GdIsr;",
    "    Chars->InterruptDpcHandler = GdInterruptDpc;",
    "    Chars->DisableInterruptHandler = GdDisableInterrupt;",
    "    Chars->EnableInterruptHandler = GdEnableInterrupt;",
    "    Chars->MsiSupported = TRUE;",
    "    Chars->MsiSyncWithAllMessages = TRUE;",
    "    Chars->MessageInterruptHandler = GdMessageInterrupt;",
    "    Chars->MessageInterruptDpcHandler = GdMessageInterruptDpc;",
    "    Chars->DisableMessageInterruptHandler = GdDisableMessageInterrupt;",
    "    Chars->EnableMessageInterruptHandler = GdEnableMessageInterrupt;",
    "}",
    "",
    "VOID",
    "GdAdapter::InitializeQueues()",
    "{",
    "    NdisAllocateSpinLock(&SendLock);",
    "    NdisAllocateSpinLock(&RecvLock);",
    "    NdisAllocateSpinLock(&StatsLock);",
    "    InitializeListHead(&SendWaitList);",
    "    InitializeListHead(&FreeTcbList);",
    "    InitializeListHead(&BusyTcbList);",
    "    InitializeListHead(&FreeRcbList);",
    "    for (ULONG i = 0; i < GD_TX_RING_SIZE; i++) {",
    "        Tcb[i].Index = i;",
    "        InsertTailList(&FreeTcbList, &Tcb[i].Link);",
    "    }",
    "    for (ULONG i = 0; i < GD_RX_RING_SIZE; i++) {",
    "        Rcb[i].Index = i;",
    "        InsertTailList(&FreeRcbList, &Rcb[i].Link);",
    "    }",
    "    Send.Initialize(this);",
    "    Recv.Initialize(this);",
    "    Watchdog.Initialize(this);",
    "}",
    "",
    "VOID",
    "GdAdapter::FreeQueues()",
    "{",
    "    NdisFreeSpinLock(&SendLock);",
    "    NdisFreeSpinLock(&RecvLock);",
    "    NdisFreeSpinLock(&StatsLock);",
    "}",
    "",
    "VOID",
    "GdAdapter::Reset()",
    "{",
    "    if (Registers == nullptr) {",
    "        return;",
    "    }",
    "    Registers->InterruptMask = 0;",
    "    Registers->MessageMask = 0;",
    "    Registers->Control = GD_CONTROL_RESET;",
    "    Registers->InterruptCause = GD_CAUSE_ALL;",
    "}",
    "",
    "NDIS_STATUS",
    "GdAdapter::StartHardware()",
    "{",
    "    if (UsingMessageInterrupts) {",
    "        Registers->MessageMask = GD_CAUSE_ALL;",
    "    } else {",
    "        Registers->InterruptMask = GD_CAUSE_ALL;",
    "    }",
    "    Registers->Control = GD_CONTROL_ENABLE;",
    "    for (ULONG spins = 0; spins < GD_POLL_LIMIT; spins++) {",
    "        if ((Registers->Status & GD_STATUS_READY) != 0) {",
    "            return NDIS_STATUS_SUCCESS;",
    "        }",
    "        NdisStallExecution(10);",
    "    }",
    "    return NDIS_STATUS_HARD_ERRORS;",
    "}",
    "",
    "_Use_decl_annotations_",
    "NDIS_STATUS",
    "GdAdapter::Initialize(",
    "    NDIS_HANDLE MiniportAdapterHandle,",
    "    PNDIS_MINIPORT_INIT_PARAMETERS InitParameters",
    "    )",
    "{",
    "    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS chars;",
    "    NDIS_STATUS status;",
    "",
    "    AdapterHandle = MiniportAdapterHandle;",
    "    LookAhead = GD_MAX_LOOKAHEAD;",
    "    LinkSpeed = GD_LINK_SPEED;",
    "    RefCount = 1;",
    "    InitializeQueues();",
    "",
    "    status = SetRegistrationAttributes();",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto free_queues;",
    "    }",
    "    status = MapRegisters(InitParameters);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto free_queues;",
    "    }",
    "    Reset();",
    "    status = SetGeneralAttributes();",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto unmap;",
    "    }",
    "",
    "    FillInterruptCharacteristics(&chars);",
    "    status = NdisMRegisterInterruptEx(AdapterHandle, this, &chars, &InterruptHandle);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto unmap;",
    "    }",
    "    InterruptRegistered = TRUE;",
    "",
    "    /* NDIS may grant a line-based interrupt although MSI was asked for. */",
    "    if (chars.InterruptType == NDIS_CONNECT_MESSAGE_BASED) {",
    "        UsingMessageInterrupts = TRUE;",
    "        MessageInfo = chars.MessageInfoTable;",
    "    } else {",
    "        UsingMessageInterrupts = FALSE;",
    "        MessageInfo = nullptr;",
    "    }",
    "    status = StartHardware();",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto stop;",
    "    }",
    "    Watchdog.Reset();",
    "    return NDIS_STATUS_SUCCESS;",
    "",
    "stop:",
    "    Stop();",
    "unmap:",
    "    UnmapRegisters();",
    "free_queues:",
    "    FreeQueues();",
    "    return status;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID",
    "GdAdapter::Stop()",
    "{",
    "    if (InterruptRegistered) {",
    "        NdisMDeregisterInterruptEx(InterruptHandle);",
    "        InterruptRegistered = FALSE;",
    "        InterruptHandle = nullptr;",
    "    }",
    "}",
    "",
    "VOID",
    "GdAdapter::Lock()",
    "{",
    "    NdisAcquireSpinLock(&StatsLock);",
    "}",
    "",
    "VOID",
    "GdAdapter::Unlock()",
    "{",
    "    NdisReleaseSpinLock(&StatsLock);",
    "}",
    "",
    "ULONG",
    "GdAdapter::GetCount() const",
    "{",
    "    return Send.GetCount() + Recv.GetCount() + Watchdog.GetCount();",
    "}",
};

/* gd_003.cpp: the send queue and the receive ring. */
static const char *const QUEUES_TEXT[] = {
    "VOID",
    "GdSendQueue::Initialize(",
    "    _Inout_ PGD_ADAPTER Owner",
    "    )",
    "{",
    "    Adapter = Owner;",
    "    Count = 0;",
    "}",
    "",
    "VOID",
    "GdSendQueue::Lock()",
    "{",
    "    NdisAcquireSpinLock(&Adapter->SendLock);",
    "}",
    "",
    "VOID",
    "GdSendQueue::Unlock()",
    "{",
    "    NdisReleaseSpinLock(&Adapter->SendLock);",
    "}",
    "",
    "ULONG",
    "GdSendQueue::GetCount() const",
    "{",
    "    return (ULONG)Adapter->PendingSends + Count;",
    "}",
    "",
    "VOID",
    "GdSendQueue::Reset()",
    "{",
    "    Adapter->TxNext = 0;",
    "    Adapter->TxClean = 0;",
    "    Count = 0;",
    "}",
    "",
    "VOID",
    "GdSendQueue::Stop()",
    "{",
    "    Lock();",
    "    while (!IsListEmpty(&Adapter->BusyTcbList)) {",
    "        PLIST_ENTRY entry = RemoveHeadList(&Adapter->BusyTcbList);",
    "        InsertTailList(&Adapter->FreeTcbList, entry);",
    "        Count++;",
    "    }",
    "    Reset();",
    "    Unlock();",
    "}",
    "",
    "VOID",
    "GdRecvRing::Initialize(",
    "    _Inout_ PGD_ADAPTER Owner",
    "    )",
    "{",
    "    Adapter = Owner;",
    "    Count = 0;",
    "}",
    "",
    "VOID",
    "GdRecvRing::Lock()",
    "{",
    "    NdisAcquireSpinLock(&Adapter->RecvLock);",
    "}",
    "",
    "VOID",
    "GdRecvRing::Unlock()",
    "{",
    "    NdisReleaseSpinLock(&Adapter->RecvLock);",
    "}",
    "",
    "ULONG",
    "GdRecvRing::GetCount() const",
    "{",
    "    return Adapter->RxNext + Count;",
    "}",
    "",
    "VOID",
    "GdRecvRing::Reset()",
    "{",
    "    Adapter->RxNext = 0;",
    "    Count = 0;",
    "}",
    "",
    "VOID",
    "GdRecvRing::Stop()",
    "{",
    "    Lock();",
    "    for (ULONG i = 0; i < GD_RX_RING_SIZE; i++) {",
    "        Adapter->RxRing[i].Control = 0;",
    "        Count++;",
    "    }",
    "    Reset();",
    "    Unlock();",
    "}",
};

/* gd_004.cpp: the watchdog. */
static const char *const WATCHDOG_TEXT[] = {
    "VOID",
    "GdWatchdog::Initialize(",
    "    _Inout_ PGD_ADAPTER Owner",
    "    )",
    "{",
    "    Adapter = Owner;",
    "    Ticks = 0;",
    "}",
    "",
    "VOID",
    "GdWatchdog::Lock()",
    "{",
    "    NdisAcquireSpinLock(&Adapter->StatsLock);",
    "}",
    "",
    "VOID",
    "GdWatchdog::Unlock()",
    "{",
    "    NdisReleaseSpinLock(&Adapter->StatsLock);",
    "}",
    "",
    "ULONG",
    "GdWatchdog::GetCount() const",
    "{",
    "    return Ticks;",
    "}",
    "",
    "VOID",
    "GdWatchdog::Reset()",
    "{",
    "    Ticks = 0;",
    "    Adapter->Flags &= ~GD_FLAG_RESETTING;",
    "}",
    "",
    "VOID",
    "GdWatchdog::Stop()",
    "{",
    "    Lock();",
    "    Reset();",
    "    Adapter->Stats.Resets++;",
    "    Unlock();",
    "}",
};

/* Where the interrupt handlers take their adapter. */
static const char *const ISR_CAST_C = "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;";
static const char *const ISR_CAST_CPP =
    "    GdAdapter *adapter = static_cast<GdAdapter *>(MiniportInterruptContext);";

/* gd_001.cpp: the interrupt handlers of the C driver, with a C++ cast. */
static void emit_isr(Out *o)
{
    for (size_t i = 0; i < ISR_TEXT_COUNT; i++) {
        fputs(strcmp(ISR_TEXT[i], ISR_CAST_C) == 0 ? ISR_CAST_CPP : ISR_TEXT[i], o->f);
        fputc('\n', o->f);
    }
}

/* ---- a file's own class ------------------------------------------------ */

static const char *const CLASS_KIND[] = {
    "Engine", "Table", "Channel", "Window", "Port", "Filter",
};
#define CLASS_KIND_COUNT (sizeof(CLASS_KIND) / sizeof(CLASS_KIND[0]))

/* The methods every file's class has, however its helpers are named. */
static void emit_common_methods(Gen *g)
{
    Out *o = g->o;
    const char *c = g->cls;
    blank(o);
    line(o, "%s::%s(", c, c);
    line(o, "    _Inout_ PGD_ADAPTER Owner");
    line(o, "    )");
    line(o, "    : Adapter(Owner), Count(0)");
    line(o, "{");
    line(o, "NdisAllocateSpinLock(&Guard);");
    line(o, "}");
    blank(o);
    line(o, "%s::~%s()", c, c);
    line(o, "{");
    line(o, "NdisFreeSpinLock(&Guard);");
    line(o, "}");
    blank(o);
    line(o, "VOID");
    line(o, "%s::Lock()", c);
    line(o, "{");
    line(o, "NdisAcquireSpinLock(&Guard);");
    line(o, "Count++;");
    line(o, "}");
    blank(o);
    line(o, "VOID");
    line(o, "%s::Unlock()", c);
    line(o, "{");
    line(o, "NdisReleaseSpinLock(&Guard);");
    line(o, "}");
    blank(o);
    line(o, "ULONG");
    line(o, "%s::GetCount() const", c);
    line(o, "{");
    line(o, "return Count;");
    line(o, "}");
    blank(o);
    line(o, "VOID");
    line(o, "%s::Reset()", c);
    line(o, "{");
    line(o, "Count = 0;");
    line(o, "Adapter->Tuning[%u] = 0;", g->file % 8);
    line(o, "}");
    blank(o);
    line(o, "VOID");
    line(o, "%s::Stop()", c);
    line(o, "{");
    line(o, "Lock();");
    line(o, "Reset();");
    line(o, "Unlock();");
    line(o, "}");
}

/* The exported helpers: a stack object of the file's class. */
static void emit_exports(Gen *g)
{
    Out *o = g->o;
    for (unsigned e = 0; e < 2; e++) {
        blank(o);
        line(o, "NDIS_STATUS");
        line(o, "Gd%03uExport%u(", g->file, e);
        line(o, "    _Inout_ PGD_ADAPTER Adapter,");
        line(o, "    _In_ ULONG Value");
        line(o, "    )");
        line(o, "{");
        line(o, "%s part(Adapter);", g->cls);
        line(o, "NDIS_STATUS status;");
        blank(o);
        line(o, "part.Lock();");
        line(o, "status = part.%s(Value);", e == 0 ? "Start" : "Poll");
        line(o, "part.Unlock();");
        line(o, "if (status != NDIS_STATUS_SUCCESS && part.GetCount() > %u) {", 1 + g->file % 4);
        line(o, "part.Reset();");
        line(o, "}");
        line(o, "return status;");
        line(o, "}");
    }
}

/* GdOidRequest, in gd_000.cpp: the OIDs are answered by its class. */
static void emit_oid_request(Gen *g)
{
    Out *o = g->o;
    blank(o);
    line(o, "_Use_decl_annotations_");
    line(o, "NDIS_STATUS GdOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST Request)");
    line(o, "{");
    line(o, "GdAdapter *adapter = static_cast<GdAdapter *>(MiniportAdapterContext);");
    line(o, "%s part(adapter);", g->cls);
    line(o, "NDIS_STATUS status;");
    blank(o);
    line(o, "switch (Request->RequestType) {");
    line(o, "case NdisRequestQueryInformation:");
    line(o, "case NdisRequestQueryStatistics:");
    line(o, "status = part.QueryInformation(Request);");
    line(o, "break;");
    line(o, "case NdisRequestSetInformation:");
    line(o, "status = part.SetInformation(Request);");
    line(o, "break;");
    line(o, "default:");
    line(o, "status = NDIS_STATUS_NOT_SUPPORTED;");
    line(o, "break;");
    line(o, "}");
    line(o, "return status;");
    line(o, "}");
}

static void emit_class(FILE *f, const Gen *g)
{
    static const char *const PARAMS[] = {
        [SIG_VAL] = "_In_ ULONG Value",
        [SIG_NBL] = "_In_ PNET_BUFFER_LIST NetBufferLists",
        [SIG_OID] = "_Inout_ PNDIS_OID_REQUEST Request",
        [SIG_VOID] = "",
    };
    static const char *const RESULT[] = {
        [SIG_VAL] = "NDIS_STATUS", [SIG_NBL] = "ULONG", [SIG_OID] = "NDIS_STATUS", [SIG_VOID] = "VOID",
    };
    fprintf(f, "\nclass %s {\npublic:\n", g->cls);
    fprintf(f, "    explicit %s(_Inout_ PGD_ADAPTER Owner);\n    ~%s();\n", g->cls, g->cls);
    fputs("    VOID Lock();\n    VOID Unlock();\n    ULONG GetCount() const;\n"
          "    VOID Reset();\n    VOID Stop();\n", f);
    for (unsigned i = 0; i < g->func_count; i++)
        fprintf(f, "    %s %s(%s);\n", RESULT[g->funcs[i].sig], g->funcs[i].name,
                PARAMS[g->funcs[i].sig]);
    fputs("private:\n    PGD_ADAPTER Adapter;\n    NDIS_SPIN_LOCK Guard;\n    ULONG Count;\n};\n", f);
}

/* ---- one file ---------------------------------------------------------- */

/* The file that holds fixed part `part` (0 to 4). */
static unsigned part_file(const Params *p, unsigned part)
{
    return part < p->files ? part : p->files - 1;
}

static int copy_rest(FILE *from, FILE *to)
{
    char buffer[8192];
    size_t got;
    rewind(from);
    while ((got = fread(buffer, 1, sizeof(buffer), from)) > 0) {
        if (fwrite(buffer, 1, got, to) != got)
            return -1;
    }
    return ferror(from) ? -1 : 0;
}

int write_cpp_file(const Params *p, unsigned file)
{
    char name[32];
    char cls[32];
    snprintf(name, sizeof(name), "gd_%03u.cpp", file);
    snprintf(cls, sizeof(cls), "Gd%s%03u", CLASS_KIND[file % CLASS_KIND_COUNT], file);
    Out o;
    if (open_out(&o, p->dir, name) != 0)
        return -1;
    /* The class declares every method: the bodies are written first. */
    Out body = {tmpfile(), 0, "(temporary file)", 0};
    Gen *g = calloc(1, sizeof(*g));
    if (g == NULL || body.f == NULL) {
        fclose(o.f);
        if (body.f != NULL)
            fclose(body.f);
        free(g);
        return -1;
    }
    g->o = &body;
    g->cls = cls;
    gen_seed(g, p, file);
    unsigned target = rng_range(&g->rng, p->funcs_min, p->funcs_max);
    choose_externs(g);

    int has_init = file == 0;
    int has_isr = file == part_file(p, 1);
    int exports = file >= 2;
    /* The same number of helpers as the C file (gen_c.c). */
    unsigned fixed = (has_init ? 21 + 2 : 0) + (file == 1 || (file == 0 && p->files == 1) ? ISR_FIXED_FUNCS : 0) +
                     (exports ? 2 : 0);
    unsigned filler = target > fixed ? target - fixed : 0;
    if (filler + fixed > MAX_FUNCS)
        filler = MAX_FUNCS - fixed;

    emit_common_methods(g);
    if (exports) {
        emit_filler(g, 0);
        emit_filler(g, 1);
    }
    for (unsigned i = 0; i < filler; i++)
        emit_filler(g, -1);
    if (has_init) {
        Func query = {"QueryInformation", SIG_OID};
        Func set = {"SetInformation", SIG_OID};
        blank(&body);
        emit_signature(g, &query, 0);
        body_oid_query(g);
        g->funcs[g->func_count++] = query;
        blank(&body);
        emit_signature(g, &set, 0);
        body_oid_set(g);
        g->funcs[g->func_count++] = set;
    }
    if (exports)
        emit_exports(g);
    if (has_init) {
        fputc('\n', body.f);
        emit_lines(&body, DRIVER_TEXT, sizeof(DRIVER_TEXT) / sizeof(DRIVER_TEXT[0]));
        emit_oid_request(g);
    }
    if (has_isr) {
        fputc('\n', body.f);
        emit_isr(&body);
    }
    if (file == part_file(p, 2)) {
        fputc('\n', body.f);
        emit_lines(&body, ADAPTER_TEXT, sizeof(ADAPTER_TEXT) / sizeof(ADAPTER_TEXT[0]));
    }
    if (file == part_file(p, 3)) {
        fputc('\n', body.f);
        emit_lines(&body, QUEUES_TEXT, sizeof(QUEUES_TEXT) / sizeof(QUEUES_TEXT[0]));
    }
    if (file == part_file(p, 4)) {
        fputc('\n', body.f);
        emit_lines(&body, WATCHDOG_TEXT, sizeof(WATCHDOG_TEXT) / sizeof(WATCHDOG_TEXT[0]));
    }

    fprintf(o.f, "/*\n * %s - part %u of %u of a synthetic NDIS 6.20 miniport in C++\n"
                 " * (written by bench/gen_driver --shape cpp, seed %llu; do not edit).\n */\n",
            name, file + 1, p->files, p->seed);
    fprintf(o.f, "#include <%s>\n", HEADER_NAME);
    g->o = &o;
    emit_extern_decls(g);
    emit_class(o.f, g);
    int rc = ferror(body.f) || copy_rest(body.f, o.f) != 0 ? -1 : 0;
    fclose(body.f);
    free(g);
    if (close_out(&o) != 0)
        rc = -1;
    return rc;
}
