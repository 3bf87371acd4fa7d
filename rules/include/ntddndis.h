/*
 * ntddndis.h - model of the NDIS definitions shared by kernel and user mode.
 *
 * Part of the ndislint model headers: a description of the NDIS 6.x
 * miniport interface, written from the public documentation, for static
 * analysis only.  It declares the object header and object types, the
 * OID codes, media and interface enumerations, and the structures passed
 * through OIDs and status indications (link state, statistics, power
 * management, task offload, receive-side scaling).
 */
#ifndef NDISLINT_MODEL_NTDDNDIS_H
#define NDISLINT_MODEL_NTDDNDIS_H

#include <ntdef.h>
#include <ndis/types.h>
#include <ndis/status.h>

EXTERN_C_START

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wmicrosoft-anon-tag"

/* ---- object header ----------------------------------------------------------------------- */
typedef struct _NDIS_OBJECT_HEADER {
    UCHAR Type;
    UCHAR Revision;
    USHORT Size;
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

#define NDIS_OBJECT_REVISION_1 1
#define NDIS_SIZEOF_OBJECT_HEADER_REVISION_1 sizeof(NDIS_OBJECT_HEADER)
#define NDIS_DECLARE_OBJECT_HEADER(h, t, r, s) ((h).Type = (t), (h).Revision = (r), (h).Size = (s))

#define NDIS_OBJECT_TYPE_DEFAULT                                           0x80
#define NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS                          0x81
#define NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION                                0x83
#define NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT                                0x84
#define NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES                          0x85
#define NDIS_OBJECT_TYPE_BIND_PARAMETERS                                   0x86
#define NDIS_OBJECT_TYPE_OPEN_PARAMETERS                                   0x87
#define NDIS_OBJECT_TYPE_RSS_CAPABILITIES                                  0x88
#define NDIS_OBJECT_TYPE_RSS_PARAMETERS                                    0x89
#define NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS                   0x8A
#define NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS                     0x8B
#define NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS                    0x8C
#define NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES                                 0x8D
#define NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS    0x8E
#define NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS  0x8F
#define NDIS_OBJECT_TYPE_CO_PROTOCOL_CHARACTERISTICS                       0x90
#define NDIS_OBJECT_TYPE_CO_MINIPORT_CHARACTERISTICS                       0x91
#define NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS                      0x92
#define NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_CHARACTERISTICS            0x93
#define NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_CHARACTERISTICS          0x94
#define NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS                   0x95
#define NDIS_OBJECT_TYPE_REQUEST_EX                                        0x96
#define NDIS_OBJECT_TYPE_OID_REQUEST                                       0x96
#define NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS                             0x97
#define NDIS_OBJECT_TYPE_STATUS_INDICATION                                 0x98
#define NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS                          0x99
#define NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS                           0x9A
#define NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS                         0x9B
#define NDIS_OBJECT_TYPE_PORT_CHARACTERISTICS                              0x9C
#define NDIS_OBJECT_TYPE_PORT_STATE                                        0x9D
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES          0x9E
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES               0x9F
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES               0xA0
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES         0xA1
#define NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES                        0xA2
#define NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES       0xA3
#define NDIS_OBJECT_TYPE_OFFLOAD                                           0xA7
#define NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION                             0xA8
#define NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT                              0xA9
#define NDIS_OBJECT_TYPE_DRIVER_WRAPPER_OBJECT                             0xAA
#define NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES                               0xAB
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES       0xAF
#define NDIS_OBJECT_TYPE_RSS_PROCESSOR_INFO                                0xB1
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NDK_ATTRIBUTES                   0xB3

/* ---- OID codes ----------------------------------------------------------------------------- */
#define OID_GEN_SUPPORTED_LIST                           0x00010101
#define OID_GEN_HARDWARE_STATUS                          0x00010102
#define OID_GEN_MEDIA_SUPPORTED                          0x00010103
#define OID_GEN_MEDIA_IN_USE                             0x00010104
#define OID_GEN_MAXIMUM_LOOKAHEAD                        0x00010105
#define OID_GEN_MAXIMUM_FRAME_SIZE                       0x00010106
#define OID_GEN_LINK_SPEED                               0x00010107
#define OID_GEN_TRANSMIT_BUFFER_SPACE                    0x00010108
#define OID_GEN_RECEIVE_BUFFER_SPACE                     0x00010109
#define OID_GEN_TRANSMIT_BLOCK_SIZE                      0x0001010A
#define OID_GEN_RECEIVE_BLOCK_SIZE                       0x0001010B
#define OID_GEN_VENDOR_ID                                0x0001010C
#define OID_GEN_VENDOR_DESCRIPTION                       0x0001010D
#define OID_GEN_CURRENT_PACKET_FILTER                    0x0001010E
#define OID_GEN_CURRENT_LOOKAHEAD                        0x0001010F
#define OID_GEN_DRIVER_VERSION                           0x00010110
#define OID_GEN_MAXIMUM_TOTAL_SIZE                       0x00010111
#define OID_GEN_PROTOCOL_OPTIONS                         0x00010112
#define OID_GEN_MAC_OPTIONS                              0x00010113
#define OID_GEN_MEDIA_CONNECT_STATUS                     0x00010114
#define OID_GEN_MAXIMUM_SEND_PACKETS                     0x00010115
#define OID_GEN_VENDOR_DRIVER_VERSION                    0x00010116
#define OID_GEN_SUPPORTED_GUIDS                          0x00010117
#define OID_GEN_NETWORK_LAYER_ADDRESSES                  0x00010118
#define OID_GEN_TRANSPORT_HEADER_OFFSET                  0x00010119
#define OID_GEN_MEDIA_CAPABILITIES                       0x00010201
#define OID_GEN_PHYSICAL_MEDIUM                          0x00010202
#define OID_GEN_RECEIVE_SCALE_CAPABILITIES               0x00010203
#define OID_GEN_RECEIVE_SCALE_PARAMETERS                 0x00010204
#define OID_GEN_MAC_ADDRESS                              0x00010205
#define OID_GEN_MAX_LINK_SPEED                           0x00010206
#define OID_GEN_LINK_STATE                               0x00010207
#define OID_GEN_LINK_PARAMETERS                          0x00010208
#define OID_GEN_INTERRUPT_MODERATION                     0x00010209
#define OID_GEN_ENUMERATE_PORTS                          0x0001020D
#define OID_GEN_PORT_STATE                               0x0001020E
#define OID_GEN_PORT_AUTHENTICATION_PARAMETERS           0x0001020F
#define OID_GEN_PHYSICAL_MEDIUM_EX                       0x00010213
#define OID_GEN_MACHINE_NAME                             0x0001021A
#define OID_GEN_RNDIS_CONFIG_PARAMETER                   0x0001021B
#define OID_GEN_VLAN_ID                                  0x0001021C
#define OID_GEN_MINIPORT_RESTART_ATTRIBUTES              0x0001021D
#define OID_GEN_HD_SPLIT_PARAMETERS                      0x0001021E
#define OID_GEN_RECEIVE_HASH                             0x0001021F
/* NDIS network interface OIDs, answered by interface providers. */
#define OID_GEN_MEDIA_CONNECT_STATUS_EX                  0x0001028A
#define OID_GEN_LINK_SPEED_EX                            0x0001028B
#define OID_GEN_MEDIA_DUPLEX_STATE                       0x0001028C
#define OID_GEN_XMIT_OK                                  0x00020101
#define OID_GEN_RCV_OK                                   0x00020102
#define OID_GEN_XMIT_ERROR                               0x00020103
#define OID_GEN_RCV_ERROR                                0x00020104
#define OID_GEN_RCV_NO_BUFFER                            0x00020105
#define OID_GEN_STATISTICS                               0x00020106
#define OID_GEN_DIRECTED_BYTES_XMIT                      0x00020201
#define OID_GEN_DIRECTED_FRAMES_XMIT                     0x00020202
#define OID_GEN_MULTICAST_BYTES_XMIT                     0x00020203
#define OID_GEN_MULTICAST_FRAMES_XMIT                    0x00020204
#define OID_GEN_BROADCAST_BYTES_XMIT                     0x00020205
#define OID_GEN_BROADCAST_FRAMES_XMIT                    0x00020206
#define OID_GEN_DIRECTED_BYTES_RCV                       0x00020207
#define OID_GEN_DIRECTED_FRAMES_RCV                      0x00020208
#define OID_GEN_MULTICAST_BYTES_RCV                      0x00020209
#define OID_GEN_MULTICAST_FRAMES_RCV                     0x0002020A
#define OID_GEN_BROADCAST_BYTES_RCV                      0x0002020B
#define OID_GEN_BROADCAST_FRAMES_RCV                     0x0002020C
#define OID_GEN_RCV_CRC_ERROR                            0x0002020D
#define OID_GEN_TRANSMIT_QUEUE_LENGTH                    0x0002020E
#define OID_GEN_GET_TIME_CAPS                            0x0002020F
#define OID_GEN_GET_NETCARD_TIME                         0x00020210
#define OID_GEN_NETCARD_LOAD                             0x00020211
#define OID_GEN_DEVICE_PROFILE                           0x00020212
#define OID_GEN_INIT_TIME_MS                             0x00020213
#define OID_GEN_RESET_COUNTS                             0x00020214
#define OID_GEN_MEDIA_SENSE_COUNTS                       0x00020215
#define OID_GEN_FRIENDLY_NAME                            0x00020216
#define OID_GEN_BYTES_RCV                                0x00020219
#define OID_GEN_BYTES_XMIT                               0x0002021A
#define OID_GEN_RCV_DISCARDS                             0x0002021B
#define OID_GEN_XMIT_DISCARDS                            0x0002021C
#define OID_802_3_PERMANENT_ADDRESS                      0x01010101
#define OID_802_3_CURRENT_ADDRESS                        0x01010102
#define OID_802_3_MULTICAST_LIST                         0x01010103
#define OID_802_3_MAXIMUM_LIST_SIZE                      0x01010104
#define OID_802_3_MAC_OPTIONS                            0x01010105
#define OID_802_3_ADD_MULTICAST_ADDRESS                  0x01010208
#define OID_802_3_DELETE_MULTICAST_ADDRESS               0x01010209
#define OID_802_3_RCV_ERROR_ALIGNMENT                    0x01020101
#define OID_802_3_XMIT_ONE_COLLISION                     0x01020102
#define OID_802_3_XMIT_MORE_COLLISIONS                   0x01020103
#define OID_802_3_XMIT_DEFERRED                          0x01020201
#define OID_802_3_XMIT_MAX_COLLISIONS                    0x01020202
#define OID_802_3_RCV_OVERRUN                            0x01020203
#define OID_802_3_XMIT_UNDERRUN                          0x01020204
#define OID_802_3_XMIT_HEARTBEAT_FAILURE                 0x01020205
#define OID_802_3_XMIT_TIMES_CRS_LOST                    0x01020206
#define OID_802_3_XMIT_LATE_COLLISIONS                   0x01020207
#define OID_OFFLOAD_ENCAPSULATION                        0x0101010A
#define OID_TCP_TASK_OFFLOAD                             0xFC010201
#define OID_TCP_TASK_IPSEC_ADD_SA                        0xFC010202
#define OID_TCP_TASK_IPSEC_DELETE_SA                     0xFC010203
#define OID_TCP_SAN_SUPPORT                              0xFC010204
#define OID_TCP_TASK_IPSEC_ADD_UDPESP_SA                 0xFC010205
#define OID_TCP_TASK_IPSEC_DELETE_UDPESP_SA              0xFC010206
#define OID_TCP4_OFFLOAD_STATS                           0xFC010207
#define OID_TCP6_OFFLOAD_STATS                           0xFC010208
#define OID_IP4_OFFLOAD_STATS                            0xFC010209
#define OID_IP6_OFFLOAD_STATS                            0xFC01020A
#define OID_TCP_OFFLOAD_CURRENT_CONFIG                   0xFC01020B
#define OID_TCP_OFFLOAD_PARAMETERS                       0xFC01020C
#define OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES            0xFC01020D
#define OID_TCP_CONNECTION_OFFLOAD_CURRENT_CONFIG        0xFC01020E
#define OID_TCP_CONNECTION_OFFLOAD_HARDWARE_CAPABILITIES 0xFC01020F
#define OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA             0xFC030202
#define OID_TCP_TASK_IPSEC_OFFLOAD_V2_DELETE_SA          0xFC030203
#define OID_TCP_TASK_IPSEC_OFFLOAD_V2_UPDATE_SA          0xFC030204
#define OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX          0xFC030205
#define OID_PNP_CAPABILITIES                             0xFD010100
#define OID_PNP_SET_POWER                                0xFD010101
#define OID_PNP_QUERY_POWER                              0xFD010102
#define OID_PNP_ADD_WAKE_UP_PATTERN                      0xFD010103
#define OID_PNP_REMOVE_WAKE_UP_PATTERN                   0xFD010104
#define OID_PNP_WAKE_UP_PATTERN_LIST                     0xFD010105
#define OID_PNP_ENABLE_WAKE_UP                           0xFD010106
#define OID_PM_CURRENT_CAPABILITIES                      0xFD010107
#define OID_PM_HARDWARE_CAPABILITIES                     0xFD010108
#define OID_PM_PARAMETERS                                0xFD010109
#define OID_PM_ADD_WOL_PATTERN                           0xFD01010A
#define OID_PM_REMOVE_WOL_PATTERN                        0xFD01010B
#define OID_PM_WOL_PATTERN_LIST                          0xFD01010C
#define OID_PM_ADD_PROTOCOL_OFFLOAD                      0xFD01010D
#define OID_PM_GET_PROTOCOL_OFFLOAD                      0xFD01010E
#define OID_PM_REMOVE_PROTOCOL_OFFLOAD                   0xFD01010F
#define OID_PM_PROTOCOL_OFFLOAD_LIST                     0xFD010110
#define OID_PNP_WAKE_UP_OK                               0xFD020200
#define OID_PNP_WAKE_UP_ERROR                            0xFD020201

/* ---- media, interface and hardware enumerations ------------------------------------------- */
typedef enum _NDIS_MEDIUM {
    NdisMedium802_3,
    NdisMedium802_5,
    NdisMediumFddi,
    NdisMediumWan,
    NdisMediumLocalTalk,
    NdisMediumDix,
    NdisMediumArcnetRaw,
    NdisMediumArcnet878_2,
    NdisMediumAtm,
    NdisMediumWirelessWan,
    NdisMediumIrda,
    NdisMediumBpc,
    NdisMediumCoWan,
    NdisMedium1394,
    NdisMediumInfiniBand,
    NdisMediumTunnel,
    NdisMediumNative802_11,
    NdisMediumLoopback,
    NdisMediumWiMAX,
    NdisMediumIP,
    NdisMediumMax
} NDIS_MEDIUM, *PNDIS_MEDIUM;

typedef enum _NDIS_PHYSICAL_MEDIUM {
    NdisPhysicalMediumUnspecified,
    NdisPhysicalMediumWirelessLan,
    NdisPhysicalMediumCableModem,
    NdisPhysicalMediumPhoneLine,
    NdisPhysicalMediumPowerLine,
    NdisPhysicalMediumDSL,
    NdisPhysicalMediumFibreChannel,
    NdisPhysicalMedium1394,
    NdisPhysicalMediumWirelessWan,
    NdisPhysicalMediumNative802_11,
    NdisPhysicalMediumBluetooth,
    NdisPhysicalMediumInfiniband,
    NdisPhysicalMediumWiMax,
    NdisPhysicalMediumUWB,
    NdisPhysicalMedium802_3,
    NdisPhysicalMedium802_5,
    NdisPhysicalMediumIrda,
    NdisPhysicalMediumWiredWAN,
    NdisPhysicalMediumWiredCoWan,
    NdisPhysicalMediumOther,
    NdisPhysicalMediumNative802_15_4,
    NdisPhysicalMediumMax
} NDIS_PHYSICAL_MEDIUM, *PNDIS_PHYSICAL_MEDIUM;

typedef enum _NDIS_HARDWARE_STATUS {
    NdisHardwareStatusReady,
    NdisHardwareStatusInitializing,
    NdisHardwareStatusReset,
    NdisHardwareStatusClosing,
    NdisHardwareStatusNotReady
} NDIS_HARDWARE_STATUS, *PNDIS_HARDWARE_STATUS;

typedef enum _NDIS_MEDIA_STATE {
    NdisMediaStateConnected,
    NdisMediaStateDisconnected
} NDIS_MEDIA_STATE, *PNDIS_MEDIA_STATE;

typedef enum _NDIS_DEVICE_POWER_STATE {
    NdisDeviceStateUnspecified = 0,
    NdisDeviceStateD0,
    NdisDeviceStateD1,
    NdisDeviceStateD2,
    NdisDeviceStateD3,
    NdisDeviceStateMaximum
} NDIS_DEVICE_POWER_STATE, *PNDIS_DEVICE_POWER_STATE;

/* Interface definitions (the documentation places these in ifdef.h / ipifcons.h). */
typedef USHORT NET_IFTYPE, *PNET_IFTYPE;
typedef ULONG NET_IF_INDEX, *PNET_IF_INDEX;
typedef UINT32 NET_IF_COMPARTMENT_ID, *PNET_IF_COMPARTMENT_ID;
typedef GUID NET_IF_NETWORK_GUID;
typedef union _NET_LUID_LH {
    ULONG64 Value;
    struct {
        ULONG64 Reserved : 24;
        ULONG64 NetLuidIndex : 24;
        ULONG64 IfType : 16;
    } Info;
} NET_LUID_LH, *PNET_LUID_LH, NET_LUID, *PNET_LUID, IF_LUID, *PIF_LUID;

typedef enum _NET_IF_ACCESS_TYPE {
    NET_IF_ACCESS_LOOPBACK = 1,
    NET_IF_ACCESS_BROADCAST = 2,
    NET_IF_ACCESS_POINT_TO_POINT = 3,
    NET_IF_ACCESS_POINT_TO_MULTI_POINT = 4,
    NET_IF_ACCESS_MAXIMUM = 5
} NET_IF_ACCESS_TYPE, *PNET_IF_ACCESS_TYPE;

typedef enum _NET_IF_DIRECTION_TYPE {
    NET_IF_DIRECTION_SENDRECEIVE,
    NET_IF_DIRECTION_SENDONLY,
    NET_IF_DIRECTION_RECEIVEONLY,
    NET_IF_DIRECTION_MAXIMUM
} NET_IF_DIRECTION_TYPE, *PNET_IF_DIRECTION_TYPE;

typedef enum _NET_IF_CONNECTION_TYPE {
    NET_IF_CONNECTION_DEDICATED = 1,
    NET_IF_CONNECTION_PASSIVE = 2,
    NET_IF_CONNECTION_DEMAND = 3,
    NET_IF_CONNECTION_MAXIMUM = 4
} NET_IF_CONNECTION_TYPE, *PNET_IF_CONNECTION_TYPE;

typedef enum _NET_IF_MEDIA_CONNECT_STATE {
    MediaConnectStateUnknown,
    MediaConnectStateConnected,
    MediaConnectStateDisconnected
} NET_IF_MEDIA_CONNECT_STATE, *PNET_IF_MEDIA_CONNECT_STATE, NDIS_MEDIA_CONNECT_STATE, *PNDIS_MEDIA_CONNECT_STATE;

typedef enum _NET_IF_MEDIA_DUPLEX_STATE {
    MediaDuplexStateUnknown,
    MediaDuplexStateHalf,
    MediaDuplexStateFull
} NET_IF_MEDIA_DUPLEX_STATE, *PNET_IF_MEDIA_DUPLEX_STATE, NDIS_MEDIA_DUPLEX_STATE, *PNDIS_MEDIA_DUPLEX_STATE;

typedef enum _NET_IF_OPER_STATUS {
    NET_IF_OPER_STATUS_UP = 1,
    NET_IF_OPER_STATUS_DOWN,
    NET_IF_OPER_STATUS_TESTING,
    NET_IF_OPER_STATUS_UNKNOWN,
    NET_IF_OPER_STATUS_DORMANT,
    NET_IF_OPER_STATUS_NOT_PRESENT,
    NET_IF_OPER_STATUS_LOWER_LAYER_DOWN
} NET_IF_OPER_STATUS, *PNET_IF_OPER_STATUS;

#define NET_IF_LINK_SPEED_UNKNOWN ((ULONG64)(-1))
#define IF_MAX_PHYS_ADDRESS_LENGTH 32
#define IF_MAX_STRING_SIZE 256
#define IF_TYPE_OTHER 1
#define IF_TYPE_ETHERNET_CSMACD 6
#define IF_TYPE_ISO88025_TOKENRING 9
#define IF_TYPE_PPP 23
#define IF_TYPE_SOFTWARE_LOOPBACK 24
#define IF_TYPE_ATM 37
#define IF_TYPE_IEEE80211 71
#define IF_TYPE_TUNNEL 131
#define IF_TYPE_IEEE1394 144
#define IF_TYPE_IEEE80216_WMAN 237
#define IF_TYPE_WWANPP 243
#define IF_TYPE_WWANPP2 244

typedef enum _NDIS_SUPPORTED_PAUSE_FUNCTIONS {
    NdisPauseFunctionsUnsupported,
    NdisPauseFunctionsSendOnly,
    NdisPauseFunctionsReceiveOnly,
    NdisPauseFunctionsSendAndReceive,
    NdisPauseFunctionsUnknown
} NDIS_SUPPORTED_PAUSE_FUNCTIONS, *PNDIS_SUPPORTED_PAUSE_FUNCTIONS;

typedef enum _NDIS_PORT_TYPE {
    NdisPortTypeUndefined,
    NdisPortTypeBridge,
    NdisPortTypeRasConnection,
    NdisPortType8021xSupplicant,
    NdisPortTypeMax
} NDIS_PORT_TYPE, *PNDIS_PORT_TYPE;

typedef enum _NDIS_PORT_CONTROL_STATE {
    NdisPortControlStateUnknown,
    NdisPortControlStateControlled,
    NdisPortControlStateUncontrolled
} NDIS_PORT_CONTROL_STATE, *PNDIS_PORT_CONTROL_STATE;

typedef enum _NDIS_PORT_AUTHORIZATION_STATE {
    NdisPortAuthorizationUnknown,
    NdisPortAuthorized,
    NdisPortUnauthorized,
    NdisPortReauthorizing
} NDIS_PORT_AUTHORIZATION_STATE, *PNDIS_PORT_AUTHORIZATION_STATE;

#define NDIS_MAX_PHYS_ADDRESS_LENGTH IF_MAX_PHYS_ADDRESS_LENGTH

/* ---- packet filters and MAC options ---------------------------------------------------------- */
#define NDIS_PACKET_TYPE_DIRECTED       0x00000001
#define NDIS_PACKET_TYPE_MULTICAST      0x00000002
#define NDIS_PACKET_TYPE_ALL_MULTICAST  0x00000004
#define NDIS_PACKET_TYPE_BROADCAST      0x00000008
#define NDIS_PACKET_TYPE_SOURCE_ROUTING 0x00000010
#define NDIS_PACKET_TYPE_PROMISCUOUS    0x00000020
#define NDIS_PACKET_TYPE_SMT            0x00000040
#define NDIS_PACKET_TYPE_ALL_LOCAL      0x00000080
#define NDIS_PACKET_TYPE_GROUP          0x00001000
#define NDIS_PACKET_TYPE_ALL_FUNCTIONAL 0x00002000
#define NDIS_PACKET_TYPE_FUNCTIONAL     0x00004000
#define NDIS_PACKET_TYPE_MAC_FRAME      0x00008000
#define NDIS_PACKET_TYPE_NO_LOCAL       0x00010000

#define NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA             0x00000001
#define NDIS_MAC_OPTION_RECEIVE_SERIALIZED              0x00000002
#define NDIS_MAC_OPTION_TRANSFERS_NOT_PEND              0x00000004
#define NDIS_MAC_OPTION_NO_LOOPBACK                     0x00000008
#define NDIS_MAC_OPTION_FULL_DUPLEX                     0x00000010
#define NDIS_MAC_OPTION_EOTX_INDICATION                 0x00000020
#define NDIS_MAC_OPTION_8021P_PRIORITY                  0x00000040
#define NDIS_MAC_OPTION_SUPPORTS_MAC_ADDRESS_OVERWRITE  0x00000080
#define NDIS_MAC_OPTION_RECEIVE_AT_DPC                  0x00000100
#define NDIS_MAC_OPTION_8021Q_VLAN                      0x00000200
#define NDIS_MAC_OPTION_RESERVED                        0x80000000

/* ---- power management --------------------------------------------------------------------------- */
typedef struct _NDIS_PM_WAKE_UP_CAPABILITIES {
    NDIS_DEVICE_POWER_STATE MinMagicPacketWakeUp;
    NDIS_DEVICE_POWER_STATE MinPatternWakeUp;
    NDIS_DEVICE_POWER_STATE MinLinkChangeWakeUp;
} NDIS_PM_WAKE_UP_CAPABILITIES, *PNDIS_PM_WAKE_UP_CAPABILITIES;

typedef struct _NDIS_PNP_CAPABILITIES {
    ULONG Flags;
    NDIS_PM_WAKE_UP_CAPABILITIES WakeUpCapabilities;
} NDIS_PNP_CAPABILITIES, *PNDIS_PNP_CAPABILITIES;

typedef struct _NDIS_PM_PACKET_PATTERN {
    ULONG Priority;
    ULONG Reserved;
    ULONG MaskSize;
    ULONG PatternOffset;
    ULONG PatternSize;
    ULONG PatternFlags;
} NDIS_PM_PACKET_PATTERN, *PNDIS_PM_PACKET_PATTERN;

#define NDIS_DEVICE_WAKE_UP_ENABLE                 0x00000001
#define NDIS_DEVICE_WAKE_ON_PATTERN_MATCH_ENABLE   0x00000002
#define NDIS_DEVICE_WAKE_ON_MAGIC_PACKET_ENABLE    0x00000004
#define NDIS_DEVICE_DISABLE_PM                     0x00000001
#define NDIS_DEVICE_DISABLE_WAKE_UP                0x00000002
#define NDIS_DEVICE_DISABLE_WAKE_ON_RECONNECT      0x00000004
#define NDIS_DEVICE_DISABLE_WAKE_ON_MAGIC_PACKET   0x00000008
#define NDIS_DEVICE_DISABLE_WAKE_ON_PATTERN_MATCH  0x00000010
#define NDIS_PNP_WAKE_UP_MAGIC_PACKET              0x00000001
#define NDIS_PNP_WAKE_UP_PATTERN_MATCH             0x00000002
#define NDIS_PNP_WAKE_UP_LINK_CHANGE               0x00000004

typedef struct _NDIS_PM_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG SupportedWoLPacketPatterns;
    ULONG NumTotalWoLPatterns;
    ULONG MaxWoLPatternSize;
    ULONG MaxWoLPatternOffset;
    ULONG MaxWoLPacketSaveBuffer;
    ULONG SupportedProtocolOffloads;
    ULONG NumArpOffloadIPv4Addresses;
    ULONG NumNSOffloadIPv6Addresses;
    NDIS_DEVICE_POWER_STATE MinMagicPacketWakeUp;
    NDIS_DEVICE_POWER_STATE MinPatternWakeUp;
    NDIS_DEVICE_POWER_STATE MinLinkChangeWakeUp;
    ULONG SupportedWakeUpEvents;
    ULONG MediaSpecificWakeUpEvents;
} NDIS_PM_CAPABILITIES, *PNDIS_PM_CAPABILITIES;

