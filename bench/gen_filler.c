/*
 * gen_filler.c - the filler functions of bench/gen_driver: the shapes a
 * real miniport is made of (walks over NET_BUFFER_LISTs and NET_BUFFERs,
 * OID query and set switches, spin-locked queues, receive rings, register
 * polls, configuration reads, set-up steps that check every status and
 * unwind with goto). Helpers call earlier helpers of the same file and
 * exported helpers of earlier files (declared where they are used, so a
 * file's size does not grow with the number of files).
 *
 * In C they are static functions taking the adapter; in C++ (Gen.cls) they
 * are methods of the file's class, the adapter a member. The random numbers
 * drawn are the same in both, so a C++ file holds the same code as the C
 * file of the same index and seed.
 */
#include "gen_driver.h"

#include <string.h>

/* ---- filler functions -------------------------------------------------- */

typedef enum Kind {
    K_SETUP,      /* allocate, call helpers, goto cleanup */
    K_NBL_WALK,   /* loop over NBLs and NBs */
    K_OID_QUERY,  /* switch over query OIDs */
    K_OID_SET,    /* switch over set OIDs */
    K_RX_RING,    /* receive ring under a spin lock, indicate */
    K_TX_QUEUE,   /* send queue of TCBs under a spin lock */
    K_REG_POLL,   /* register poll with a timeout */
    K_CONFIG,     /* registry keywords, goto cleanup */
    K_STATS,      /* counters under a spin lock */
    K_KIND_COUNT
} Kind;

static const char *const KIND_NAME[K_KIND_COUNT] = {
    "SetupStep", "WalkNbls", "QueryOid", "SetOid", "DrainRx",
    "FlushTx", "PollHw", "ReadConfig", "UpdateStats",
};

static Sig sig_of_kind(Kind kind)
{
    switch (kind) {
    case K_NBL_WALK: return SIG_NBL;
    case K_OID_QUERY:
    case K_OID_SET: return SIG_OID;
    case K_RX_RING:
    case K_TX_QUEUE:
    case K_STATS: return SIG_VOID;
    default: return SIG_VAL;
    }
}

static const char *const QUERY_OIDS[] = {
    "OID_GEN_HARDWARE_STATUS", "OID_GEN_MEDIA_SUPPORTED", "OID_GEN_MEDIA_IN_USE",
    "OID_GEN_MAXIMUM_LOOKAHEAD", "OID_GEN_MAXIMUM_FRAME_SIZE", "OID_GEN_LINK_SPEED",
    "OID_GEN_TRANSMIT_BUFFER_SPACE", "OID_GEN_RECEIVE_BUFFER_SPACE",
    "OID_GEN_TRANSMIT_BLOCK_SIZE", "OID_GEN_RECEIVE_BLOCK_SIZE", "OID_GEN_VENDOR_ID",
    "OID_GEN_CURRENT_PACKET_FILTER", "OID_GEN_CURRENT_LOOKAHEAD",
    "OID_GEN_DRIVER_VERSION", "OID_GEN_MAXIMUM_TOTAL_SIZE", "OID_GEN_MAC_OPTIONS",
    "OID_GEN_MAXIMUM_SEND_PACKETS", "OID_GEN_VENDOR_DRIVER_VERSION",
    "OID_GEN_XMIT_OK", "OID_GEN_RCV_OK", "OID_GEN_XMIT_ERROR", "OID_GEN_RCV_ERROR",
    "OID_GEN_RCV_NO_BUFFER", "OID_GEN_RCV_CRC_ERROR", "OID_GEN_BYTES_RCV",
    "OID_GEN_BYTES_XMIT", "OID_GEN_RCV_DISCARDS", "OID_GEN_XMIT_DISCARDS",
    "OID_802_3_MAXIMUM_LIST_SIZE", "OID_802_3_MAC_OPTIONS",
    "OID_802_3_RCV_ERROR_ALIGNMENT", "OID_802_3_XMIT_ONE_COLLISION",
    "OID_802_3_XMIT_MORE_COLLISIONS",
};
#define QUERY_OID_COUNT (sizeof(QUERY_OIDS) / sizeof(QUERY_OIDS[0]))

static const char *const STAT_FIELDS[] = {
    "TxFrames", "TxBytes", "TxErrors", "TxDiscards", "RxFrames", "RxBytes",
    "RxErrors", "RxDiscards", "RxNoBuffer", "RxCrcErrors", "Interrupts", "Resets",
};
#define STAT_FIELD_COUNT (sizeof(STAT_FIELDS) / sizeof(STAT_FIELDS[0]))

