/*
 * uses_ndis.c - a small NDIS 6.20 Ethernet miniport skeleton that exercises
 * the model headers: driver registration, adapter initialisation with
 * registration/general attributes, hardware resource walking, line-based and
 * message-signalled interrupt registration, send/receive NBL handling, OID
 * requests, spin locks, timers, work items, configuration and halt.  It is
 * only parsed (never linked); it must compile without errors or warnings as
 * C and, through uses_ndis.cpp, as C++.
 */
#include <ndis.h>
#include <ntstrsafe.h>

#define MP_TAG 'pdAN'
#define MP_MAX_MULTICAST 32
#define MP_MTU 1500
#define MP_LINK_SPEED 1000000000ULL

typedef struct _MP_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    NDIS_HANDLE DmaHandle;
    NDIS_HANDLE TimerHandle;
    NDIS_HANDLE WorkItem;
    NDIS_HANDLE NblPool;
    NDIS_SPIN_LOCK SendLock;
    NDIS_SPIN_LOCK RecvLock;
    LIST_ENTRY PendingSends;
    PUCHAR Registers;
    ULONG RegisterLength;
    NDIS_PHYSICAL_ADDRESS RegisterBase;
    ULONG InterruptLevel;
    ULONG InterruptVector;
    NDIS_INTERRUPT_TYPE InterruptType;
    PIO_INTERRUPT_MESSAGE_INFO MessageInfo;
    volatile LONG PendingInterrupts;
    ULONG PacketFilter;
    ULONG64 GoodTransmits;
    ULONG64 GoodReceives;
    UCHAR PermanentAddress[ETH_LENGTH_OF_ADDRESS];
    UCHAR CurrentAddress[ETH_LENGTH_OF_ADDRESS];
    UCHAR MulticastList[MP_MAX_MULTICAST][ETH_LENGTH_OF_ADDRESS];
    ULONG MulticastCount;
    PVOID SharedMemory;
    NDIS_PHYSICAL_ADDRESS SharedMemoryPhysical;
    BOOLEAN Paused;
} MP_ADAPTER, *PMP_ADAPTER;

static NDIS_HANDLE MpDriverHandle = NULL;

static NDIS_OID MpSupportedOids[] = {
    OID_GEN_SUPPORTED_LIST,
    OID_GEN_HARDWARE_STATUS,
    OID_GEN_MEDIA_SUPPORTED,
    OID_GEN_MEDIA_IN_USE,
    OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_GEN_LINK_SPEED,
    OID_GEN_CURRENT_PACKET_FILTER,
    OID_GEN_VENDOR_ID,
    OID_GEN_VENDOR_DESCRIPTION,
    OID_GEN_XMIT_OK,
    OID_GEN_RCV_OK,
    OID_GEN_STATISTICS,
    OID_802_3_PERMANENT_ADDRESS,
    OID_802_3_CURRENT_ADDRESS,
    OID_802_3_MULTICAST_LIST,
    OID_802_3_MAXIMUM_LIST_SIZE,
    OID_PNP_SET_POWER,
    OID_PNP_QUERY_POWER,
};