#define NDIS_PM_CAPABILITIES_REVISION_1 1
#define NDIS_PM_CAPABILITIES_REVISION_2 2
#define NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_PM_CAPABILITIES, MinLinkChangeWakeUp)
#define NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_PM_CAPABILITIES, MediaSpecificWakeUpEvents)
#define NDIS_PM_WOL_BITMAP_PATTERN_SUPPORTED          0x00000001
#define NDIS_PM_WOL_MAGIC_PACKET_SUPPORTED            0x00000002
#define NDIS_PM_WOL_IPV4_TCP_SYN_SUPPORTED            0x00000004
#define NDIS_PM_WOL_IPV6_TCP_SYN_SUPPORTED            0x00000008
#define NDIS_PM_WOL_IPV4_DEST_ADDR_WILDCARD_SUPPORTED 0x00000200
#define NDIS_PM_WOL_IPV6_DEST_ADDR_WILDCARD_SUPPORTED 0x00000800
#define NDIS_PM_WOL_EAPOL_REQUEST_ID_MESSAGE_SUPPORTED 0x00010000
#define NDIS_PM_PROTOCOL_OFFLOAD_ARP_SUPPORTED        0x00000001
#define NDIS_PM_PROTOCOL_OFFLOAD_NS_SUPPORTED         0x00000002
#define NDIS_PM_PROTOCOL_OFFLOAD_80211_RSN_REKEY_SUPPORTED 0x00000080
#define NDIS_PM_WAKE_ON_MEDIA_CONNECT_SUPPORTED       0x00000001
#define NDIS_PM_WAKE_ON_MEDIA_DISCONNECT_SUPPORTED    0x00000002
#define NDIS_PM_WAKE_ON_MEDIA_CONNECT_ENABLED         0x00000001
#define NDIS_PM_WAKE_ON_MEDIA_DISCONNECT_ENABLED      0x00000002
#define NDIS_PM_WOL_BITMAP_PATTERN_ENABLED            0x00000001
#define NDIS_PM_WOL_MAGIC_PACKET_ENABLED              0x00000002
#define NDIS_PM_SELECTIVE_SUSPEND_SUPPORTED           0x00000002
#define NDIS_PM_SELECTIVE_SUSPEND_ENABLED             0x00000010

