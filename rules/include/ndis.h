/*
 * ndis.h - model of the NDIS 6.x miniport driver interface (entry point).
 *
 * Part of the ndislint model headers: a description of the Windows kernel
 * and NDIS 6.x miniport interface, written from the public documentation,
 * for static analysis only.  Including it brings in the kernel model
 * (ntddk.h / wdm.h), the shared NDIS definitions (ntddndis.h), the Native
 * 802.11 definitions (windot11.h) and the NDIS pieces under ndis/, and adds the NDIS library services a miniport uses:
 * spin locks and read/write locks, memory and lookaside lists, timers,
 * work items, events, configuration access, strings, interlocked helpers,
 * register and port access, Ethernet address helpers, error logging,
 * device registration and processor information.
 */
#ifndef NDISLINT_MODEL_NDIS_H
#define NDISLINT_MODEL_NDIS_H

#include <ndis/version.h>
#include <ntddk.h>
#include <ntddndis.h>
#include <ndis/types.h>
#include <ndis/status.h>
#include <windot11.h>
#include <ndis/nbl.h>
#include <ndis/oidrequest.h>
#include <ndis/miniport.h>

EXTERN_C_START

#define NDIS_API
#define NDISAPI
#define EXPORT
#define NDIS_INIT_FUNCTION(FunctionName)
#define NDIS_PAGEABLE_FUNCTION(FunctionName)
#define NDIS_PAGABLE_FUNCTION(FunctionName)

/* ---- IRQL helpers ----------------------------------------------------------------------------------- */
#define NDIS_CURRENT_IRQL() KeGetCurrentIrql()
#define NDIS_RAISE_IRQL_TO_DISPATCH(_pIrql_) KeRaiseIrql(DISPATCH_LEVEL, _pIrql_)
#define NDIS_LOWER_IRQL(_OldIrql_, _CurIrql_) \
    {                                        \
        if ((_OldIrql_) != (_CurIrql_))      \
            KeLowerIrql(_OldIrql_);          \
    }

/* ---- spin locks ------------------------------------------------------------------------------------- */
typedef struct _NDIS_SPIN_LOCK {
    KSPIN_LOCK SpinLock;
    KIRQL OldIrql;
} NDIS_SPIN_LOCK, *PNDIS_SPIN_LOCK;

VOID NdisAllocateSpinLock(_Out_ PNDIS_SPIN_LOCK SpinLock);
VOID NdisFreeSpinLock(_In_ PNDIS_SPIN_LOCK SpinLock);
#define NdisAcquireSpinLock(_SpinLock) KeAcquireSpinLock(&(_SpinLock)->SpinLock, &(_SpinLock)->OldIrql)
#define NdisReleaseSpinLock(_SpinLock) KeReleaseSpinLock(&(_SpinLock)->SpinLock, (_SpinLock)->OldIrql)
#define NdisDprAcquireSpinLock(_SpinLock) KeAcquireSpinLockAtDpcLevel(&(_SpinLock)->SpinLock)
#define NdisDprReleaseSpinLock(_SpinLock) KeReleaseSpinLockFromDpcLevel(&(_SpinLock)->SpinLock)

/* ---- read/write locks --------------------------------------------------------------------------------- */
typedef struct _LOCK_STATE {
    USHORT LockState;
    KIRQL OldIrql;
} LOCK_STATE, *PLOCK_STATE;

typedef struct _NDIS_RW_LOCK {
    union {
        struct {
            KSPIN_LOCK SpinLock;
            PVOID Context;
        };
        UCHAR Reserved[16];
    };
    ULONG RefCount[MAXIMUM_PROCESSORS * 4];
} NDIS_RW_LOCK, *PNDIS_RW_LOCK;

VOID NdisInitializeReadWriteLock(_Out_ PNDIS_RW_LOCK Lock);
VOID NdisAcquireReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock, _In_ BOOLEAN fWrite, _Out_ PLOCK_STATE LockState);
VOID NdisReleaseReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock, _In_ PLOCK_STATE LockState);
VOID NdisDprAcquireReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock, _In_ BOOLEAN fWrite, _Out_ PLOCK_STATE LockState);
VOID NdisDprReleaseReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock, _In_ PLOCK_STATE LockState);

