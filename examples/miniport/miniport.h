/*
 * miniport.h - shared declarations of the example NDIS 6.20 miniport.
 *
 * The device is a small PCI Ethernet controller with one memory-mapped
 * register window. It can signal three MSI messages (receive, transmit,
 * link change) or, when the system grants no MSI, one shared line-based
 * interrupt. Every cause bit is write-one-to-clear.
 *
 * The driver is meant to be read next to the ndislint rules: it is
 * correct except for two deliberate contract mistakes, both in
 * interrupt.c and both marked "CONTRACT MISTAKE".
 */
#ifndef MINIPORT_H
#define MINIPORT_H

/* Compiled as an NDIS 6.20 miniport: NDIS_MINIPORT_DRIVER and
 * NDIS620_MINIPORT are defined on the compiler command line. */
#include <ndis.h>

#define MP_NDIS_MAJOR_VERSION   6
#define MP_NDIS_MINOR_VERSION   20
#define MP_DRIVER_MAJOR_VERSION 1
#define MP_DRIVER_MINOR_VERSION 0

#define MP_TAG 'xEpM'

/* Cause bits, shared by InterruptCause, InterruptMask and MessageMask. */
#define MP_CAUSE_RX   0x00000001u
#define MP_CAUSE_TX   0x00000002u
#define MP_CAUSE_LINK 0x00000004u
#define MP_CAUSE_ALL  (MP_CAUSE_RX | MP_CAUSE_TX | MP_CAUSE_LINK)

/* MSI message n signals cause bit (1 << n). */
#define MP_MESSAGE_COUNT 3

typedef struct _MP_HW_REGISTERS {
    ULONG InterruptCause;   /* pending causes; write 1 to clear */
    ULONG InterruptMask;    /* line-based: 1 = cause enabled */
    ULONG MessageMask;      /* message-based: 1 = message enabled */
    ULONG Control;
} MP_HW_REGISTERS;

#define MP_CONTROL_RESET  0x00000001u
#define MP_CONTROL_ENABLE 0x00000002u

typedef struct _MP_ADAPTER {
    NDIS_HANDLE AdapterHandle;

    volatile MP_HW_REGISTERS *Registers;
    ULONG RegisterLength;

    NDIS_HANDLE InterruptHandle;
    BOOLEAN InterruptRegistered;
    BOOLEAN UsingMessageInterrupts;
    PIO_INTERRUPT_MESSAGE_INFO MessageInfo;

    ULONG RxEvents;
    ULONG TxEvents;
    ULONG LinkEvents;
} MP_ADAPTER, *PMP_ADAPTER;

extern NDIS_HANDLE MpDriverHandle;

/* driver.c */
DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD MpUnload;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnpEventNotify;
MINIPORT_SHUTDOWN MpShutdown;

/* adapter.c */
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;

/* interrupt.c */
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpInterruptDpc;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_MESSAGE_INTERRUPT MpMessageInterrupt;
MINIPORT_MESSAGE_INTERRUPT_DPC MpMessageInterruptDpc;
MINIPORT_DISABLE_MESSAGE_INTERRUPT MpDisableMessageInterrupt;
MINIPORT_ENABLE_MESSAGE_INTERRUPT MpEnableMessageInterrupt;

_IRQL_requires_(PASSIVE_LEVEL)
NDIS_STATUS
MpRegisterInterrupt(
    _Inout_ PMP_ADAPTER Adapter
    );

_IRQL_requires_(PASSIVE_LEVEL)
VOID
MpDeregisterInterrupt(
    _Inout_ PMP_ADAPTER Adapter
    );

#endif /* MINIPORT_H */