/* ---- link state and parameters -------------------------------------------------------------------- */
#define NDIS_LINK_SPEED_UNKNOWN NET_IF_LINK_SPEED_UNKNOWN

typedef struct _NDIS_LINK_SPEED {
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
} NDIS_LINK_SPEED, *PNDIS_LINK_SPEED;

typedef struct _NDIS_LINK_STATE {
    NDIS_OBJECT_HEADER Header;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_SUPPORTED_PAUSE_FUNCTIONS PauseFunctions;
    ULONG AutoNegotiationFlags;
} NDIS_LINK_STATE, *PNDIS_LINK_STATE;

#define NDIS_LINK_STATE_REVISION_1 1
#define NDIS_SIZEOF_LINK_STATE_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_LINK_STATE, AutoNegotiationFlags)
#define NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED 0x00000001
#define NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED  0x00000002
#define NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED          0x00000004
#define NDIS_LINK_STATE_PAUSE_FUNCTIONS_AUTO_NEGOTIATED 0x00000008

typedef struct _NDIS_LINK_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_SUPPORTED_PAUSE_FUNCTIONS PauseFunctions;
    ULONG AutoNegotiationFlags;
} NDIS_LINK_PARAMETERS, *PNDIS_LINK_PARAMETERS;

#define NDIS_LINK_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_LINK_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_LINK_PARAMETERS, AutoNegotiationFlags)