typedef struct _NDIS_RW_LOCK_EX NDIS_RW_LOCK_EX, *PNDIS_RW_LOCK_EX;
typedef struct _LOCK_STATE_EX {
    KIRQL OldIrql;
    UCHAR LockState;
    UCHAR Flags;
} LOCK_STATE_EX, *PLOCK_STATE_EX;
#define NDIS_RWL_AT_DISPATCH_LEVEL 1
PNDIS_RW_LOCK_EX NdisAllocateRWLock(_In_ NDIS_HANDLE NdisHandle);
VOID NdisFreeRWLock(_In_ PNDIS_RW_LOCK_EX Lock);
VOID NdisAcquireRWLockRead(_In_ PNDIS_RW_LOCK_EX Lock, _Out_ PLOCK_STATE_EX LockState, _In_ UCHAR Flags);
VOID NdisAcquireRWLockWrite(_In_ PNDIS_RW_LOCK_EX Lock, _Out_ PLOCK_STATE_EX LockState, _In_ UCHAR Flags);
VOID NdisReleaseRWLock(_In_ PNDIS_RW_LOCK_EX Lock, _In_ PLOCK_STATE_EX LockState);

/* ---- memory ------------------------------------------------------------------------------------------- */
#define NDIS_MEMORY_CONTIGUOUS 0x00000001
#define NDIS_MEMORY_NONCACHED  0x00000002

PVOID NdisAllocateMemoryWithTagPriority(_In_ NDIS_HANDLE NdisHandle, _In_ UINT Length, _In_ ULONG Tag, _In_ EX_POOL_PRIORITY Priority);
NDIS_STATUS NdisAllocateMemoryWithTag(_Out_ PVOID *VirtualAddress, _In_ UINT Length, _In_ ULONG Tag);
VOID NdisFreeMemory(_In_ PVOID VirtualAddress, _In_ UINT Length, _In_ UINT MemoryFlags);
VOID NdisFreeMemoryWithTag(_In_ PVOID VirtualAddress, _In_ ULONG Tag);
VOID NdisFreeMemoryWithTagPriority(_In_ NDIS_HANDLE NdisHandle, _In_ PVOID VirtualAddress, _In_ ULONG Tag);
ULONG NdisGetSharedDataAlignment(VOID);

#define NdisZeroMemory(Destination, Length) RtlZeroMemory(Destination, Length)
#define NdisMoveMemory(Destination, Source, Length) RtlCopyMemory(Destination, Source, Length)
#define NdisFillMemory(Destination, Length, Fill) RtlFillMemory(Destination, Length, Fill)
#define NdisEqualMemory(Source1, Source2, Length) RtlEqualMemory(Source1, Source2, Length)
#define NdisMoveMappedMemory(Destination, Source, Length) RtlCopyMemory(Destination, Source, Length)
#define NdisZeroMappedMemory(Destination, Length) RtlZeroMemory(Destination, Length)
#define NdisRetrieveUlong(Destination, Source) RtlCopyMemory((Destination), (Source), sizeof(ULONG))
#define NdisStoreUlong(Destination, Value) \
    do { ULONG _NdisValue = (Value); RtlCopyMemory((Destination), &_NdisValue, sizeof(ULONG)); } while (0)

/* ---- lookaside lists ------------------------------------------------------------------------------------ */
static __inline VOID NdisInitializeNPagedLookasideList(_Out_ PNPAGED_LOOKASIDE_LIST Lookaside, _In_opt_ PALLOCATE_FUNCTION Allocate, _In_opt_ PFREE_FUNCTION Free, _In_ ULONG Flags, _In_ SIZE_T Size, _In_ ULONG Tag, _In_ USHORT Depth)
{
    ExInitializeNPagedLookasideList(Lookaside, Allocate, Free, Flags, Size, Tag, Depth);
}
#define NdisDeleteNPagedLookasideList(_L) ExDeleteNPagedLookasideList(_L)
#define NdisAllocateFromNPagedLookasideList(_L) ExAllocateFromNPagedLookasideList(_L)
#define NdisFreeToNPagedLookasideList(_L, _E) ExFreeToNPagedLookasideList(_L, _E)