EXTERN_C DRIVER_INITIALIZE DriverEntry;
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_UNLOAD MpUnload;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_RESET MpReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_DIRECT_OID_REQUEST MpDirectOidRequest;
MINIPORT_CANCEL_DIRECT_OID_REQUEST MpCancelDirectOidRequest;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpInterruptDpc;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_MESSAGE_INTERRUPT MpMessageIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC MpMessageDpc;
MINIPORT_DISABLE_MESSAGE_INTERRUPT MpDisableMessageInterrupt;
MINIPORT_ENABLE_MESSAGE_INTERRUPT MpEnableMessageInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncClearInterrupts;
MINIPORT_PROCESS_SG_LIST MpProcessSgList;
MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE MpSharedMemComplete;
NDIS_TIMER_FUNCTION MpWatchdogTimer;
NDIS_IO_WORKITEM_FUNCTION MpWorkItem;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, MpInitializeEx)
#endif

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS chars;

    NdisZeroMemory(&chars, sizeof(chars));
    chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    chars.MajorDriverVersion = 1;
    chars.MinorDriverVersion = 0;
    chars.Flags = 0;
    chars.SetOptionsHandler = MpSetOptions;
    chars.InitializeHandlerEx = MpInitializeEx;
    chars.HaltHandlerEx = MpHaltEx;
    chars.UnloadHandler = MpUnload;
    chars.PauseHandler = MpPause;
    chars.RestartHandler = MpRestart;
    chars.OidRequestHandler = MpOidRequest;
    chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    chars.CancelSendHandler = MpCancelSend;
    chars.CheckForHangHandlerEx = MpCheckForHang;
    chars.ResetHandlerEx = MpReset;
    chars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    chars.ShutdownHandlerEx = MpShutdown;
    chars.CancelOidRequestHandler = MpCancelOidRequest;
    chars.DirectOidRequestHandler = MpDirectOidRequest;
    chars.CancelDirectOidRequestHandler = MpCancelDirectOidRequest;

    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL, "mp: DriverEntry %wZ\n", RegistryPath);
    status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &chars, &MpDriverHandle);
    if (status != NDIS_STATUS_SUCCESS) {
        KdPrint(("mp: registration failed %08x\n", status));
    }
    return status;
}

_Use_decl_annotations_
NDIS_STATUS MpSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS MpReadConfiguration(PMP_ADAPTER Adapter)
{
    NDIS_STATUS status;
    NDIS_HANDLE config = NULL;
    NDIS_CONFIGURATION_OBJECT configObject;
    PNDIS_CONFIGURATION_PARAMETER value = NULL;
    NDIS_STRING keyword = NDIS_STRING_CONST("SpeedDuplex");
    PVOID address = NULL;
    UINT addressLength = 0;

    configObject.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    configObject.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    configObject.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    configObject.NdisHandle = Adapter->AdapterHandle;
    configObject.Flags = 0;

    status = NdisOpenConfigurationEx(&configObject, &config);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }
    NdisReadConfiguration(&status, &value, config, &keyword, NdisParameterInteger);
    if (status == NDIS_STATUS_SUCCESS && value->ParameterType == NdisParameterInteger) {
        Adapter->PacketFilter = value->ParameterData.IntegerData;
    }
    NdisReadNetworkAddress(&status, &address, &addressLength, config);
    if (status == NDIS_STATUS_SUCCESS && addressLength == ETH_LENGTH_OF_ADDRESS &&
        !ETH_IS_MULTICAST(address) && !ETH_IS_BROADCAST(address)) {
        ETH_COPY_NETWORK_ADDRESS(Adapter->CurrentAddress, address);
    }
    NdisCloseConfiguration(config);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS MpFindResources(PMP_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    ULONG i;
    NDIS_STATUS status = NDIS_STATUS_RESOURCE_CONFLICT;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR desc = &Resources->PartialDescriptors[i];
        switch (desc->Type) {
        case CmResourceTypeMemory:
            Adapter->RegisterBase = desc->u.Memory.Start;
            Adapter->RegisterLength = desc->u.Memory.Length;
            status = NDIS_STATUS_SUCCESS;
            break;
        case CmResourceTypePort:
            Adapter->RegisterLength = desc->u.Port.Length;
            break;
        case CmResourceTypeInterrupt:
            if (desc->Flags & CM_RESOURCE_INTERRUPT_MESSAGE) {
                Adapter->InterruptType = NDIS_CONNECT_MESSAGE_BASED;
                Adapter->InterruptVector = desc->u.MessageInterrupt.Translated.Vector;
            } else {
                Adapter->InterruptType = NDIS_CONNECT_LINE_BASED;
                Adapter->InterruptLevel = desc->u.Interrupt.Level;
                Adapter->InterruptVector = desc->u.Interrupt.Vector;
            }
            break;
        default:
            break;
        }
    }
    return status;
}