/* ---- interrupt moderation ------------------------------------------------------------------------------ */
typedef enum _NDIS_INTERRUPT_MODERATION {
    NdisInterruptModerationUnknown,
    NdisInterruptModerationNotSupported,
    NdisInterruptModerationEnabled,
    NdisInterruptModerationDisabled
} NDIS_INTERRUPT_MODERATION, *PNDIS_INTERRUPT_MODERATION;

typedef struct _NDIS_INTERRUPT_MODERATION_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_INTERRUPT_MODERATION InterruptModeration;
} NDIS_INTERRUPT_MODERATION_PARAMETERS, *PNDIS_INTERRUPT_MODERATION_PARAMETERS;

#define NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_INTERRUPT_MODERATION_PARAMETERS, InterruptModeration)
#define NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET       0x00000001
#define NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE 0x00000002

/* ---- statistics ------------------------------------------------------------------------------------------ */
typedef struct _NDIS_STATISTICS_INFO {
    NDIS_OBJECT_HEADER Header;
    ULONG SupportedStatistics;
    ULONG64 ifInDiscards;
    ULONG64 ifInErrors;
    ULONG64 ifHCInOctets;
    ULONG64 ifHCInUcastPkts;
    ULONG64 ifHCInMulticastPkts;
    ULONG64 ifHCInBroadcastPkts;
    ULONG64 ifHCOutOctets;
    ULONG64 ifHCOutUcastPkts;
    ULONG64 ifHCOutMulticastPkts;
    ULONG64 ifHCOutBroadcastPkts;
    ULONG64 ifOutErrors;
    ULONG64 ifOutDiscards;
    ULONG64 ifHCInUcastOctets;
    ULONG64 ifHCInMulticastOctets;
    ULONG64 ifHCInBroadcastOctets;
    ULONG64 ifHCOutUcastOctets;
    ULONG64 ifHCOutMulticastOctets;
    ULONG64 ifHCOutBroadcastOctets;
} NDIS_STATISTICS_INFO, *PNDIS_STATISTICS_INFO;