/* ---- interlocked helpers -------------------------------------------------------------------------------- */
NTKERNELAPI ULONG FASTCALL ExInterlockedAddUlong(_Inout_ PULONG Addend, _In_ ULONG Increment, _Inout_ PKSPIN_LOCK Lock);
NTKERNELAPI LARGE_INTEGER ExInterlockedAddLargeInteger(_Inout_ PLARGE_INTEGER Addend, _In_ LARGE_INTEGER Increment, _Inout_ PKSPIN_LOCK Lock);
#define NdisInterlockedIncrement(Addend) InterlockedIncrement(Addend)
#define NdisInterlockedDecrement(Addend) InterlockedDecrement(Addend)
#define NdisInterlockedExchange(Target, Value) InterlockedExchange(Target, Value)
#define NdisInterlockedCompareExchange(Destination, Exchange, Comparand) InterlockedCompareExchange(Destination, Exchange, Comparand)
#define NdisInterlockedAddUlong(_Addend, _Increment, _SpinLock) ExInterlockedAddUlong(_Addend, _Increment, &(_SpinLock)->SpinLock)
#define NdisInterlockedAddLargeInteger(_Addend, _Increment, _SpinLock) ExInterlockedAddLargeInteger(_Addend, _Increment, _SpinLock)
#define NdisInterlockedInsertHeadList(_ListHead, _ListEntry, _SpinLock) ExInterlockedInsertHeadList(_ListHead, _ListEntry, &(_SpinLock)->SpinLock)
#define NdisInterlockedInsertTailList(_ListHead, _ListEntry, _SpinLock) ExInterlockedInsertTailList(_ListHead, _ListEntry, &(_SpinLock)->SpinLock)
#define NdisInterlockedRemoveHeadList(_ListHead, _SpinLock) ExInterlockedRemoveHeadList(_ListHead, &(_SpinLock)->SpinLock)
#define NdisInterlockedPushEntryList(ListHead, ListEntry, Lock) ExInterlockedPushEntryList(ListHead, ListEntry, &(Lock)->SpinLock)
#define NdisInterlockedPopEntryList(ListHead, Lock) ExInterlockedPopEntryList(ListHead, &(Lock)->SpinLock)
#define NdisInitializeListHead(_ListHead) InitializeListHead(_ListHead)
#define NdisInitializeSListHead(SListHead) InitializeSListHead(SListHead)
#define NdisInterlockedPushEntrySList(SListHead, SListEntry, Lock) InterlockedPushEntrySList(SListHead, SListEntry)
#define NdisInterlockedPopEntrySList(SListHead, Lock) InterlockedPopEntrySList(SListHead)
#define NdisInterlockedFlushSList(SListHead) InterlockedFlushSList(SListHead)
#define NdisQueryDepthSList(SListHead) ExQueryDepthSList(SListHead)

/* ---- timers ------------------------------------------------------------------------------------------------ */
typedef VOID (NDIS_TIMER_FUNCTION)(_In_ PVOID SystemSpecific1, _In_ PVOID FunctionContext, _In_ PVOID SystemSpecific2, _In_ PVOID SystemSpecific3);
typedef NDIS_TIMER_FUNCTION (*PNDIS_TIMER_FUNCTION);

typedef struct _NDIS_TIMER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG AllocationTag;
    PNDIS_TIMER_FUNCTION TimerFunction;
    PVOID FunctionContext;
} NDIS_TIMER_CHARACTERISTICS, *PNDIS_TIMER_CHARACTERISTICS;

#define NDIS_TIMER_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_TIMER_CHARACTERISTICS, FunctionContext)