static const char *const KEYWORDS[] = {
    "InterruptModeration", "ReceiveBuffers", "TransmitBuffers", "SpeedDuplex",
    "FlowControl", "JumboPacket", "NetworkAddress", "VlanID", "*PriorityVLANTag",
    "*RSS", "*NumRssQueues", "*IPChecksumOffloadIPv4", "*TCPChecksumOffloadIPv4",
    "*LsoV2IPv4", "WakeOnMagicPacket", "LogLinkStateEvent",
};
#define KEYWORD_COUNT (sizeof(KEYWORDS) / sizeof(KEYWORDS[0]))

/* Picks an earlier helper of this file with signature `sig`, or -1. */
static int pick_callee(Gen *g, Sig sig)
{
    unsigned candidates[MAX_FUNCS];
    unsigned n = 0;
    for (unsigned i = 0; i < g->func_count; i++) {
        if (g->funcs[i].sig == sig)
            candidates[n++] = i;
    }
    if (n == 0)
        return -1;
    /* Prefer recent helpers: call chains grow deeper through the file. */
    unsigned lo = n > 6 ? n - 6 : 0;
    return (int)candidates[rng_range(&g->rng, lo, n - 1)];
}

/* The arguments of a call of a helper of this file: the adapter first in
 * C, nothing for it in C++ (a method of the same object). */
static const char *self_args(const Gen *g)
{
    return g->cls != NULL ? "" : "Adapter, ";
}

static const char *self_only(const Gen *g)
{
    return g->cls != NULL ? "" : "Adapter";
}

/* A method's signature: the adapter is a member. */
static void emit_method_signature(Gen *g, const Func *f)
{
    Out *o = g->o;
    switch (f->sig) {
    case SIG_VAL:
        line(o, "NDIS_STATUS");
        line(o, "%s::%s(", g->cls, f->name);
        line(o, "    _In_ ULONG Value");
        line(o, "    )");
        break;
    case SIG_NBL:
        line(o, "ULONG");
        line(o, "%s::%s(", g->cls, f->name);
        line(o, "    _In_ PNET_BUFFER_LIST NetBufferLists");
        line(o, "    )");
        break;
    case SIG_OID:
        line(o, "NDIS_STATUS");
        line(o, "%s::%s(", g->cls, f->name);
        line(o, "    _Inout_ PNDIS_OID_REQUEST Request");
        line(o, "    )");
        break;
    case SIG_VOID:
        line(o, "VOID");
        line(o, "%s::%s()", g->cls, f->name);
        break;
    }
}

void emit_signature(Gen *g, const Func *f, int is_static)
{
    Out *o = g->o;
    const char *storage = is_static ? "static " : "";
    if (g->cls != NULL) {
        emit_method_signature(g, f);
        return;
    }
    switch (f->sig) {
    case SIG_VAL:
        line(o, "%sNDIS_STATUS", storage);
        line(o, "%s(", f->name);
        line(o, "    _Inout_ PGD_ADAPTER Adapter,");
        line(o, "    _In_ ULONG Value");
        line(o, "    )");
        break;
    case SIG_NBL:
        line(o, "%sULONG", storage);
        line(o, "%s(", f->name);
        line(o, "    _Inout_ PGD_ADAPTER Adapter,");
        line(o, "    _In_ PNET_BUFFER_LIST NetBufferLists");
        line(o, "    )");
        break;
    case SIG_OID:
        line(o, "%sNDIS_STATUS", storage);
        line(o, "%s(", f->name);
        line(o, "    _Inout_ PGD_ADAPTER Adapter,");
        line(o, "    _Inout_ PNDIS_OID_REQUEST Request");
        line(o, "    )");
        break;
    case SIG_VOID:
        line(o, "%sVOID", storage);
        line(o, "%s(", f->name);
        line(o, "    _Inout_ PGD_ADAPTER Adapter");
        line(o, "    )");
        break;
    }
}

/* Calls an earlier SIG_VAL helper (of this file or an export of an earlier
 * file) and leaves through `label` on failure. */
static void emit_checked_call(Gen *g, const char *label, const char *value_expr)
{
    Out *o = g->o;
    int callee = pick_callee(g, SIG_VAL);
    if (g->extern_count > 0 && (callee < 0 || rng_chance(&g->rng, 30))) {
        unsigned f = g->externs[rng_range(&g->rng, 0, g->extern_count - 1)];
        line(o, "status = Gd%03uExport%u(Adapter, %s);", f, rng_range(&g->rng, 0, 1),
             value_expr);
    } else if (callee >= 0) {
        line(o, "status = %s(%s%s);", g->funcs[callee].name, self_args(g), value_expr);
    } else {
        line(o, "status = (%s) < GD_POLL_LIMIT ? NDIS_STATUS_SUCCESS : NDIS_STATUS_INVALID_DATA;",
             value_expr);
    }
    line(o, "if (status != NDIS_STATUS_SUCCESS) {");
    line(o, "goto %s;", label);
    line(o, "}");
}