#define NDIS_STATISTICS_INFO_REVISION_1 1
#define NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_STATISTICS_INFO, ifHCOutBroadcastOctets)

#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV      0x00000001
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV     0x00000002
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV     0x00000004
#define NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV                0x00000008
#define NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS             0x00000010
#define NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR                0x00000020
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT     0x00000040
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT    0x00000080
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT    0x00000100
#define NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT               0x00000200
#define NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR               0x00000400
#define NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS            0x00008000
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV       0x00010000
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV      0x00020000
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV      0x00040000
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT      0x00080000
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT     0x00100000
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT     0x00200000
#define NDIS_STATISTICS_XMIT_OK_SUPPORTED                    0x00000001
#define NDIS_STATISTICS_RCV_OK_SUPPORTED                     0x00000002
#define NDIS_STATISTICS_XMIT_ERROR_SUPPORTED                 0x00000004
#define NDIS_STATISTICS_RCV_ERROR_SUPPORTED                  0x00000008
#define NDIS_STATISTICS_RCV_NO_BUFFER_SUPPORTED              0x00000010
#define NDIS_STATISTICS_DIRECTED_BYTES_XMIT_SUPPORTED        0x00000020
#define NDIS_STATISTICS_DIRECTED_FRAMES_XMIT_SUPPORTED       0x00000040
#define NDIS_STATISTICS_MULTICAST_BYTES_XMIT_SUPPORTED       0x00000080
#define NDIS_STATISTICS_MULTICAST_FRAMES_XMIT_SUPPORTED      0x00000100
#define NDIS_STATISTICS_BROADCAST_BYTES_XMIT_SUPPORTED       0x00000200
#define NDIS_STATISTICS_BROADCAST_FRAMES_XMIT_SUPPORTED      0x00000400
#define NDIS_STATISTICS_DIRECTED_BYTES_RCV_SUPPORTED         0x00000800
#define NDIS_STATISTICS_DIRECTED_FRAMES_RCV_SUPPORTED        0x00001000
#define NDIS_STATISTICS_MULTICAST_BYTES_RCV_SUPPORTED        0x00002000
#define NDIS_STATISTICS_MULTICAST_FRAMES_RCV_SUPPORTED       0x00004000
#define NDIS_STATISTICS_BROADCAST_BYTES_RCV_SUPPORTED        0x00008000
#define NDIS_STATISTICS_BROADCAST_FRAMES_RCV_SUPPORTED       0x00010000
#define NDIS_STATISTICS_RCV_CRC_ERROR_SUPPORTED              0x00020000
#define NDIS_STATISTICS_TRANSMIT_QUEUE_LENGTH_SUPPORTED      0x00040000
#define NDIS_STATISTICS_BYTES_RCV_SUPPORTED                  0x00080000
#define NDIS_STATISTICS_BYTES_XMIT_SUPPORTED                 0x00100000
#define NDIS_STATISTICS_RCV_DISCARDS_SUPPORTED               0x00200000
#define NDIS_STATISTICS_GEN_STATISTICS_SUPPORTED             0x00400000
#define NDIS_STATISTICS_XMIT_DISCARDS_SUPPORTED              0x08000000