/* Positional initialisers, as some drivers write them: member order matters. */
static NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS MpInterruptTemplate = {
    { NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT, NDIS_MINIPORT_INTERRUPT_REVISION_1,
      (USHORT)NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1 },
    MpIsr,
    MpInterruptDpc,
    MpDisableInterrupt,
    MpEnableInterrupt,
    TRUE,
    FALSE,
    MpMessageIsr,
    MpMessageDpc,
    MpDisableMessageInterrupt,
    MpEnableMessageInterrupt,
    NDIS_CONNECT_LINE_BASED,
    NULL
};

static NDIS_STATUS MpRegisterInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_STATUS status;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS intr;

    intr = MpInterruptTemplate;
    intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    intr.InterruptHandler = MpIsr;
    intr.InterruptDpcHandler = MpInterruptDpc;
    intr.DisableInterruptHandler = MpDisableInterrupt;
    intr.EnableInterruptHandler = MpEnableInterrupt;
    intr.MsiSupported = TRUE;
    intr.MsiSyncWithAllMessages = TRUE;
    intr.MessageInterruptHandler = MpMessageIsr;
    intr.MessageInterruptDpcHandler = MpMessageDpc;
    intr.DisableMessageInterruptHandler = MpDisableMessageInterrupt;
    intr.EnableMessageInterruptHandler = MpEnableMessageInterrupt;

    status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &intr, &Adapter->InterruptHandle);
    if (status == NDIS_STATUS_SUCCESS) {
        Adapter->InterruptType = intr.InterruptType;
        if (intr.InterruptType == NDIS_CONNECT_MESSAGE_BASED) {
            Adapter->MessageInfo = intr.MessageInfoTable;
        }
    } else {
        NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_INTERRUPT_CONNECT, 1, (ULONG)status);
    }
    return status;
}