static void body_setup(Gen *g)
{
    Out *o = g->o;
    unsigned steps = rng_range(&g->rng, 2, 5);
    unsigned size = 64u * rng_range(&g->rng, 1, 32);
    line(o, "{");
    line(o, "NDIS_STATUS status;");
    line(o, "PUCHAR scratch = NULL;");
    line(o, "ULONG attempt;");
    blank(o);
    line(o, "if (Adapter == NULL || (Adapter->Flags & GD_FLAG_HALTING) != 0) {");
    line(o, "return NDIS_STATUS_ADAPTER_NOT_READY;");
    line(o, "}");
    line(o, "scratch = (PUCHAR)NdisAllocateMemoryWithTagPriority(");
    line(o, "    Adapter->AdapterHandle, %u, GD_TAG, NormalPoolPriority);", size);
    line(o, "if (scratch == NULL) {");
    line(o, "status = NDIS_STATUS_RESOURCES;");
    line(o, "goto done;");
    line(o, "}");
    line(o, "NdisZeroMemory(scratch, %u);", size);
    for (unsigned s = 0; s < steps; s++) {
        blank(o);
        switch (rng_range(&g->rng, 0, 3)) {
        case 0:
            emit_checked_call(g, "free_scratch", "Value + 1");
            break;
        case 1:
            line(o, "for (attempt = 0; attempt < %u; attempt++) {", rng_range(&g->rng, 2, 8));
            line(o, "status = (scratch[attempt] == (UCHAR)Value) ? NDIS_STATUS_SUCCESS");
            line(o, "                                           : NDIS_STATUS_PENDING;");
            line(o, "if (status == NDIS_STATUS_SUCCESS) {");
            line(o, "break;");
            line(o, "}");
            line(o, "NdisStallExecution(%u);", rng_range(&g->rng, 1, 50));
            line(o, "}");
            line(o, "if (status != NDIS_STATUS_SUCCESS && Value > %u) {", rng_range(&g->rng, 1, 9));
            line(o, "goto free_scratch;");
            line(o, "}");
            break;
        case 2:
            line(o, "Adapter->Tuning[%u] = Value ^ 0x%xu;", rng_range(&g->rng, 0, 7),
                 rng_range(&g->rng, 1, 0xffff));
            line(o, "if (!NT_SUCCESS(STATUS_SUCCESS) || Adapter->Registers == NULL) {");
            line(o, "status = NDIS_STATUS_FAILURE;");
            line(o, "goto free_scratch;");
            line(o, "}");
            line(o, "Adapter->Registers->Control |= GD_CONTROL_ENABLE;");
            break;
        default:
            emit_checked_call(g, "free_scratch", "Value >> 1");
            break;
        }
    }
    blank(o);
    line(o, "NdisMoveMemory(Adapter->Tuning, scratch, sizeof(Adapter->Tuning));");
    line(o, "status = NDIS_STATUS_SUCCESS;");
    blank(o);
    line(o, "free_scratch:");
    line(o, "NdisFreeMemory(scratch, %u, 0);", size);
    line(o, "done:");
    line(o, "return status;");
    line(o, "}");
}