/* ---- task offload ------------------------------------------------------------------------------------------- */
#define NDIS_OFFLOAD_NOT_SUPPORTED 0
#define NDIS_OFFLOAD_SUPPORTED     1
#define NDIS_OFFLOAD_SET_NO_CHANGE 0
#define NDIS_OFFLOAD_SET_ON        1
#define NDIS_OFFLOAD_SET_OFF       2

#define NDIS_ENCAPSULATION_NOT_SUPPORTED           0x00000000
#define NDIS_ENCAPSULATION_NULL                    0x00000001
#define NDIS_ENCAPSULATION_IEEE_802_3              0x00000002
#define NDIS_ENCAPSULATION_IEEE_802_3_P_AND_Q      0x00000004
#define NDIS_ENCAPSULATION_IEEE_802_3_P_AND_Q_IN_OOB 0x00000008
#define NDIS_ENCAPSULATION_IEEE_LLC_SNAP_ROUTED    0x00000010

typedef struct _NDIS_TCP_IP_CHECKSUM_OFFLOAD {
    struct {
        ULONG Encapsulation;
        ULONG IpOptionsSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
        ULONG IpChecksum : 2;
    } IPv4Transmit;
    struct {
        ULONG Encapsulation;
        ULONG IpOptionsSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
        ULONG IpChecksum : 2;
    } IPv4Receive;
    struct {
        ULONG Encapsulation;
        ULONG IpExtensionHeadersSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
    } IPv6Transmit;
    struct {
        ULONG Encapsulation;
        ULONG IpExtensionHeadersSupported : 2;
        ULONG TcpOptionsSupported : 2;
        ULONG TcpChecksum : 2;
        ULONG UdpChecksum : 2;
    } IPv6Receive;
} NDIS_TCP_IP_CHECKSUM_OFFLOAD, *PNDIS_TCP_IP_CHECKSUM_OFFLOAD;

typedef struct _NDIS_TCP_LARGE_SEND_OFFLOAD_V1 {
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount;
        ULONG TcpOptions : 2;
        ULONG IpOptions : 2;
    } IPv4;
} NDIS_TCP_LARGE_SEND_OFFLOAD_V1, *PNDIS_TCP_LARGE_SEND_OFFLOAD_V1;

typedef struct _NDIS_TCP_LARGE_SEND_OFFLOAD_V2 {
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount;
    } IPv4;
    struct {
        ULONG Encapsulation;
        ULONG MaxOffLoadSize;
        ULONG MinSegmentCount;
        ULONG IpExtensionHeadersSupported : 2;
        ULONG TcpOptionsSupported : 2;
    } IPv6;
} NDIS_TCP_LARGE_SEND_OFFLOAD_V2, *PNDIS_TCP_LARGE_SEND_OFFLOAD_V2;

typedef struct _NDIS_IPSEC_OFFLOAD_V1 {
    struct {
        ULONG Encapsulation;
        ULONG AhEspCombined;
        ULONG TransportTunnelCombined;
        ULONG IPv4Options;
        ULONG Flags;
    } Supported;
    struct {
        ULONG Md5 : 2;
        ULONG Sha_1 : 2;
        ULONG Transport : 2;
        ULONG Tunnel : 2;
        ULONG Send : 2;
        ULONG Receive : 2;
    } IPv4AH;
    struct {
        ULONG Des : 2;
        ULONG Reserved : 2;
        ULONG TripleDes : 2;
        ULONG NullEsp : 2;
        ULONG Transport : 2;
        ULONG Tunnel : 2;
        ULONG Send : 2;
        ULONG Receive : 2;
    } IPv4ESP;
} NDIS_IPSEC_OFFLOAD_V1, *PNDIS_IPSEC_OFFLOAD_V1;