NDIS_STATUS NdisAllocateTimerObject(_In_ NDIS_HANDLE NdisHandle, _In_ PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics, _Out_ PNDIS_HANDLE pTimerObject);
BOOLEAN NdisSetTimerObject(_In_ NDIS_HANDLE TimerObject, _In_ LARGE_INTEGER DueTime, _In_opt_ LONG MillisecondsPeriod, _In_opt_ PVOID FunctionContext);
BOOLEAN NdisCancelTimerObject(_In_ NDIS_HANDLE TimerObject);
VOID NdisFreeTimerObject(_In_ NDIS_HANDLE TimerObject);

typedef struct _NDIS_TIMER {
    KTIMER Timer;
    KDPC Dpc;
} NDIS_TIMER, *PNDIS_TIMER;
VOID NdisInitializeTimer(_Inout_ PNDIS_TIMER Timer, _In_ PNDIS_TIMER_FUNCTION TimerFunction, _In_opt_ PVOID FunctionContext);
VOID NdisSetTimer(_In_ PNDIS_TIMER Timer, _In_ UINT MillisecondsToDelay);
VOID NdisCancelTimer(_In_ PNDIS_TIMER Timer, _Out_ PBOOLEAN TimerCancelled);

/* ---- work items ---------------------------------------------------------------------------------------------- */
typedef VOID (NDIS_IO_WORKITEM_FUNCTION)(_In_opt_ PVOID WorkItemContext, _In_ NDIS_HANDLE NdisIoWorkItemHandle);
typedef NDIS_IO_WORKITEM_FUNCTION (*NDIS_IO_WORKITEM_ROUTINE);

NDIS_HANDLE NdisAllocateIoWorkItem(_In_ NDIS_HANDLE NdisObjectHandle);
VOID NdisQueueIoWorkItem(_In_ NDIS_HANDLE NdisIoWorkItemHandle, _In_ NDIS_IO_WORKITEM_ROUTINE Routine, _In_ PVOID WorkItemContext);
VOID NdisFreeIoWorkItem(_In_ NDIS_HANDLE NdisIoWorkItemHandle);

struct _NDIS_WORK_ITEM;
typedef VOID (*NDIS_PROC)(_In_ struct _NDIS_WORK_ITEM *, _In_opt_ PVOID);
typedef struct _NDIS_WORK_ITEM {
    PVOID Context;
    NDIS_PROC Routine;
    UCHAR WrapperReserved[8 * sizeof(PVOID)];
} NDIS_WORK_ITEM, *PNDIS_WORK_ITEM;
#define NdisInitializeWorkItem(_WI_, _R_, _C_) \
    ((_WI_)->Context = (_C_), (_WI_)->Routine = (_R_))
NDIS_STATUS NdisScheduleWorkItem(_In_ PNDIS_WORK_ITEM WorkItem);

/* ---- events and mutexes -------------------------------------------------------------------------------------- */
typedef struct _NDIS_EVENT {
    KEVENT Event;
} NDIS_EVENT, *PNDIS_EVENT;

VOID NdisInitializeEvent(_Out_ PNDIS_EVENT Event);
VOID NdisSetEvent(_In_ PNDIS_EVENT Event);
VOID NdisResetEvent(_In_ PNDIS_EVENT Event);
BOOLEAN NdisWaitEvent(_In_ PNDIS_EVENT Event, _In_ UINT MsToWait);

typedef KMUTEX NDIS_MUTEX, *PNDIS_MUTEX;
#define NDIS_INIT_MUTEX(_M_) KeInitializeMutex(_M_, 0xFFFF)
#define NDIS_WAIT_FOR_MUTEX(_M_) KeWaitForSingleObject(_M_, Executive, KernelMode, FALSE, NULL)
#define NDIS_RELEASE_MUTEX(_M_) KeReleaseMutex(_M_, FALSE)