static void body_nbl_walk(Gen *g)
{
    Out *o = g->o;
    int callee = pick_callee(g, SIG_NBL);
    line(o, "{");
    line(o, "PNET_BUFFER_LIST nbl;");
    line(o, "PNET_BUFFER nb;");
    line(o, "ULONG count = 0;");
    line(o, "ULONG64 bytes = 0;");
    blank(o);
    line(o, "for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {");
    line(o, "if ((Adapter->Flags & (GD_FLAG_PAUSED | GD_FLAG_RESETTING)) != 0) {");
    line(o, "NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_PAUSED;");
    line(o, "continue;");
    line(o, "}");
    line(o, "for (nb = NET_BUFFER_LIST_FIRST_NB(nbl); nb != NULL; nb = NET_BUFFER_NEXT_NB(nb)) {");
    line(o, "ULONG length = NET_BUFFER_DATA_LENGTH(nb);");
    line(o, "PUCHAR header;");
    line(o, "UCHAR storage[%u];", 14u + 2u * rng_range(&g->rng, 0, 8));
    blank(o);
    line(o, "if (length == 0 || length > GD_MAX_FRAME_SIZE) {");
    line(o, "NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_INVALID_LENGTH;");
    line(o, "break;");
    line(o, "}");
    line(o, "header = (PUCHAR)NdisGetDataBuffer(nb, sizeof(storage), storage, 1, 0);");
    line(o, "if (header == NULL) {");
    line(o, "continue;");
    line(o, "}");
    switch (rng_range(&g->rng, 0, 2)) {
    case 0:
        line(o, "if ((header[0] & 0x01) != 0) {");
        line(o, "Adapter->Stats.%s++;", STAT_FIELDS[rng_range(&g->rng, 0, STAT_FIELD_COUNT - 1)]);
        line(o, "} else if (header[%u] == 0x%02x) {", rng_range(&g->rng, 6, 13),
             rng_range(&g->rng, 0, 255));
        line(o, "Adapter->Stats.%s++;", STAT_FIELDS[rng_range(&g->rng, 0, STAT_FIELD_COUNT - 1)]);
        line(o, "}");
        break;
    case 1:
        line(o, "switch (header[12]) {");
        line(o, "case 0x08:");
        line(o, "bytes += length;");
        line(o, "break;");
        line(o, "case 0x86:");
        line(o, "bytes += length + %u;", rng_range(&g->rng, 1, 40));
        line(o, "break;");
        line(o, "default:");
        line(o, "Adapter->Stats.%s++;", STAT_FIELDS[rng_range(&g->rng, 0, STAT_FIELD_COUNT - 1)]);
        line(o, "break;");
        line(o, "}");
        break;
    default:
        line(o, "if (NdisEqualMemory(header, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS)) {");
        line(o, "bytes += length;");
        line(o, "}");
        break;
    }
    line(o, "bytes += length;");
    line(o, "count++;");
    line(o, "}");
    if (callee >= 0)
        line(o, "count += %s(%sNET_BUFFER_LIST_NEXT_NBL(nbl));", g->funcs[callee].name, self_args(g));
    line(o, "}");
    line(o, "NdisAcquireSpinLock(&Adapter->StatsLock);");
    line(o, "Adapter->Stats.%s += bytes;", rng_chance(&g->rng, 50) ? "TxBytes" : "RxBytes");
    line(o, "NdisReleaseSpinLock(&Adapter->StatsLock);");
    line(o, "return count;");
    line(o, "}");
}

void body_oid_query(Gen *g)
{
    Out *o = g->o;
    unsigned cases = rng_range(&g->rng, 6, 16);
    unsigned first = rng_range(&g->rng, 0, QUERY_OID_COUNT - 1);
    line(o, "{");
    line(o, "NDIS_STATUS status = NDIS_STATUS_SUCCESS;");
    line(o, "NDIS_OID oid = Request->DATA.QUERY_INFORMATION.Oid;");
    line(o, "PVOID buffer = Request->DATA.QUERY_INFORMATION.InformationBuffer;");
    line(o, "ULONG bufferLength = Request->DATA.QUERY_INFORMATION.InformationBufferLength;");
    line(o, "ULONG64 value64 = 0;");
    line(o, "ULONG value = 0;");
    line(o, "PVOID source = &value;");
    line(o, "ULONG sourceLength = sizeof(value);");
    blank(o);
    line(o, "switch (oid) {");
    for (unsigned c = 0; c < cases; c++) {
        const char *oid = QUERY_OIDS[(first + c) % QUERY_OID_COUNT];
        line(o, "case %s:", oid);
        switch (rng_range(&g->rng, 0, 3)) {
        case 0:
            line(o, "value = %u;", rng_range(&g->rng, 1, 65535));
            break;
        case 1:
            line(o, "NdisAcquireSpinLock(&Adapter->StatsLock);");
            line(o, "value64 = Adapter->Stats.%s;",
                 STAT_FIELDS[rng_range(&g->rng, 0, STAT_FIELD_COUNT - 1)]);
            line(o, "NdisReleaseSpinLock(&Adapter->StatsLock);");
            line(o, "source = &value64;");
            line(o, "sourceLength = sizeof(value64);");
            break;
        case 2:
            line(o, "value = Adapter->%s;", rng_chance(&g->rng, 50) ? "PacketFilter" : "LookAhead");
            break;
        default:
            line(o, "if (Adapter->Registers == NULL) {");
            line(o, "status = NDIS_STATUS_ADAPTER_NOT_READY;");
            line(o, "break;");
            line(o, "}");
            line(o, "value = Adapter->Registers->Counters[%u];", rng_range(&g->rng, 0, 15));
            break;
        }
        line(o, "break;");
    }
    line(o, "default:");
    line(o, "status = NDIS_STATUS_NOT_SUPPORTED;");
    line(o, "break;");
    line(o, "}");
    blank(o);
    line(o, "if (status == NDIS_STATUS_SUCCESS) {");
    line(o, "if (bufferLength < sourceLength) {");
    line(o, "Request->DATA.QUERY_INFORMATION.BytesNeeded = sourceLength;");
    line(o, "status = NDIS_STATUS_BUFFER_TOO_SHORT;");
    line(o, "} else {");
    line(o, "NdisMoveMemory(buffer, source, sourceLength);");
    line(o, "Request->DATA.QUERY_INFORMATION.BytesWritten = sourceLength;");
    line(o, "}");
    line(o, "}");
    line(o, "return status;");
    line(o, "}");
}