typedef struct _NDIS_IPSEC_OFFLOAD_V2 {
    ULONG Encapsulation;
    BOOLEAN IPv6Supported;
    BOOLEAN IPv4Options;
    BOOLEAN IPv6NonIPsecExtensionHeaders;
    BOOLEAN Ah;
    BOOLEAN Esp;
    BOOLEAN AhEspCombined;
    BOOLEAN Transport;
    BOOLEAN Tunnel;
    BOOLEAN TransportTunnelCombined;
    BOOLEAN LsoSupported;
    BOOLEAN ExtendedSequenceNumbers;
    ULONG UdpEsp;
    ULONG AuthenticationAlgorithms;
    ULONG EncryptionAlgorithms;
    ULONG SaOffloadCapacity;
} NDIS_IPSEC_OFFLOAD_V2, *PNDIS_IPSEC_OFFLOAD_V2;

typedef struct _NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD {
    struct {
        BOOLEAN Enabled;
    } IPv4;
    struct {
        BOOLEAN Enabled;
    } IPv6;
} NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD, *PNDIS_TCP_RECV_SEG_COALESCE_OFFLOAD;

typedef struct _NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD {
    ULONG TransmitChecksumOffloadSupported : 4;
    ULONG ReceiveChecksumOffloadSupported : 4;
    ULONG LsoV2Supported : 4;
    ULONG RssSupported : 4;
    ULONG VmqSupported : 4;
    ULONG MaxHeaderSizeSupported;
} NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD, *PNDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD;

typedef struct _NDIS_OFFLOAD {
    NDIS_OBJECT_HEADER Header;
    NDIS_TCP_IP_CHECKSUM_OFFLOAD Checksum;
    NDIS_TCP_LARGE_SEND_OFFLOAD_V1 LsoV1;
    NDIS_IPSEC_OFFLOAD_V1 IPsecV1;
    NDIS_TCP_LARGE_SEND_OFFLOAD_V2 LsoV2;
    ULONG Flags;
    NDIS_IPSEC_OFFLOAD_V2 IPsecV2;
    NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD Rsc;
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD EncapsulatedPacketTaskOffloadGre;
} NDIS_OFFLOAD, *PNDIS_OFFLOAD;

#define NDIS_OFFLOAD_REVISION_1 1
#define NDIS_OFFLOAD_REVISION_2 2
#define NDIS_OFFLOAD_REVISION_3 3
#define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, Flags)
#define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, IPsecV2)
#define NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD, EncapsulatedPacketTaskOffloadGre)

typedef struct _NDIS_TCP_CONNECTION_OFFLOAD {
    NDIS_OBJECT_HEADER Header;
    ULONG Encapsulation;
    ULONG SupportIPv4 : 2;
    ULONG SupportIPv6 : 2;
    ULONG SupportIPv6ExtensionHeaders : 2;
    ULONG SupportSack : 2;
    ULONG CongestionAlgorithm : 4;
    ULONG TcpConnectionOffloadCapacity;
    ULONG Flags;
} NDIS_TCP_CONNECTION_OFFLOAD, *PNDIS_TCP_CONNECTION_OFFLOAD;

#define NDIS_TCP_CONNECTION_OFFLOAD_REVISION_1 1
#define NDIS_TCP_CONNECTION_OFFLOAD_REVISION_2 2
#define NDIS_SIZEOF_TCP_CONNECTION_OFFLOAD_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_TCP_CONNECTION_OFFLOAD, Flags)

typedef struct _NDIS_OFFLOAD_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR IPv4Checksum;
    UCHAR TCPIPv4Checksum;
    UCHAR UDPIPv4Checksum;
    UCHAR TCPIPv6Checksum;
    UCHAR UDPIPv6Checksum;
    UCHAR LsoV1;
    UCHAR IPsecV1;
    UCHAR LsoV2IPv4;
    UCHAR LsoV2IPv6;
    UCHAR TcpConnectionIPv4;
    UCHAR TcpConnectionIPv6;
    ULONG Flags;
    UCHAR IPsecV2;
    UCHAR IPsecV2IPv4;
    struct {
        UCHAR RscIPv4;
        UCHAR RscIPv6;
    };
    struct {
        UCHAR EncapsulatedPacketTaskOffload;
        UCHAR EncapsulationTypes;
    };
} NDIS_OFFLOAD_PARAMETERS, *PNDIS_OFFLOAD_PARAMETERS;

#define NDIS_OFFLOAD_PARAMETERS_REVISION_1 1
#define NDIS_OFFLOAD_PARAMETERS_REVISION_2 2
#define NDIS_OFFLOAD_PARAMETERS_REVISION_3 3
#define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, Flags)
#define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, IPsecV2IPv4)
#define NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_PARAMETERS, RscIPv6)
#define NDIS_OFFLOAD_PARAMETERS_NO_CHANGE               0
#define NDIS_OFFLOAD_PARAMETERS_TX_RX_DISABLED          1
#define NDIS_OFFLOAD_PARAMETERS_TX_ENABLED_RX_DISABLED  2
#define NDIS_OFFLOAD_PARAMETERS_RX_ENABLED_TX_DISABLED  3
#define NDIS_OFFLOAD_PARAMETERS_TX_RX_ENABLED           4
#define NDIS_OFFLOAD_PARAMETERS_LSOV1_DISABLED          1
#define NDIS_OFFLOAD_PARAMETERS_LSOV1_ENABLED           2
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_DISABLED        1
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_AH_ENABLED      2
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_ESP_ENABLED     3
#define NDIS_OFFLOAD_PARAMETERS_IPSECV1_AH_AND_ESP_ENABLED 4
#define NDIS_OFFLOAD_PARAMETERS_LSOV2_DISABLED          1
#define NDIS_OFFLOAD_PARAMETERS_LSOV2_ENABLED           2
#define NDIS_OFFLOAD_PARAMETERS_CONNECTION_OFFLOAD_DISABLED 1
#define NDIS_OFFLOAD_PARAMETERS_CONNECTION_OFFLOAD_ENABLED  2
#define NDIS_OFFLOAD_PARAMETERS_RSC_DISABLED            1
#define NDIS_OFFLOAD_PARAMETERS_RSC_ENABLED             2
#define NDIS_OFFLOAD_FLAGS_GROUP_CHECKSUM_CAPABILITIES  0x00000001

typedef struct _NDIS_OFFLOAD_ENCAPSULATION {
    NDIS_OBJECT_HEADER Header;
    struct {
        ULONG Enabled;
        ULONG EncapsulationType;
        ULONG HeaderSize;
    } IPv4;
    struct {
        ULONG Enabled;
        ULONG EncapsulationType;
        ULONG HeaderSize;
    } IPv6;
} NDIS_OFFLOAD_ENCAPSULATION, *PNDIS_OFFLOAD_ENCAPSULATION;

#define NDIS_OFFLOAD_ENCAPSULATION_REVISION_1 1
#define NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OFFLOAD_ENCAPSULATION, IPv6.HeaderSize)