/* ---- time -------------------------------------------------------------------------------------------------------- */
#define NdisGetCurrentSystemTime(_pSystemTime) KeQuerySystemTime(_pSystemTime)
#define NdisStallExecution(MicroSecondsToStall) KeStallExecutionProcessor(MicroSecondsToStall)
VOID NdisMSleep(_In_ ULONG MicrosecondsToSleep);
VOID NdisGetSystemUpTime(_Out_ PULONG pSystemUpTime);
VOID NdisGetSystemUpTimeEx(_Out_ PLARGE_INTEGER pSystemUpTime);
VOID NdisGetCurrentProcessorCpuUsage(_Out_ PULONG pCpuUsage);
VOID NdisGetCurrentProcessorCounts(_Out_ PULONG pIdleCount, _Out_ PULONG pKernelAndUser, _Out_ PULONG pIndex);

/* ---- configuration --------------------------------------------------------------------------------------------- */
typedef enum _NDIS_PARAMETER_TYPE {
    NdisParameterInteger,
    NdisParameterHexInteger,
    NdisParameterString,
    NdisParameterMultiString,
    NdisParameterBinary
} NDIS_PARAMETER_TYPE, *PNDIS_PARAMETER_TYPE;

typedef struct {
    USHORT Length;
    PVOID Buffer;
} BINARY_DATA;

typedef struct _NDIS_CONFIGURATION_PARAMETER {
    NDIS_PARAMETER_TYPE ParameterType;
    union {
        ULONG IntegerData;
        NDIS_STRING StringData;
        BINARY_DATA BinaryData;
    } ParameterData;
} NDIS_CONFIGURATION_PARAMETER, *PNDIS_CONFIGURATION_PARAMETER;

typedef struct _NDIS_CONFIGURATION_OBJECT {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE NdisHandle;
    ULONG Flags;
} NDIS_CONFIGURATION_OBJECT, *PNDIS_CONFIGURATION_OBJECT;

#define NDIS_CONFIGURATION_OBJECT_REVISION_1 1
#define NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_CONFIGURATION_OBJECT, Flags)
#define NDIS_CONFIG_FLAG_FILTER_INSTANCE_CONFIGURATION 0x00000001

NDIS_STATUS NdisOpenConfigurationEx(_In_ PNDIS_CONFIGURATION_OBJECT ConfigObject, _Out_ PNDIS_HANDLE ConfigurationHandle);
VOID NdisCloseConfiguration(_In_ NDIS_HANDLE ConfigurationHandle);
VOID NdisReadConfiguration(_Out_ PNDIS_STATUS Status, _Out_ PNDIS_CONFIGURATION_PARAMETER *ParameterValue, _In_ NDIS_HANDLE ConfigurationHandle, _In_ PNDIS_STRING Keyword, _In_ NDIS_PARAMETER_TYPE ParameterType);
VOID NdisWriteConfiguration(_Out_ PNDIS_STATUS Status, _In_ NDIS_HANDLE ConfigurationHandle, _In_ PNDIS_STRING Keyword, _In_ PNDIS_CONFIGURATION_PARAMETER ParameterValue);
VOID NdisReadNetworkAddress(_Out_ PNDIS_STATUS Status, _Outptr_result_bytebuffer_to_(*NetworkAddressLength, *NetworkAddressLength) PVOID *NetworkAddress, _Out_ PUINT NetworkAddressLength, _In_ NDIS_HANDLE ConfigurationHandle);
VOID NdisOpenConfigurationKeyByName(_Out_ PNDIS_STATUS Status, _In_ NDIS_HANDLE ConfigurationHandle, _In_ PNDIS_STRING SubKeyName, _Out_ PNDIS_HANDLE SubKeyHandle);
VOID NdisOpenConfigurationKeyByIndex(_Out_ PNDIS_STATUS Status, _In_ NDIS_HANDLE ConfigurationHandle, _In_ ULONG Index, _Out_ PNDIS_STRING KeyName, _Out_ PNDIS_HANDLE KeyHandle);