void body_oid_set(Gen *g)
{
    Out *o = g->o;
    int callee = pick_callee(g, SIG_OID);
    line(o, "{");
    line(o, "NDIS_STATUS status = NDIS_STATUS_SUCCESS;");
    line(o, "PVOID buffer = Request->DATA.SET_INFORMATION.InformationBuffer;");
    line(o, "ULONG bufferLength = Request->DATA.SET_INFORMATION.InformationBufferLength;");
    line(o, "ULONG value;");
    blank(o);
    line(o, "switch (Request->DATA.SET_INFORMATION.Oid) {");
    line(o, "case OID_GEN_CURRENT_PACKET_FILTER:");
    line(o, "if (bufferLength < sizeof(ULONG)) {");
    line(o, "Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);");
    line(o, "status = NDIS_STATUS_INVALID_LENGTH;");
    line(o, "break;");
    line(o, "}");
    line(o, "NdisMoveMemory(&value, buffer, sizeof(ULONG));");
    line(o, "if ((value & ~GD_SUPPORTED_FILTERS) != 0) {");
    line(o, "status = NDIS_STATUS_NOT_SUPPORTED;");
    line(o, "break;");
    line(o, "}");
    line(o, "NdisAcquireSpinLock(&Adapter->RecvLock);");
    line(o, "Adapter->PacketFilter = value;");
    line(o, "if (Adapter->Registers != NULL) {");
    line(o, "Adapter->Registers->FilterMode = value;");
    line(o, "}");
    line(o, "NdisReleaseSpinLock(&Adapter->RecvLock);");
    line(o, "Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);");
    line(o, "break;");
    line(o, "case OID_GEN_CURRENT_LOOKAHEAD:");
    line(o, "if (bufferLength != sizeof(ULONG)) {");
    line(o, "status = NDIS_STATUS_INVALID_LENGTH;");
    line(o, "break;");
    line(o, "}");
    line(o, "NdisMoveMemory(&value, buffer, sizeof(ULONG));");
    line(o, "Adapter->LookAhead = value > GD_MAX_LOOKAHEAD ? GD_MAX_LOOKAHEAD : value;");
    line(o, "break;");
    line(o, "case OID_802_3_MULTICAST_LIST:");
    line(o, "if (bufferLength %% ETH_LENGTH_OF_ADDRESS != 0 ||");
    line(o, "    bufferLength / ETH_LENGTH_OF_ADDRESS > GD_MAX_MULTICAST) {");
    line(o, "status = NDIS_STATUS_MULTICAST_FULL;");
    line(o, "break;");
    line(o, "}");
    line(o, "NdisAcquireSpinLock(&Adapter->RecvLock);");
    line(o, "NdisMoveMemory(Adapter->MulticastList, buffer, bufferLength);");
    line(o, "Adapter->MulticastCount = bufferLength / ETH_LENGTH_OF_ADDRESS;");
    line(o, "NdisReleaseSpinLock(&Adapter->RecvLock);");
    line(o, "Request->DATA.SET_INFORMATION.BytesRead = bufferLength;");
    line(o, "break;");
    line(o, "case OID_GEN_INTERRUPT_MODERATION:");
    line(o, "if (bufferLength < sizeof(ULONG)) {");
    line(o, "status = NDIS_STATUS_INVALID_LENGTH;");
    line(o, "break;");
    line(o, "}");
    line(o, "NdisMoveMemory(&value, buffer, sizeof(ULONG));");
    line(o, "Adapter->InterruptModeration = value & 0x%xu;", rng_range(&g->rng, 1, 0xff));
    line(o, "break;");
    line(o, "default:");
    if (callee >= 0) {
        line(o, "status = %s(%sRequest);", g->funcs[callee].name, self_args(g));
    } else {
        line(o, "status = NDIS_STATUS_INVALID_OID;");
    }
    line(o, "break;");
    line(o, "}");
    line(o, "return status;");
    line(o, "}");
}

