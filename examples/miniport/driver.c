/*
 * driver.c - DriverEntry, the miniport driver characteristics, and the
 * handlers this example keeps minimal.
 */
#include "miniport.h"

NDIS_HANDLE MpDriverHandle = NULL;

#pragma alloc_text(INIT, DriverEntry)

_Use_decl_annotations_
NTSTATUS
DriverEntry(
    PDRIVER_OBJECT DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS chars;
    NDIS_STATUS status;

    NdisZeroMemory(&chars, sizeof(chars));
    chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;

    chars.MajorNdisVersion = MP_NDIS_MAJOR_VERSION;
    chars.MinorNdisVersion = MP_NDIS_MINOR_VERSION;
    chars.MajorDriverVersion = MP_DRIVER_MAJOR_VERSION;
    chars.MinorDriverVersion = MP_DRIVER_MINOR_VERSION;

    chars.InitializeHandlerEx = MpInitializeEx;
    chars.HaltHandlerEx = MpHaltEx;
    chars.UnloadHandler = MpUnload;
    chars.PauseHandler = MpPause;
    chars.RestartHandler = MpRestart;
    chars.OidRequestHandler = MpOidRequest;
    chars.CancelOidRequestHandler = MpCancelOidRequest;
    chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    chars.CancelSendHandler = MpCancelSend;
    chars.DevicePnPEventNotifyHandler = MpDevicePnpEventNotify;
    chars.ShutdownHandlerEx = MpShutdown;

    status = NdisMRegisterMiniportDriver(DriverObject,
                                         RegistryPath,
                                         NULL,
                                         &chars,
                                         &MpDriverHandle);
    return (NTSTATUS)status;
}

/*
 * The handlers below are the minimum NDIS asks for. This example moves no
 * packets: it exists to show the interrupt contract (see interrupt.c).
 */

_Use_decl_annotations_
VOID MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

_Use_decl_annotations_
NDIS_STATUS MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS Parameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Parameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS Parameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Parameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST Request)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Request);
    return NDIS_STATUS_NOT_SUPPORTED;
}

_Use_decl_annotations_
VOID MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* No transmit path: every list is completed at once with a failure. */
_Use_decl_annotations_
VOID MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST nbl;

    UNREFERENCED_PARAMETER(PortNumber);
    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_FAILURE;
    }
    NdisMSendNetBufferListsComplete(adapter->AdapterHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                        ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

_Use_decl_annotations_
VOID MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

_Use_decl_annotations_
VOID MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

_Use_decl_annotations_
VOID MpDevicePnpEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT Event)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Event);
}

/* Quiesce the device: no waiting and no freeing at shutdown. */
_Use_decl_annotations_
VOID MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    adapter->Registers->InterruptMask = 0;
    adapter->Registers->MessageMask = 0;
    adapter->Registers->Control = MP_CONTROL_RESET;
}