static NDIS_STATUS MpSetAttributes(PMP_ADAPTER Adapter)
{
    NDIS_STATUS status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES reg;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES gen;
    NDIS_PM_CAPABILITIES pm;

    NdisZeroMemory(&reg, sizeof(reg));
    reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.MiniportAdapterContext = Adapter;
    reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    reg.CheckForHangTimeInSeconds = 4;
    reg.InterfaceType = NdisInterfacePci;
    status = NdisMSetMiniportAttributes(Adapter->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&reg);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }

    NdisZeroMemory(&pm, sizeof(pm));
    pm.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pm.Header.Revision = NDIS_PM_CAPABILITIES_REVISION_1;
    pm.Header.Size = NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_1;
    pm.MinMagicPacketWakeUp = NdisDeviceStateUnspecified;
    pm.MinPatternWakeUp = NdisDeviceStateUnspecified;
    pm.MinLinkChangeWakeUp = NdisDeviceStateUnspecified;

    NdisZeroMemory(&gen, sizeof(gen));
    gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    gen.MediaType = NdisMedium802_3;
    gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    gen.MtuSize = MP_MTU;
    gen.MaxXmitLinkSpeed = MP_LINK_SPEED;
    gen.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    gen.MaxRcvLinkSpeed = MP_LINK_SPEED;
    gen.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    gen.MediaConnectState = MediaConnectStateUnknown;
    gen.MediaDuplexState = MediaDuplexStateUnknown;
    gen.LookaheadSize = MP_MTU;
    gen.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                     NDIS_MAC_OPTION_NO_LOOPBACK | NDIS_MAC_OPTION_8021P_PRIORITY;
    gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST |
                                 NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST;
    gen.MaxMulticastListSize = MP_MAX_MULTICAST;
    gen.MacAddressLength = ETH_LENGTH_OF_ADDRESS;
    NdisMoveMemory(gen.PermanentMacAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
    NdisMoveMemory(gen.CurrentMacAddress, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
    gen.RecvScaleCapabilities = NULL;
    gen.AccessType = NET_IF_ACCESS_BROADCAST;
    gen.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    gen.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    gen.IfConnectorPresent = TRUE;
    gen.SupportedStatistics = NDIS_STATISTICS_XMIT_OK_SUPPORTED | NDIS_STATISTICS_RCV_OK_SUPPORTED;
    gen.SupportedPauseFunctions = NdisPauseFunctionsUnsupported;
    gen.SupportedOidList = MpSupportedOids;
    gen.SupportedOidListLength = sizeof(MpSupportedOids);
    gen.AutoNegotiationFlags = NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED;
    gen.PowerManagementCapabilitiesEx = &pm;
    return NdisMSetMiniportAttributes(Adapter->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&gen);
}

_Use_decl_annotations_
NDIS_STATUS MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                           PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_STATUS status;
    PMP_ADAPTER adapter;
    NDIS_SG_DMA_DESCRIPTION dma;
    NDIS_TIMER_CHARACTERISTICS timer;
    NET_BUFFER_LIST_POOL_PARAMETERS pool;
    PCI_COMMON_CONFIG pci;
    ULONG bytes;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    PAGED_CODE();

    adapter = (PMP_ADAPTER)NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), MP_TAG, NormalPoolPriority);
    if (adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(adapter, sizeof(MP_ADAPTER));
    adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&adapter->SendLock);
    NdisAllocateSpinLock(&adapter->RecvLock);
    InitializeListHead(&adapter->PendingSends);

    bytes = NdisMGetBusData(MiniportAdapterHandle, PCI_WHICHSPACE_CONFIG, 0, &pci, PCI_COMMON_HDR_LENGTH);
    if (bytes != PCI_COMMON_HDR_LENGTH || pci.VendorID == PCI_INVALID_VENDORID) {
        status = NDIS_STATUS_ADAPTER_NOT_FOUND;
        goto fail;
    }

    status = MpFindResources(adapter, MiniportInitParameters->AllocatedResources);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    status = NdisMMapIoSpace((PVOID *)&adapter->Registers, MiniportAdapterHandle, adapter->RegisterBase, adapter->RegisterLength);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    status = MpReadConfiguration(adapter);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    status = MpSetAttributes(adapter);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }

    NdisZeroMemory(&dma, sizeof(dma));
    dma.Header.Type = NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION;
    dma.Header.Revision = NDIS_SG_DMA_DESCRIPTION_REVISION_1;
    dma.Header.Size = NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1;
    dma.Flags = NDIS_SG_DMA_64_BIT_ADDRESS;
    dma.MaximumPhysicalMapping = 0x10000;
    dma.ProcessSGListHandler = MpProcessSgList;
    dma.SharedMemAllocateCompleteHandler = MpSharedMemComplete;
    status = NdisMRegisterScatterGatherDma(MiniportAdapterHandle, &dma, &adapter->DmaHandle);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    NdisMAllocateSharedMemory(MiniportAdapterHandle, PAGE_SIZE, FALSE, &adapter->SharedMemory, &adapter->SharedMemoryPhysical);

    NdisZeroMemory(&pool, sizeof(pool));
    pool.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pool.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pool.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pool.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    pool.fAllocateNetBuffer = TRUE;
    pool.PoolTag = MP_TAG;
    adapter->NblPool = NdisAllocateNetBufferListPool(MiniportAdapterHandle, &pool);

    NdisZeroMemory(&timer, sizeof(timer));
    timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    timer.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    timer.AllocationTag = MP_TAG;
    timer.TimerFunction = MpWatchdogTimer;
    timer.FunctionContext = adapter;
    status = NdisAllocateTimerObject(MiniportAdapterHandle, &timer, &adapter->TimerHandle);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    adapter->WorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);

    status = MpRegisterInterrupt(adapter);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    {
        LARGE_INTEGER due;
        due.QuadPart = -10000LL * 2000;
        NdisSetTimerObject(adapter->TimerHandle, due, 2000, adapter);
    }
    return NDIS_STATUS_SUCCESS;