/* ---- strings ------------------------------------------------------------------------------------------------------ */
#define NDIS_STRING_CONST(x) { (USHORT)(sizeof(L##x) - sizeof(WCHAR)), (USHORT)sizeof(L##x), (PWSTR)L##x }
#define NdisInitUnicodeString(Destination, Source) RtlInitUnicodeString(Destination, Source)
#define NdisInitAnsiString(Destination, Source) RtlInitString(Destination, Source)
VOID NdisInitializeString(_Out_ PNDIS_STRING Destination, _In_ PUCHAR Source);
#define NdisFreeString(String) NdisFreeMemory((String).Buffer, (String).MaximumLength, 0)
#define NdisEqualString(String1, String2, CaseInsensitive) RtlEqualUnicodeString(String1, String2, CaseInsensitive)
#define NdisEqualUnicodeString(String1, String2, CaseInsensitive) RtlEqualUnicodeString(String1, String2, CaseInsensitive)
#define NdisPrintString(String) DbgPrint("%ls", (String).Buffer)
NDIS_STATUS NdisAnsiStringToUnicodeString(_Inout_ PNDIS_STRING DestinationString, _In_ PNDIS_ANSI_STRING SourceString);
NDIS_STATUS NdisUnicodeStringToAnsiString(_Inout_ PNDIS_ANSI_STRING DestinationString, _In_ PNDIS_STRING SourceString);
NDIS_STATUS NdisUpcaseUnicodeString(_Out_ PUNICODE_STRING DestinationString, _In_ PUNICODE_STRING SourceString);

/* ---- register and port access -------------------------------------------------------------------------------------- */
#define NdisReadRegisterUchar(Register, Data) (*(Data) = READ_REGISTER_UCHAR((PUCHAR)(Register)))
#define NdisReadRegisterUshort(Register, Data) (*(Data) = READ_REGISTER_USHORT((PUSHORT)(Register)))
#define NdisReadRegisterUlong(Register, Data) (*(Data) = READ_REGISTER_ULONG((PULONG)(Register)))
#define NdisWriteRegisterUchar(Register, Data) WRITE_REGISTER_UCHAR((PUCHAR)(Register), (UCHAR)(Data))
#define NdisWriteRegisterUshort(Register, Data) WRITE_REGISTER_USHORT((PUSHORT)(Register), (USHORT)(Data))
#define NdisWriteRegisterUlong(Register, Data) WRITE_REGISTER_ULONG((PULONG)(Register), (ULONG)(Data))
#define NdisRawReadPortUchar(Port, Data) (*(Data) = READ_PORT_UCHAR((PUCHAR)(Port)))
#define NdisRawReadPortUshort(Port, Data) (*(Data) = READ_PORT_USHORT((PUSHORT)(Port)))
#define NdisRawReadPortUlong(Port, Data) (*(Data) = READ_PORT_ULONG((PULONG)(Port)))
#define NdisRawWritePortUchar(Port, Data) WRITE_PORT_UCHAR((PUCHAR)(Port), (UCHAR)(Data))
#define NdisRawWritePortUshort(Port, Data) WRITE_PORT_USHORT((PUSHORT)(Port), (USHORT)(Data))
#define NdisRawWritePortUlong(Port, Data) WRITE_PORT_ULONG((PULONG)(Port), (ULONG)(Data))
#define NdisRawReadPortBufferUchar(Port, Buffer, Length) READ_PORT_BUFFER_UCHAR((PUCHAR)(Port), (PUCHAR)(Buffer), (Length))
#define NdisRawReadPortBufferUshort(Port, Buffer, Length) READ_PORT_BUFFER_USHORT((PUSHORT)(Port), (PUSHORT)(Buffer), (Length))
#define NdisRawReadPortBufferUlong(Port, Buffer, Length) READ_PORT_BUFFER_ULONG((PULONG)(Port), (PULONG)(Buffer), (Length))
#define NdisRawWritePortBufferUchar(Port, Buffer, Length) WRITE_PORT_BUFFER_UCHAR((PUCHAR)(Port), (PUCHAR)(Buffer), (Length))
#define NdisRawWritePortBufferUshort(Port, Buffer, Length) WRITE_PORT_BUFFER_USHORT((PUSHORT)(Port), (PUSHORT)(Buffer), (Length))
#define NdisRawWritePortBufferUlong(Port, Buffer, Length) WRITE_PORT_BUFFER_ULONG((PULONG)(Port), (PULONG)(Buffer), (Length))
#define NdisGetPhysicalAddressHigh(_PhysicalAddress) ((_PhysicalAddress).HighPart)
#define NdisGetPhysicalAddressLow(_PhysicalAddress) ((_PhysicalAddress).LowPart)
#define NdisSetPhysicalAddressHigh(_PhysicalAddress, _Value) ((_PhysicalAddress).HighPart = (_Value))
#define NdisSetPhysicalAddressLow(_PhysicalAddress, _Value) ((_PhysicalAddress).LowPart = (_Value))
#define NDIS_PHYSICAL_ADDRESS_CONST(_Low, _High) { (ULONG)(_Low), (LONG)(_High) }