static void body_rx_ring(Gen *g)
{
    Out *o = g->o;
    line(o, "{");
    line(o, "PNET_BUFFER_LIST head = NULL;");
    line(o, "PNET_BUFFER_LIST tail = NULL;");
    line(o, "ULONG indicated = 0;");
    line(o, "ULONG budget = %u;", rng_range(&g->rng, 8, 64));
    blank(o);
    line(o, "NdisDprAcquireSpinLock(&Adapter->RecvLock);");
    line(o, "while (budget-- > 0) {");
    line(o, "PGD_DESCRIPTOR desc = &Adapter->RxRing[Adapter->RxNext];");
    line(o, "PGD_RCB rcb = &Adapter->Rcb[Adapter->RxNext];");
    line(o, "ULONG control = desc->Control;");
    blank(o);
    line(o, "if ((control & GD_DESC_OWNED) != 0) {");
    line(o, "break;");
    line(o, "}");
    line(o, "Adapter->RxNext = (Adapter->RxNext + 1) %% GD_RX_RING_SIZE;");
    line(o, "if ((control & GD_DESC_ERROR) != 0 || GD_DESC_LENGTH(control) < %u) {",
         rng_range(&g->rng, 14, 64));
    line(o, "Adapter->Stats.RxErrors++;");
    line(o, "desc->Control = GD_DESC_OWNED;");
    line(o, "continue;");
    line(o, "}");
    line(o, "if (rcb->NetBufferList == NULL) {");
    line(o, "Adapter->Stats.RxNoBuffer++;");
    line(o, "desc->Control = GD_DESC_OWNED;");
    line(o, "continue;");
    line(o, "}");
    line(o, "NET_BUFFER_DATA_LENGTH(NET_BUFFER_LIST_FIRST_NB(rcb->NetBufferList)) = GD_DESC_LENGTH(control);");
    line(o, "NET_BUFFER_LIST_NEXT_NBL(rcb->NetBufferList) = NULL;");
    line(o, "if (head == NULL) {");
    line(o, "head = rcb->NetBufferList;");
    line(o, "} else {");
    line(o, "NET_BUFFER_LIST_NEXT_NBL(tail) = rcb->NetBufferList;");
    line(o, "}");
    line(o, "tail = rcb->NetBufferList;");
    line(o, "Adapter->Stats.RxFrames++;");
    line(o, "Adapter->Stats.RxBytes += GD_DESC_LENGTH(control);");
    line(o, "indicated++;");
    line(o, "}");
    line(o, "NdisDprReleaseSpinLock(&Adapter->RecvLock);");
    blank(o);
    line(o, "if (head != NULL) {");
    line(o, "NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, head,");
    line(o, "                                   NDIS_DEFAULT_PORT_NUMBER, indicated,");
    line(o, "                                   NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);");
    line(o, "}");
    int callee = pick_callee(g, SIG_VOID);
    if (callee >= 0 && rng_chance(&g->rng, 60))
        line(o, "%s(%s);", g->funcs[callee].name, self_only(g));
    line(o, "}");
}

static void body_tx_queue(Gen *g)
{
    Out *o = g->o;
    line(o, "{");
    line(o, "PLIST_ENTRY entry;");
    line(o, "PNET_BUFFER_LIST completed = NULL;");
    line(o, "ULONG cleaned = 0;");
    blank(o);
    line(o, "NdisAcquireSpinLock(&Adapter->SendLock);");
    line(o, "while (!IsListEmpty(&Adapter->BusyTcbList)) {");
    line(o, "PGD_TCB tcb;");
    line(o, "PGD_DESCRIPTOR desc;");
    blank(o);
    line(o, "entry = Adapter->BusyTcbList.Flink;");
    line(o, "tcb = CONTAINING_RECORD(entry, GD_TCB, Link);");
    line(o, "desc = &Adapter->TxRing[tcb->Index];");
    line(o, "if ((desc->Control & GD_DESC_OWNED) != 0) {");
    line(o, "break;");
    line(o, "}");
    line(o, "RemoveEntryList(entry);");
    line(o, "if ((desc->Control & GD_DESC_ERROR) != 0) {");
    line(o, "Adapter->Stats.TxErrors++;");
    line(o, "NET_BUFFER_LIST_STATUS(tcb->NetBufferList) = NDIS_STATUS_FAILURE;");
    line(o, "} else {");
    line(o, "Adapter->Stats.TxFrames++;");
    line(o, "Adapter->Stats.TxBytes += tcb->Length;");
    line(o, "NET_BUFFER_LIST_STATUS(tcb->NetBufferList) = NDIS_STATUS_SUCCESS;");
    line(o, "}");
    line(o, "NET_BUFFER_LIST_NEXT_NBL(tcb->NetBufferList) = completed;");
    line(o, "completed = tcb->NetBufferList;");
    line(o, "tcb->NetBufferList = NULL;");
    line(o, "InsertTailList(&Adapter->FreeTcbList, &tcb->Link);");
    line(o, "if (++cleaned >= %u) {", rng_range(&g->rng, 8, 64));
    line(o, "break;");
    line(o, "}");
    line(o, "}");
    line(o, "NdisReleaseSpinLock(&Adapter->SendLock);");
    blank(o);
    line(o, "if (completed != NULL) {");
    line(o, "InterlockedExchangeAdd(&Adapter->PendingSends, -(LONG)cleaned);");
    line(o, "NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, completed, 0);");
    line(o, "}");
    line(o, "}");
}