fail:
    MpHaltEx(adapter, NdisHaltDeviceInitializationFailed);
    return status;
}

_Use_decl_annotations_
VOID MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    if (adapter->TimerHandle != NULL) {
        NdisCancelTimerObject(adapter->TimerHandle);
        NdisFreeTimerObject(adapter->TimerHandle);
    }
    if (adapter->InterruptHandle != NULL) {
        NdisMDeregisterInterruptEx(adapter->InterruptHandle);
    }
    if (adapter->WorkItem != NULL) {
        NdisFreeIoWorkItem(adapter->WorkItem);
    }
    if (adapter->SharedMemory != NULL) {
        NdisMFreeSharedMemory(adapter->AdapterHandle, PAGE_SIZE, FALSE, adapter->SharedMemory, adapter->SharedMemoryPhysical);
    }
    if (adapter->DmaHandle != NULL) {
        NdisMDeregisterScatterGatherDma(adapter->DmaHandle);
    }
    if (adapter->NblPool != NULL) {
        NdisFreeNetBufferListPool(adapter->NblPool);
    }
    if (adapter->Registers != NULL) {
        NdisMUnmapIoSpace(adapter->AdapterHandle, adapter->Registers, adapter->RegisterLength);
    }
    NdisFreeSpinLock(&adapter->SendLock);
    NdisFreeSpinLock(&adapter->RecvLock);
    NdisFreeMemory(adapter, sizeof(MP_ADAPTER), 0);
}

_Use_decl_annotations_
VOID MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

_Use_decl_annotations_
NDIS_STATUS MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&adapter->SendLock);
    adapter->Paused = TRUE;
    NdisReleaseSpinLock(&adapter->SendLock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(RestartParameters);
    adapter->Paused = FALSE;
    return NDIS_STATUS_SUCCESS;
}

static VOID MpIndicateLinkState(PMP_ADAPTER Adapter, BOOLEAN Up)
{
    NDIS_LINK_STATE link;
    NDIS_STATUS_INDICATION indication;

    NdisZeroMemory(&link, sizeof(link));
    link.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    link.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    link.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    link.MediaConnectState = Up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    link.MediaDuplexState = MediaDuplexStateFull;
    link.XmitLinkSpeed = link.RcvLinkSpeed = Up ? MP_LINK_SPEED : NDIS_LINK_SPEED_UNKNOWN;

    NdisZeroMemory(&indication, sizeof(indication));
    indication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    indication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    indication.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    indication.SourceHandle = Adapter->AdapterHandle;
    indication.StatusCode = NDIS_STATUS_LINK_STATE;
    indication.StatusBuffer = &link;
    indication.StatusBufferSize = sizeof(link);
    NdisMIndicateStatusEx(Adapter->AdapterHandle, &indication);
}