/* ---- receive-side scaling and receive hashing -------------------------------------------------------------- */
#define NDIS_HASH_FUNCTION_MASK     0x000000FF
#define NDIS_HASH_TYPE_MASK         0x00FFFF00
#define NDIS_HASH_FUNCTION_TOEPLITZ 0x00000001
#define NdisHashFunctionToeplitz    0x00000001
#define NdisHashFunctionReserved1   0x00000002
#define NdisHashFunctionReserved2   0x00000004
#define NdisHashFunctionReserved3   0x00000008
#define NDIS_HASH_IPV4              0x00000100
#define NDIS_HASH_TCP_IPV4          0x00000200
#define NDIS_HASH_IPV6              0x00000400
#define NDIS_HASH_IPV6_EX           0x00000800
#define NDIS_HASH_TCP_IPV6          0x00001000
#define NDIS_HASH_TCP_IPV6_EX       0x00002000
#define NDIS_HASH_UDP_IPV4          0x00004000
#define NDIS_HASH_UDP_IPV6          0x00008000
#define NDIS_HASH_UDP_IPV6_EX       0x00010000
#define NDIS_RSS_HASH_FUNC_FROM_HASH_INFO(HashInfo) ((HashInfo) & (NDIS_HASH_FUNCTION_MASK))
#define NDIS_RSS_HASH_TYPE_FROM_HASH_INFO(HashInfo) ((HashInfo) & (NDIS_HASH_TYPE_MASK))
#define NDIS_RSS_HASH_INFO_FROM_TYPE_AND_FUNC(HashType, HashFunction) ((HashType) | (HashFunction))

#define NDIS_RSS_CAPS_MESSAGE_SIGNALED_INTERRUPTS 0x01000000
#define NDIS_RSS_CAPS_CLASSIFICATION_AT_ISR       0x02000000
#define NDIS_RSS_CAPS_CLASSIFICATION_AT_DPC       0x04000000
#define NDIS_RSS_CAPS_USING_MSI_X                 0x08000000
#define NDIS_RSS_CAPS_RSS_AVAILABLE_ON_PORTS      0x10000000
#define NDIS_RSS_CAPS_SUPPORTS_MSI_X              0x20000000
#define NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV4          0x00000100
#define NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV6          0x00000200
#define NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV6_EX       0x00000400
#define NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV4          0x00000800
#define NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV6          0x00001000
#define NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV6_EX       0x00002000

typedef struct _NDIS_RECEIVE_SCALE_CAPABILITIES {
    NDIS_OBJECT_HEADER Header;
    ULONG CapabilitiesFlags;
    ULONG NumberOfInterruptMessages;
    ULONG NumberOfReceiveQueues;
    USHORT NumberOfIndirectionTableEntries;
} NDIS_RECEIVE_SCALE_CAPABILITIES, *PNDIS_RECEIVE_SCALE_CAPABILITIES;

#define NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_1 1
#define NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_2 2
#define NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfReceiveQueues)
#define NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfIndirectionTableEntries)

typedef struct _NDIS_RECEIVE_SCALE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    USHORT Flags;
    USHORT BaseCpuNumber;
    ULONG HashInformation;
    USHORT IndirectionTableSize;
    ULONG IndirectionTableOffset;
    USHORT HashSecretKeySize;
    ULONG HashSecretKeyOffset;
    ULONG ProcessorMasksOffset;
    ULONG NumberOfProcessorMasks;
    ULONG ProcessorMasksEntrySize;
} NDIS_RECEIVE_SCALE_PARAMETERS, *PNDIS_RECEIVE_SCALE_PARAMETERS;

#define NDIS_RECEIVE_SCALE_PARAMETERS_REVISION_1 1
#define NDIS_RECEIVE_SCALE_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_PARAMETERS, HashSecretKeyOffset)
#define NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_SCALE_PARAMETERS, ProcessorMasksEntrySize)
#define NDIS_RSS_PARAM_FLAG_BASE_CPU_UNCHANGED     0x0001
#define NDIS_RSS_PARAM_FLAG_HASH_INFO_UNCHANGED    0x0002
#define NDIS_RSS_PARAM_FLAG_ITABLE_UNCHANGED       0x0004
#define NDIS_RSS_PARAM_FLAG_HASH_KEY_UNCHANGED     0x0008
#define NDIS_RSS_PARAM_FLAG_DISABLE_RSS            0x0010
#define NDIS_RSS_INDIRECTION_TABLE_SIZE_REVISION_1 128
#define NDIS_RSS_HASH_SECRET_KEY_SIZE_REVISION_1   40
#define NDIS_RSS_INDIRECTION_TABLE_MAX_SIZE_REVISION_1 128
#define NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_1   40
#define NDIS_RSS_INDIRECTION_TABLE_MAX_SIZE_REVISION_2 (128 * sizeof(PROCESSOR_NUMBER))
#define NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_2   40

typedef struct _NDIS_RECEIVE_HASH_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG HashInformation;
    USHORT HashSecretKeySize;
    ULONG HashSecretKeyOffset;
} NDIS_RECEIVE_HASH_PARAMETERS, *PNDIS_RECEIVE_HASH_PARAMETERS;

#define NDIS_RECEIVE_HASH_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_RECEIVE_HASH_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_HASH_PARAMETERS, HashSecretKeyOffset)
#define NDIS_RECEIVE_HASH_FLAG_ENABLE_HASH          0x00000001
#define NDIS_RECEIVE_HASH_FLAG_HASH_INFO_UNCHANGED  0x00000002
#define NDIS_RECEIVE_HASH_FLAG_HASH_KEY_UNCHANGED   0x00000004

typedef struct _NDIS_RSS_PROCESSOR {
    PROCESSOR_NUMBER ProcNum;
    USHORT PreferenceIndex;
    USHORT Reserved;
} NDIS_RSS_PROCESSOR, *PNDIS_RSS_PROCESSOR;

typedef struct _NDIS_RSS_PROCESSOR_INFO {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    PROCESSOR_NUMBER RssBaseProcessor;
    ULONG MaxNumRssProcessors;
    USHORT PreferredNumaNode;
    ULONG RssProcessorArrayOffset;
    ULONG RssProcessorCount;
    ULONG RssProcessorEntrySize;
    PROCESSOR_NUMBER RssMaxProcessor;
    ULONG RssProfile;
} NDIS_RSS_PROCESSOR_INFO, *PNDIS_RSS_PROCESSOR_INFO;

#define NDIS_RSS_PROCESSOR_INFO_REVISION_1 1
#define NDIS_RSS_PROCESSOR_INFO_REVISION_2 2
#define NDIS_SIZEOF_RSS_PROCESSOR_INFO_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_RSS_PROCESSOR_INFO, RssProcessorEntrySize)
#define NDIS_SIZEOF_RSS_PROCESSOR_INFO_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_RSS_PROCESSOR_INFO, RssProfile)

#pragma clang diagnostic pop

EXTERN_C_END

#endif /* NDISLINT_MODEL_NTDDNDIS_H */