/* ---- Ethernet helpers (the documentation places these in xfilter.h) -------------------------------------------------- */
#define ETH_LENGTH_OF_ADDRESS 6
#define ETH_IS_BROADCAST(Address) \
    ((((PUCHAR)(Address))[0] == 0xff) && (((PUCHAR)(Address))[1] == 0xff) && (((PUCHAR)(Address))[2] == 0xff) && \
     (((PUCHAR)(Address))[3] == 0xff) && (((PUCHAR)(Address))[4] == 0xff) && (((PUCHAR)(Address))[5] == 0xff))
#define ETH_IS_MULTICAST(Address) ((BOOLEAN)(((PUCHAR)(Address))[0] & ((UCHAR)0x01)))
#define ETH_IS_LOCALLY_ADMINISTERED(Address) ((BOOLEAN)(((PUCHAR)(Address))[0] & ((UCHAR)0x02)))
#define ETH_COPY_NETWORK_ADDRESS(_D, _S) RtlCopyMemory((_D), (_S), ETH_LENGTH_OF_ADDRESS)
#define ETH_COMPARE_NETWORK_ADDRESSES(_A, _B, _Result) \
    (*(_Result) = memcmp((_A), (_B), ETH_LENGTH_OF_ADDRESS))
#define ETH_COMPARE_NETWORK_ADDRESSES_EQ(_A, _B, _Result) \
    (*(_Result) = (memcmp((_A), (_B), ETH_LENGTH_OF_ADDRESS) != 0))

/* ---- error and event logging ------------------------------------------------------------------------------------------ */
#define NDIS_ERROR_CODE_RESOURCE_CONFLICT                ((NDIS_ERROR_CODE)0xC0001388L)
#define NDIS_ERROR_CODE_OUT_OF_RESOURCES                 ((NDIS_ERROR_CODE)0xC0001389L)
#define NDIS_ERROR_CODE_HARDWARE_FAILURE                 ((NDIS_ERROR_CODE)0xC000138AL)
#define NDIS_ERROR_CODE_ADAPTER_NOT_FOUND                ((NDIS_ERROR_CODE)0xC000138BL)
#define NDIS_ERROR_CODE_INTERRUPT_CONNECT                ((NDIS_ERROR_CODE)0xC000138CL)
#define NDIS_ERROR_CODE_DRIVER_FAILURE                   ((NDIS_ERROR_CODE)0xC000138DL)
#define NDIS_ERROR_CODE_BAD_VERSION                      ((NDIS_ERROR_CODE)0xC000138EL)
#define NDIS_ERROR_CODE_TIMEOUT                          ((NDIS_ERROR_CODE)0x8000138FL)
#define NDIS_ERROR_CODE_NETWORK_ADDRESS                  ((NDIS_ERROR_CODE)0xC0001390L)
#define NDIS_ERROR_CODE_UNSUPPORTED_CONFIGURATION        ((NDIS_ERROR_CODE)0xC0001391L)
#define NDIS_ERROR_CODE_INVALID_VALUE_FROM_ADAPTER       ((NDIS_ERROR_CODE)0xC0001392L)
#define NDIS_ERROR_CODE_MISSING_CONFIGURATION_PARAMETER  ((NDIS_ERROR_CODE)0xC0001393L)
#define NDIS_ERROR_CODE_BAD_IO_BASE_ADDRESS              ((NDIS_ERROR_CODE)0xC0001394L)
#define NDIS_ERROR_CODE_RECEIVE_SPACE_SMALL              ((NDIS_ERROR_CODE)0x40001395L)
#define NDIS_ERROR_CODE_ADAPTER_DISABLED                 ((NDIS_ERROR_CODE)0x80001396L)