static NDIS_STATUS MpQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    NDIS_OID oid = Request->DATA.QUERY_INFORMATION.Oid;
    PVOID buffer = Request->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG bufferLength = Request->DATA.QUERY_INFORMATION.InformationBufferLength;
    ULONG value = 0;
    ULONG64 value64 = 0;
    PVOID source = &value;
    ULONG sourceLength = sizeof(value);
    NDIS_STATISTICS_INFO stats;

    switch (oid) {
    case OID_GEN_SUPPORTED_LIST:
        source = MpSupportedOids;
        sourceLength = sizeof(MpSupportedOids);
        break;
    case OID_GEN_HARDWARE_STATUS:
        value = NdisHardwareStatusReady;
        break;
    case OID_GEN_MEDIA_SUPPORTED:
    case OID_GEN_MEDIA_IN_USE:
        value = NdisMedium802_3;
        break;
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        value = MP_MTU;
        break;
    case OID_GEN_LINK_SPEED:
        value = (ULONG)(MP_LINK_SPEED / 100);
        break;
    case OID_GEN_VENDOR_ID:
        value = 0x00FFFFFF;
        break;
    case OID_GEN_VENDOR_DESCRIPTION:
        source = (PVOID)"model miniport";
        sourceLength = 15;
        break;
    case OID_GEN_XMIT_OK:
        value64 = Adapter->GoodTransmits;
        source = &value64;
        sourceLength = sizeof(value64);
        break;
    case OID_GEN_RCV_OK:
        value64 = Adapter->GoodReceives;
        source = &value64;
        sourceLength = sizeof(value64);
        break;
    case OID_GEN_STATISTICS:
        NdisZeroMemory(&stats, sizeof(stats));
        stats.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        stats.Header.Revision = NDIS_STATISTICS_INFO_REVISION_1;
        stats.Header.Size = NDIS_SIZEOF_STATISTICS_INFO_REVISION_1;
        stats.SupportedStatistics = NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV | NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV;
        stats.ifHCInUcastPkts = Adapter->GoodReceives;
        stats.ifHCOutUcastPkts = Adapter->GoodTransmits;
        source = &stats;
        sourceLength = sizeof(stats);
        break;
    case OID_802_3_PERMANENT_ADDRESS:
        source = Adapter->PermanentAddress;
        sourceLength = ETH_LENGTH_OF_ADDRESS;
        break;
    case OID_802_3_CURRENT_ADDRESS:
        source = Adapter->CurrentAddress;
        sourceLength = ETH_LENGTH_OF_ADDRESS;
        break;
    case OID_802_3_MAXIMUM_LIST_SIZE:
        value = MP_MAX_MULTICAST;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }

    if (bufferLength < sourceLength) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = sourceLength;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(buffer, source, sourceLength);
    Request->DATA.QUERY_INFORMATION.BytesWritten = sourceLength;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS MpSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    PVOID buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG bufferLength = Request->DATA.SET_INFORMATION.InformationBufferLength;

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (bufferLength < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)buffer;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    case OID_802_3_MULTICAST_LIST:
        if (bufferLength % ETH_LENGTH_OF_ADDRESS != 0) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        if (bufferLength / ETH_LENGTH_OF_ADDRESS > MP_MAX_MULTICAST) {
            return NDIS_STATUS_MULTICAST_FULL;
        }
        NdisMoveMemory(Adapter->MulticastList, buffer, bufferLength);
        Adapter->MulticastCount = bufferLength / ETH_LENGTH_OF_ADDRESS;
        Request->DATA.SET_INFORMATION.BytesRead = bufferLength;
        return NDIS_STATUS_SUCCESS;
    case OID_PNP_SET_POWER:
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

_Use_decl_annotations_
NDIS_STATUS MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return MpQueryInformation(adapter, OidRequest);
    case NdisRequestSetInformation:
        return MpSetInformation(adapter, OidRequest);
    case NdisRequestMethod:
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

_Use_decl_annotations_
VOID MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

_Use_decl_annotations_
NDIS_STATUS MpDirectOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    return MpOidRequest(MiniportAdapterContext, OidRequest);
}

_Use_decl_annotations_
VOID MpCancelDirectOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

_Use_decl_annotations_
VOID MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferList,
                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST nbl;
    PNET_BUFFER nb;
    ULONG completeFlags = 0;
    BOOLEAN atDispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags);

    UNREFERENCED_PARAMETER(PortNumber);
    if (atDispatch) {
        NDIS_SET_SEND_COMPLETE_FLAG(completeFlags, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
        NdisDprAcquireSpinLock(&adapter->SendLock);
    } else {
        NdisAcquireSpinLock(&adapter->SendLock);
    }
    for (nbl = NetBufferList; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO csum;
        csum.Value = NET_BUFFER_LIST_INFO(nbl, TcpIpChecksumNetBufferListInfo);
        if (adapter->Paused) {
            NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_PAUSED;
            continue;
        }
        for (nb = NET_BUFFER_LIST_FIRST_NB(nbl); nb != NULL; nb = NET_BUFFER_NEXT_NB(nb)) {
            UCHAR header[14];
            PUCHAR frame = (PUCHAR)NdisGetDataBuffer(nb, sizeof(header), header, 1, 0);
            ULONG length = NET_BUFFER_DATA_LENGTH(nb);
            PMDL mdl = NET_BUFFER_CURRENT_MDL(nb);
            if (frame != NULL && mdl != NULL && length > 0 && !csum.Transmit.IsIPv6) {
                adapter->GoodTransmits++;
            }
        }
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SUCCESS;
    }
    if (atDispatch) {
        NdisDprReleaseSpinLock(&adapter->SendLock);
    } else {
        NdisReleaseSpinLock(&adapter->SendLock);
    }
    NdisMSendNetBufferListsComplete(adapter->AdapterHandle, NetBufferList, completeFlags);
}