static void body_reg_poll(Gen *g)
{
    Out *o = g->o;
    line(o, "{");
    line(o, "ULONG spins;");
    line(o, "ULONG status;");
    blank(o);
    line(o, "if (Adapter->Registers == NULL) {");
    line(o, "return NDIS_STATUS_ADAPTER_NOT_READY;");
    line(o, "}");
    line(o, "Adapter->Registers->Control = (Adapter->Registers->Control & ~0x%xu) | (Value & 0x%xu);",
         rng_range(&g->rng, 0x10, 0xff0), rng_range(&g->rng, 0x10, 0xff0));
    line(o, "for (spins = 0; spins < GD_POLL_LIMIT; spins++) {");
    line(o, "status = READ_REGISTER_ULONG((volatile ULONG *)&Adapter->Registers->Status);");
    line(o, "if ((status & GD_STATUS_READY) != 0) {");
    line(o, "break;");
    line(o, "}");
    line(o, "NdisStallExecution(%u);", rng_range(&g->rng, 1, 100));
    line(o, "}");
    if (g->damaged) {
        /* A register offset of the board's register map (absent). */
        line(o, "Adapter->Tuning[%u] = READ_REGISTER_ULONG((volatile ULONG *)((volatile UCHAR *)Adapter->Registers + GDR_LINK_STATUS));",
             g->func_count % 8);
    }
    line(o, "if (spins == GD_POLL_LIMIT) {");
    line(o, "NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1, Value);");
    line(o, "return NDIS_STATUS_HARD_ERRORS;");
    line(o, "}");
    line(o, "if ((status & GD_STATUS_LINK_UP) != 0) {");
    line(o, "Adapter->Flags |= GD_FLAG_LINK_UP;");
    line(o, "} else {");
    line(o, "Adapter->Flags &= ~GD_FLAG_LINK_UP;");
    line(o, "}");
    if (rng_chance(&g->rng, 50)) {
        line(o, "WRITE_REGISTER_ULONG((volatile ULONG *)&Adapter->Registers->InterruptCause, GD_CAUSE_LINK);");
    }
    line(o, "return NDIS_STATUS_SUCCESS;");
    line(o, "}");
}

static void body_config(Gen *g)
{
    Out *o = g->o;
    unsigned keys = rng_range(&g->rng, 1, 4);
    unsigned first = rng_range(&g->rng, 0, KEYWORD_COUNT - 1);
    line(o, "{");
    line(o, "NDIS_STATUS status;");
    line(o, "NDIS_HANDLE config = NULL;");
    line(o, "NDIS_CONFIGURATION_OBJECT object;");
    line(o, "PNDIS_CONFIGURATION_PARAMETER parameter = NULL;");
    for (unsigned k = 0; k < keys; k++)
        line(o, "NDIS_STRING keyword%u = NDIS_STRING_CONST(\"%s\");", k,
             KEYWORDS[(first + k) % KEYWORD_COUNT]);
    blank(o);
    line(o, "NdisZeroMemory(&object, sizeof(object));");
    line(o, "object.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;");
    line(o, "object.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;");
    line(o, "object.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;");
    line(o, "object.NdisHandle = Adapter->AdapterHandle;");
    line(o, "status = NdisOpenConfigurationEx(&object, &config);");
    line(o, "if (status != NDIS_STATUS_SUCCESS) {");
    line(o, "return status;");
    line(o, "}");
    for (unsigned k = 0; k < keys; k++) {
        blank(o);
        line(o, "NdisReadConfiguration(&status, &parameter, config, &keyword%u, NdisParameterInteger);", k);
        line(o, "if (status == NDIS_STATUS_SUCCESS && parameter != NULL) {");
        line(o, "if (parameter->ParameterData.IntegerData > Value + %u) {", rng_range(&g->rng, 1, 1000));
        line(o, "status = NDIS_STATUS_INVALID_DATA;");
        line(o, "goto close;");
        line(o, "}");
        line(o, "Adapter->Tuning[%u] = parameter->ParameterData.IntegerData;", rng_range(&g->rng, 0, 7));
        line(o, "} else {");
        line(o, "Adapter->Tuning[%u] = %u;", rng_range(&g->rng, 0, 7), rng_range(&g->rng, 0, 4096));
        line(o, "}");
    }
    line(o, "status = NDIS_STATUS_SUCCESS;");
    blank(o);
    line(o, "close:");
    line(o, "NdisCloseConfiguration(config);");
    line(o, "return status;");
    line(o, "}");
}