VOID __cdecl NdisWriteErrorLogEntry(_In_ NDIS_HANDLE NdisAdapterHandle, _In_ NDIS_ERROR_CODE ErrorCode, _In_ ULONG NumberOfErrorValues, ...);
NDIS_STATUS NdisWriteEventLogEntry(_In_ PVOID LogHandle, _In_ NDIS_STATUS EventCode, _In_ ULONG UniqueEventValue, _In_ USHORT NumStrings, _In_opt_ PVOID StringsList, _In_ ULONG DataSize, _In_reads_bytes_opt_(DataSize) PVOID Data);

/* ---- device objects for custom I/O -------------------------------------------------------------------------------------- */
typedef struct _NDIS_DEVICE_OBJECT_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING DeviceName;
    PNDIS_STRING SymbolicName;
    PDRIVER_DISPATCH *MajorFunctions;
    ULONG ExtensionSize;
    PCUNICODE_STRING DefaultSDDLString;
    LPCGUID DeviceClassGuid;
} NDIS_DEVICE_OBJECT_ATTRIBUTES, *PNDIS_DEVICE_OBJECT_ATTRIBUTES;

#define NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 1
#define NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceClassGuid)

NDIS_STATUS NdisRegisterDeviceEx(_In_ NDIS_HANDLE NdisHandle, _In_ PNDIS_DEVICE_OBJECT_ATTRIBUTES DeviceObjectAttributes, _Out_ PDEVICE_OBJECT *pDeviceObject, _Out_ PNDIS_HANDLE NdisDeviceHandle);
VOID NdisDeregisterDeviceEx(_In_ NDIS_HANDLE NdisDeviceHandle);
PVOID NdisGetDeviceReservedExtension(_In_ PDEVICE_OBJECT DeviceObject);

/* ---- processors and system information ------------------------------------------------------------------------------- */
NDIS_STATUS NdisGetRssProcessorInformation(_In_ NDIS_HANDLE NdisHandle, _Out_writes_bytes_to_opt_(*Size, *Size) PNDIS_RSS_PROCESSOR_INFO RssProcessorInfo, _Inout_ PSIZE_T Size);
ULONG NdisGroupActiveProcessorCount(_In_ USHORT Group);
ULONG NdisGroupMaxProcessorCount(_In_ USHORT Group);
KAFFINITY NdisGroupActiveProcessorMask(_In_ USHORT Group);
USHORT NdisActiveGroupCount(VOID);
USHORT NdisMaxGroupCount(VOID);
ULONG NdisSystemActiveProcessorCount(VOID);
CCHAR NdisSystemProcessorCount(VOID);
PROCESSOR_NUMBER NdisCurrentGroupAndProcessor(VOID);
ULONG NdisCurrentProcessorIndex(VOID);
ULONG NdisProcessorNumberToIndex(_In_ PROCESSOR_NUMBER ProcNum);
NDIS_STATUS NdisProcessorIndexToNumber(_In_ ULONG ProcIndex, _Out_ PPROCESSOR_NUMBER ProcNum);
UINT NdisGetVersion(VOID);
PVOID NdisGetRoutineAddress(_In_ PNDIS_STRING NdisRoutineName);

EXTERN_C_END

#endif /* NDISLINT_MODEL_NDIS_H */