_Use_decl_annotations_
VOID MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PLIST_ENTRY entry;

    NdisAcquireSpinLock(&adapter->SendLock);
    for (entry = adapter->PendingSends.Flink; entry != &adapter->PendingSends; entry = entry->Flink) {
        PNET_BUFFER_LIST nbl = CONTAINING_RECORD(entry, NET_BUFFER_LIST, ProtocolReserved[0]);
        if (NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(nbl) == CancelId) {
            NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_REQUEST_ABORTED;
        }
    }
    NdisReleaseSpinLock(&adapter->SendLock);
}

_Use_decl_annotations_
VOID MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST nbl = NetBufferLists;

    UNREFERENCED_PARAMETER(ReturnFlags);
    while (nbl != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(nbl);
        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
        NdisFreeNetBufferList(nbl);
        InterlockedDecrement(&adapter->PendingInterrupts);
        nbl = next;
    }
}

static VOID MpReceive(PMP_ADAPTER Adapter, ULONG ReceiveFlags)
{
    PMDL mdl;
    PNET_BUFFER_LIST nbl;

    mdl = NdisAllocateMdl(Adapter->AdapterHandle, Adapter->SharedMemory, MP_MTU);
    if (mdl == NULL) {
        return;
    }
    nbl = NdisAllocateNetBufferAndNetBufferList(Adapter->NblPool, 0, 0, mdl, 0, MP_MTU);
    if (nbl == NULL) {
        NdisFreeMdl(mdl);
        return;
    }
    nbl->SourceHandle = Adapter->AdapterHandle;
    NET_BUFFER_LIST_SET_HASH_VALUE(nbl, 0x1234);
    NET_BUFFER_LIST_SET_HASH_TYPE(nbl, NDIS_HASH_TCP_IPV4);
    NET_BUFFER_LIST_SET_HASH_FUNCTION(nbl, NdisHashFunctionToeplitz);
    InterlockedIncrement(&Adapter->PendingInterrupts);
    Adapter->GoodReceives++;
    NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, nbl, NDIS_DEFAULT_PORT_NUMBER, 1, ReceiveFlags);
}

_Use_decl_annotations_
BOOLEAN MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG cause;

    NdisReadRegisterUlong(adapter->Registers + 0x10, &cause);
    if (cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    NdisWriteRegisterUlong(adapter->Registers + 0x14, 0);
    *QueueDefaultInterruptDpc = TRUE;
    *TargetProcessors = 0;
    return TRUE;
}

_Use_decl_annotations_
VOID MpInterruptDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext,
                    PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    PNDIS_RECEIVE_THROTTLE_PARAMETERS throttle = (PNDIS_RECEIVE_THROTTLE_PARAMETERS)ReceiveThrottleParameters;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(NdisReserved2);
    NdisDprAcquireSpinLock(&adapter->RecvLock);
    MpReceive(adapter, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
    NdisDprReleaseSpinLock(&adapter->RecvLock);
    if (throttle != NULL) {
        throttle->MoreNblsPending = 0;
    }
    NdisMSynchronizeWithInterruptEx(adapter->InterruptHandle, 0, MpSyncClearInterrupts, adapter);
}

