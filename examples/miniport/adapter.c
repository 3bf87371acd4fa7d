/*
 * adapter.c - MiniportInitializeEx and MiniportHaltEx.
 *
 * Initialisation follows the order the NDIS interrupt contract asks for:
 * registration attributes first, then the register window, then the
 * interrupt; every failure after a step undoes the steps before it.
 */
#include "miniport.h"

static NDIS_STATUS
MpMapRegisters(
    _Inout_ PMP_ADAPTER Adapter,
    _In_ PNDIS_MINIPORT_INIT_PARAMETERS InitParameters
    )
{
    PNDIS_RESOURCE_LIST resources = InitParameters->AllocatedResources;
    ULONG i;

    if (resources == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (i = 0; i < resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR desc = &resources->PartialDescriptors[i];
        PVOID mapped = NULL;
        NDIS_STATUS status;

        if (desc->Type != CmResourceTypeMemory ||
            desc->u.Memory.Length < sizeof(MP_HW_REGISTERS)) {
            continue;
        }
        status = NdisMMapIoSpace(&mapped,
                                 Adapter->AdapterHandle,
                                 desc->u.Memory.Start,
                                 desc->u.Memory.Length);
        if (status != NDIS_STATUS_SUCCESS) {
            return status;
        }
        Adapter->Registers = (volatile MP_HW_REGISTERS *)mapped;
        Adapter->RegisterLength = desc->u.Memory.Length;
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_RESOURCES;
}

static VOID
MpUnmapRegisters(
    _Inout_ PMP_ADAPTER Adapter
    )
{
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle,
                          (PVOID)Adapter->Registers,
                          Adapter->RegisterLength);
        Adapter->Registers = NULL;
    }
}

static VOID
MpResetHardware(
    _Inout_ PMP_ADAPTER Adapter
    )
{
    Adapter->Registers->InterruptMask = 0;
    Adapter->Registers->MessageMask = 0;
    Adapter->Registers->Control = MP_CONTROL_RESET;
    Adapter->Registers->InterruptCause = MP_CAUSE_ALL;
}

static VOID
MpStartHardware(
    _Inout_ PMP_ADAPTER Adapter
    )
{
    if (Adapter->UsingMessageInterrupts) {
        Adapter->Registers->MessageMask = MP_CAUSE_ALL;
    } else {
        Adapter->Registers->InterruptMask = MP_CAUSE_ALL;
    }
    Adapter->Registers->Control = MP_CONTROL_ENABLE;
}

_Use_decl_annotations_
NDIS_STATUS
MpInitializeEx(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES attributes;
    PMP_ADAPTER adapter;
    NDIS_STATUS status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    adapter = (PMP_ADAPTER)NdisAllocateMemoryWithTagPriority(
        MiniportAdapterHandle, sizeof(MP_ADAPTER), MP_TAG, NormalPoolPriority);
    if (adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(adapter, sizeof(MP_ADAPTER));
    adapter->AdapterHandle = MiniportAdapterHandle;

    NdisZeroMemory(&attributes, sizeof(attributes));
    attributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    attributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    attributes.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    attributes.MiniportAdapterContext = adapter;
    attributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    attributes.CheckForHangTimeInSeconds = 0;
    attributes.InterfaceType = NdisInterfacePci;

    status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&attributes);
    if (status != NDIS_STATUS_SUCCESS) {
        goto free_adapter;
    }

    status = MpMapRegisters(adapter, MiniportInitParameters);
    if (status != NDIS_STATUS_SUCCESS) {
        goto free_adapter;
    }
    MpResetHardware(adapter);

    status = MpRegisterInterrupt(adapter);
    if (status != NDIS_STATUS_SUCCESS) {
        goto unmap;
    }

    MpStartHardware(adapter);
    return NDIS_STATUS_SUCCESS;

unmap:
    MpUnmapRegisters(adapter);
free_adapter:
    NdisFreeMemory(adapter, 0, 0);
    return status;
}

_Use_decl_annotations_
VOID
MpHaltEx(
    NDIS_HANDLE MiniportAdapterContext,
    NDIS_HALT_ACTION HaltAction
    )
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    MpResetHardware(adapter);
    MpDeregisterInterrupt(adapter);
    MpUnmapRegisters(adapter);
    NdisFreeMemory(adapter, 0, 0);
}