static void body_stats(Gen *g)
{
    Out *o = g->o;
    unsigned fields = rng_range(&g->rng, 2, 6);
    line(o, "{");
    line(o, "ULONG i;");
    line(o, "LONG references;");
    blank(o);
    line(o, "references = NdisInterlockedIncrement(&Adapter->RefCount);");
    line(o, "if (references <= 1 || Adapter->Registers == NULL) {");
    line(o, "NdisInterlockedDecrement(&Adapter->RefCount);");
    line(o, "return;");
    line(o, "}");
    line(o, "NdisAcquireSpinLock(&Adapter->StatsLock);");
    if (g->damaged) {
        /* A macro of a build-generated header (absent) and a register mask. */
        line(o, "Adapter->Tuning[%u] |= GD_BUILD_FEATURES & GDR_COUNTER_MASK;", g->func_count % 8);
    }
    for (unsigned f = 0; f < fields; f++) {
        line(o, "Adapter->Stats.%s += Adapter->Registers->Counters[%u];",
             STAT_FIELDS[rng_range(&g->rng, 0, STAT_FIELD_COUNT - 1)], rng_range(&g->rng, 0, 15));
    }
    line(o, "for (i = 0; i < 16; i++) {");
    line(o, "if (Adapter->Registers->Counters[i] > 0x%xu) {", rng_range(&g->rng, 0x100, 0xfffff));
    line(o, "Adapter->Registers->Counters[i] = 0;");
    line(o, "}");
    line(o, "}");
    line(o, "NdisReleaseSpinLock(&Adapter->StatsLock);");
    int callee = pick_callee(g, SIG_VOID);
    if (callee >= 0 && rng_chance(&g->rng, 50))
        line(o, "%s(%s);", g->funcs[callee].name, self_only(g));
    line(o, "NdisInterlockedDecrement(&Adapter->RefCount);");
    line(o, "}");
}

void emit_filler(Gen *g, int export_index)
{
    Kind kind;
    if (export_index >= 0)
        kind = export_index == 0 ? K_SETUP : K_REG_POLL;
    else
        kind = (Kind)rng_range(&g->rng, 0, K_KIND_COUNT - 1);
    Func f;
    f.sig = sig_of_kind(kind);
    if (export_index >= 0 && g->cls != NULL)
        snprintf(f.name, sizeof(f.name), "%s", export_index == 0 ? "Start" : "Poll");
    else if (export_index >= 0)
        snprintf(f.name, sizeof(f.name), "Gd%03uExport%d", g->file, export_index);
    else if (g->cls != NULL)
        snprintf(f.name, sizeof(f.name), "%s%02u", KIND_NAME[kind], g->func_count);
    else
        snprintf(f.name, sizeof(f.name), "Gd%03u%s%02u", g->file, KIND_NAME[kind], g->func_count);
    blank(g->o);
    emit_signature(g, &f, export_index < 0);
    switch (kind) {
    case K_SETUP: body_setup(g); break;
    case K_NBL_WALK: body_nbl_walk(g); break;
    case K_OID_QUERY: body_oid_query(g); break;
    case K_OID_SET: body_oid_set(g); break;
    case K_RX_RING: body_rx_ring(g); break;
    case K_TX_QUEUE: body_tx_queue(g); break;
    case K_REG_POLL: body_reg_poll(g); break;
    case K_CONFIG: body_config(g); break;
    default: body_stats(g); break;
    }
    if (g->func_count < MAX_FUNCS)
        g->funcs[g->func_count++] = f;
}

void gen_seed(Gen *g, const Params *p, unsigned file)
{
    g->file = file;
    g->rng.state = p->seed * 0x9E3779B97F4A7C15ull + (uint64_t)file * 0xD1B54A32D192ED03ull + 1;
}

void choose_externs(Gen *g)
{
    g->extern_count = 0;
    if (g->file < 3)
        return;
    unsigned want = rng_range(&g->rng, 1, 3);
    for (unsigned k = 0; k < want; k++) {
        unsigned f = k == 0 ? g->file - 1 : rng_range(&g->rng, 2, g->file - 1);
        int dup = 0;
        for (unsigned i = 0; i < g->extern_count; i++)
            dup |= g->externs[i] == f;
        if (!dup)
            g->externs[g->extern_count++] = f;
    }
}

void emit_extern_decls(Gen *g)
{
    if (g->extern_count == 0)
        return;
    fputs("\n/* helpers of other parts */\n", g->o->f);
    for (unsigned i = 0; i < g->extern_count; i++) {
        for (unsigned e = 0; e < 2; e++)
            fprintf(g->o->f, "NDIS_STATUS Gd%03uExport%u(_Inout_ PGD_ADAPTER Adapter, _In_ ULONG Value);\n",
                    g->externs[i], e);
    }
}
