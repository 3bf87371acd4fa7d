/*
 * ntddk.h - model of the kernel-mode driver development interface.
 *
 * Part of the ndislint model headers: a description of the Windows kernel
 * interface, written from the public documentation, for static analysis
 * only.  Everything a network miniport needs from the kernel is declared
 * in the model's wdm.h; this header adds the few routines that the
 * documentation places in ntddk.h.
 */
#ifndef NDISLINT_MODEL_NTDDK_H
#define NDISLINT_MODEL_NTDDK_H

#include <wdm.h>

EXTERN_C_START

NTKERNELAPI NTSTATUS ZwQuerySystemInformation(_In_ ULONG SystemInformationClass, _Out_writes_bytes_opt_(SystemInformationLength) PVOID SystemInformation, _In_ ULONG SystemInformationLength, _Out_opt_ PULONG ReturnLength);
NTKERNELAPI ULONG HalGetBusDataByOffset(_In_ BUS_DATA_TYPE BusDataType, _In_ ULONG BusNumber, _In_ ULONG SlotNumber, _Out_writes_bytes_(Length) PVOID Buffer, _In_ ULONG Offset, _In_ ULONG Length);
NTKERNELAPI ULONG HalSetBusDataByOffset(_In_ BUS_DATA_TYPE BusDataType, _In_ ULONG BusNumber, _In_ ULONG SlotNumber, _In_reads_bytes_(Length) PVOID Buffer, _In_ ULONG Offset, _In_ ULONG Length);
NTKERNELAPI BOOLEAN ExIsProcessorFeaturePresent(_In_ ULONG ProcessorFeature);
NTKERNELAPI NTSTATUS IoReportDetectedDevice(_In_ PDRIVER_OBJECT DriverObject, _In_ INTERFACE_TYPE LegacyBusType, _In_ ULONG BusNumber, _In_ ULONG SlotNumber, _In_opt_ PCM_RESOURCE_LIST ResourceList, _In_opt_ PIO_RESOURCE_REQUIREMENTS_LIST ResourceRequirements, _In_ BOOLEAN ResourceAssigned, _Inout_ PDEVICE_OBJECT *DeviceObject);

EXTERN_C_END

#endif /* NDISLINT_MODEL_NTDDK_H */
