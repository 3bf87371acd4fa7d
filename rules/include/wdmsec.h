/*
 * wdmsec.h - model of the secure device object creation interface.
 *
 * Part of the ndislint model headers, written from the public documentation,
 * for static analysis only.  It declares WdmlibIoCreateDeviceSecure (also
 * reachable as IoCreateDeviceSecure), which creates a named device object
 * with a default security descriptor given in SDDL, and the predefined SDDL
 * strings for device objects.
 */
#ifndef NDISLINT_MODEL_WDMSEC_H
#define NDISLINT_MODEL_WDMSEC_H

#include <wdm.h>

EXTERN_C_START

/* ---- secure device object creation ------------------------------------- */
NTSTATUS WdmlibIoCreateDeviceSecure(_In_ PDRIVER_OBJECT DriverObject, _In_ ULONG DeviceExtensionSize,
                                    _In_opt_ PUNICODE_STRING DeviceName, _In_ DEVICE_TYPE DeviceType,
                                    _In_ ULONG DeviceCharacteristics, _In_ BOOLEAN Exclusive,
                                    _In_ PCUNICODE_STRING DefaultSDDLString, _In_opt_ LPCGUID DeviceClassGuid,
                                    _Out_ PDEVICE_OBJECT *DeviceObject);
#define IoCreateDeviceSecure WdmlibIoCreateDeviceSecure

/* ---- predefined SDDL strings for device objects ------------------------- */
extern const UNICODE_STRING SDDL_DEVOBJ_KERNEL_ONLY;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_ALL;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RX;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX;

EXTERN_C_END

#endif /* NDISLINT_MODEL_WDMSEC_H */