_Use_decl_annotations_
VOID MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    NdisWriteRegisterUlong(adapter->Registers + 0x18, 0);
}

_Use_decl_annotations_
VOID MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportInterruptContext;
    NdisWriteRegisterUlong(adapter->Registers + 0x18, 0xFFFFFFFF);
}

_Use_decl_annotations_
BOOLEAN MpMessageIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId,
                     PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(MessageId);
    return MpIsr(MiniportInterruptContext, QueueDefaultInterruptDpc, TargetProcessors);
}

_Use_decl_annotations_
VOID MpMessageDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext,
                  PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    UNREFERENCED_PARAMETER(MessageId);
    MpInterruptDpc(MiniportInterruptContext, MiniportDpcContext, ReceiveThrottleParameters, NdisReserved2);
}

_Use_decl_annotations_
VOID MpDisableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    UNREFERENCED_PARAMETER(MessageId);
    MpDisableInterrupt(MiniportInterruptContext);
}

_Use_decl_annotations_
VOID MpEnableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    UNREFERENCED_PARAMETER(MessageId);
    MpEnableInterrupt(MiniportInterruptContext);
}

_Use_decl_annotations_
BOOLEAN MpSyncClearInterrupts(NDIS_HANDLE SynchronizeContext)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)SynchronizeContext;
    InterlockedExchange(&adapter->PendingInterrupts, 0);
    return TRUE;
}

_Use_decl_annotations_
VOID MpProcessSgList(PDEVICE_OBJECT pDO, PVOID Reserved, PSCATTER_GATHER_LIST pSGL, PVOID Context)
{
    ULONG i;
    PMP_ADAPTER adapter = (PMP_ADAPTER)Context;

    UNREFERENCED_PARAMETER(pDO);
    UNREFERENCED_PARAMETER(Reserved);
    for (i = 0; i < pSGL->NumberOfElements; i++) {
        adapter->GoodTransmits += pSGL->Elements[i].Length;
    }
}

_Use_decl_annotations_
VOID MpSharedMemComplete(NDIS_HANDLE MiniportAdapterContext, PVOID VirtualAddress,
                         PNDIS_PHYSICAL_ADDRESS PhysicalAddress, ULONG Length, PVOID Context)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(VirtualAddress);
    UNREFERENCED_PARAMETER(PhysicalAddress);
    UNREFERENCED_PARAMETER(Length);
    UNREFERENCED_PARAMETER(Context);
}

_Use_decl_annotations_
BOOLEAN MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    return FALSE;
}

_Use_decl_annotations_
NDIS_STATUS MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    *AddressingReset = FALSE;
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        adapter->Paused = TRUE;
        break;
    case NdisDevicePnPEventPowerProfileChanged:
        if (NetDevicePnPEvent->InformationBufferLength == sizeof(ULONG) &&
            *(PULONG)NetDevicePnPEvent->InformationBuffer == NDIS_POWER_PROFILE_AC_ONLINE) {
            MpIndicateLinkState(adapter, TRUE);
        }
        break;
    default:
        break;
    }
}

_Use_decl_annotations_
VOID MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(ShutdownAction);
    MpDisableInterrupt(MiniportAdapterContext);
}

_Use_decl_annotations_
VOID MpWatchdogTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)FunctionContext;
    LARGE_INTEGER now;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);
    NdisGetCurrentSystemTime(&now);
    if (KeGetCurrentIrql() <= DISPATCH_LEVEL && adapter->WorkItem != NULL) {
        NdisQueueIoWorkItem(adapter->WorkItem, MpWorkItem, adapter);
    }
}

_Use_decl_annotations_
VOID MpWorkItem(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)WorkItemContext;
    CHAR text[64];

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    NdisMSleep(1000);
    NdisStallExecution(10);
    if (NT_SUCCESS(RtlStringCbPrintfA(text, sizeof(text), "filter %lu", adapter->PacketFilter))) {
        MpIndicateLinkState(adapter, TRUE);
    }
}
