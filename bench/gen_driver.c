/*
 * gen_driver.c - writes a synthetic NDIS 6.20 miniport driver for the
 * speed benchmark.
 *
 *   gen_driver OUT_DIR FILES FUNCS_MIN FUNCS_MAX SEED
 *
 * Writes OUT_DIR/gendrv.h and OUT_DIR/gd_000.c ... gd_<FILES-1>.c.
 * Every file holds between FUNCS_MIN and FUNCS_MAX functions; the count and
 * the bodies depend only on SEED and the file's index, so the same command
 * always writes the same bytes.
 *
 *   gd_000.c  DriverEntry (NDIS_MINIPORT_DRIVER_CHARACTERISTICS), the
 *             miniport handlers, MiniportInitializeEx with its helpers
 *             (registration and general attributes, the interrupt
 *             characteristics with all eight handlers, the registration,
 *             the InterruptType check, goto cleanup), MiniportHaltEx.
 *   gd_001.c  the eight interrupt handlers (in gd_000.c for one file).
 *   others    helpers only.
 *
 * The rest of every file is filler of the shapes a real miniport has:
 * walks over NET_BUFFER_LISTs and NET_BUFFERs, OID query and set switches,
 * spin-locked queues, receive rings, register polls, configuration reads,
 * and set-up steps that check every status and unwind with goto. Helpers
 * call earlier helpers of the same file and exported helpers of earlier
 * files (declared where they are used, so a file's size does not grow with
 * the number of files).
 *
 * The driver is meant to be free of NDIS interrupt contract mistakes and to
 * parse without a single diagnostic against ndislint's model headers.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILES 1000
#define MAX_FUNCS 400

/* ---- deterministic random numbers (splitmix64) ------------------------- */

typedef struct Rng {
    uint64_t state;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static unsigned rng_range(Rng *r, unsigned lo, unsigned hi)
{
    if (hi <= lo)
        return lo;
    return lo + (unsigned)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static int rng_chance(Rng *r, unsigned percent)
{
    return rng_range(r, 1, 100) <= percent;
}

/* ---- output ------------------------------------------------------------ */

typedef struct Out {
    FILE *f;
    int depth;
    const char *path;
    int failed;
} Out;

static void line(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void blank(Out *o)
{
    fputc('\n', o->f);
}

/* Writes one line at the current depth; a leading '}' closes a block
 * first, a trailing '{' opens one after. */
static void line(Out *o, const char *fmt, ...)
{
    size_t n = strlen(fmt);
    if (fmt[0] == '}' && o->depth > 0)
        o->depth--;
    int label = n > 1 && fmt[n - 1] == ':' && strchr(fmt, ' ') == NULL &&
                strncmp(fmt, "default", 7) != 0;
    int indent = label ? (o->depth > 0 ? o->depth - 1 : 0) : o->depth;
    if (strncmp(fmt, "case ", 5) == 0 || strncmp(fmt, "default:", 8) == 0)
        indent = o->depth > 0 ? o->depth - 1 : 0;
    for (int i = 0; i < indent; i++)
        fputs("    ", o->f);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(o->f, fmt, ap);
    va_end(ap);
    fputc('\n', o->f);
    if (fmt[n - 1] == '{')
        o->depth++;
}

static int open_out(Out *o, const char *dir, const char *name)
{
    static char path[4096];
    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
        fprintf(stderr, "gen_driver: path too long: %s/%s\n", dir, name);
        return -1;
    }
    o->f = fopen(path, "w");
    o->depth = 0;
    o->path = path;
    o->failed = 0;
    if (o->f == NULL) {
        fprintf(stderr, "gen_driver: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int close_out(Out *o)
{
    int bad = ferror(o->f);
    if (fclose(o->f) != 0 || bad) {
        fprintf(stderr, "gen_driver: error writing %s\n", o->path);
        return -1;
    }
    return 0;
}

/* ---- the shared header ------------------------------------------------- */

static const char *const HEADER_NAME = "gendrv.h";

static void write_header(Out *o)
{
    static const char *const text[] = {
        "/*",
        " * gendrv.h - shared declarations of a synthetic NDIS 6.20 miniport",
        " * (written by bench/gen_driver; do not edit).",
        " */",
        "#ifndef GENDRV_H",
        "#define GENDRV_H",
        "",
        "#include <ndis.h>",
        "",
        "#define GD_NDIS_MAJOR_VERSION   6",
        "#define GD_NDIS_MINOR_VERSION   20",
        "#define GD_DRIVER_MAJOR_VERSION 2",
        "#define GD_DRIVER_MINOR_VERSION 7",
        "#define GD_TAG                  'DneG'",
        "",
        "#define GD_MAX_FRAME_SIZE   1514",
        "#define GD_MAX_LOOKAHEAD    256",
        "#define GD_LINK_SPEED       1000000000ull",
        "#define GD_TX_RING_SIZE     64",
        "#define GD_RX_RING_SIZE     64",
        "#define GD_MAX_MULTICAST    32",
        "#define GD_MESSAGE_COUNT    4",
        "#define GD_POLL_LIMIT       100",
        "",
        "#define GD_CAUSE_RX     0x00000001u",
        "#define GD_CAUSE_TX     0x00000002u",
        "#define GD_CAUSE_LINK   0x00000004u",
        "#define GD_CAUSE_ERROR  0x00000008u",
        "#define GD_CAUSE_ALL    (GD_CAUSE_RX | GD_CAUSE_TX | GD_CAUSE_LINK | GD_CAUSE_ERROR)",
        "",
        "#define GD_CONTROL_RESET   0x00000001u",
        "#define GD_CONTROL_ENABLE  0x00000002u",
        "#define GD_CONTROL_PROMISC 0x00000004u",
        "#define GD_STATUS_READY    0x00000001u",
        "#define GD_STATUS_LINK_UP  0x00000002u",
        "#define GD_DESC_OWNED      0x80000000u",
        "#define GD_DESC_ERROR      0x40000000u",
        "#define GD_DESC_LENGTH(d)  ((d) & 0x0000FFFFu)",
        "",
        "#define GD_FLAG_PAUSED     0x00000001u",
        "#define GD_FLAG_RESETTING  0x00000002u",
        "#define GD_FLAG_LINK_UP    0x00000004u",
        "#define GD_FLAG_HALTING    0x00000008u",
        "",
        "#define GD_SUPPORTED_FILTERS (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \\",
        "                              NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST | \\",
        "                              NDIS_PACKET_TYPE_PROMISCUOUS)",
        "",
        "typedef struct _GD_HW_REGISTERS {",
        "    ULONG InterruptCause;",
        "    ULONG InterruptMask;",
        "    ULONG MessageMask;",
        "    ULONG Control;",
        "    ULONG Status;",
        "    ULONG TxHead;",
        "    ULONG TxTail;",
        "    ULONG RxHead;",
        "    ULONG RxTail;",
        "    ULONG FilterMode;",
        "    ULONG MacLow;",
        "    ULONG MacHigh;",
        "    ULONG Counters[16];",
        "} GD_HW_REGISTERS;",
        "",
        "typedef struct _GD_DESCRIPTOR {",
        "    ULONG Control;",
        "    ULONG Length;",
        "    ULONG64 Address;",
        "} GD_DESCRIPTOR, *PGD_DESCRIPTOR;",
        "",
        "typedef struct _GD_TCB {",
        "    LIST_ENTRY Link;",
        "    PNET_BUFFER_LIST NetBufferList;",
        "    PNET_BUFFER NetBuffer;",
        "    ULONG Index;",
        "    ULONG Length;",
        "} GD_TCB, *PGD_TCB;",
        "",
        "typedef struct _GD_RCB {",
        "    LIST_ENTRY Link;",
        "    PNET_BUFFER_LIST NetBufferList;",
        "    PMDL Mdl;",
        "    PUCHAR Data;",
        "    ULONG Index;",
        "} GD_RCB, *PGD_RCB;",
        "",
        "typedef struct _GD_STATS {",
        "    ULONG64 TxFrames;",
        "    ULONG64 TxBytes;",
        "    ULONG64 TxErrors;",
        "    ULONG64 TxDiscards;",
        "    ULONG64 RxFrames;",
        "    ULONG64 RxBytes;",
        "    ULONG64 RxErrors;",
        "    ULONG64 RxDiscards;",
        "    ULONG64 RxNoBuffer;",
        "    ULONG64 RxCrcErrors;",
        "    ULONG64 Interrupts;",
        "    ULONG64 Resets;",
        "} GD_STATS, *PGD_STATS;",
        "",
        "typedef struct _GD_ADAPTER {",
        "    NDIS_HANDLE AdapterHandle;",
        "    volatile GD_HW_REGISTERS *Registers;",
        "    ULONG RegisterLength;",
        "    NDIS_HANDLE InterruptHandle;",
        "    BOOLEAN InterruptRegistered;",
        "    BOOLEAN UsingMessageInterrupts;",
        "    PIO_INTERRUPT_MESSAGE_INFO MessageInfo;",
        "    NDIS_HANDLE NblPool;",
        "    NDIS_SPIN_LOCK SendLock;",
        "    NDIS_SPIN_LOCK RecvLock;",
        "    NDIS_SPIN_LOCK StatsLock;",
        "    LIST_ENTRY SendWaitList;",
        "    LIST_ENTRY FreeTcbList;",
        "    LIST_ENTRY BusyTcbList;",
        "    LIST_ENTRY FreeRcbList;",
        "    GD_TCB Tcb[GD_TX_RING_SIZE];",
        "    GD_RCB Rcb[GD_RX_RING_SIZE];",
        "    GD_DESCRIPTOR TxRing[GD_TX_RING_SIZE];",
        "    GD_DESCRIPTOR RxRing[GD_RX_RING_SIZE];",
        "    ULONG TxNext;",
        "    ULONG TxClean;",
        "    ULONG RxNext;",
        "    ULONG Flags;",
        "    LONG RefCount;",
        "    LONG PendingSends;",
        "    ULONG PacketFilter;",
        "    ULONG LookAhead;",
        "    ULONG InterruptModeration;",
        "    ULONG64 LinkSpeed;",
        "    UCHAR PermanentAddress[ETH_LENGTH_OF_ADDRESS];",
        "    UCHAR CurrentAddress[ETH_LENGTH_OF_ADDRESS];",
        "    UCHAR MulticastList[GD_MAX_MULTICAST][ETH_LENGTH_OF_ADDRESS];",
        "    ULONG MulticastCount;",
        "    ULONG PendingCauses;",
        "    ULONG Tuning[8];",
        "    GD_STATS Stats;",
        "} GD_ADAPTER, *PGD_ADAPTER;",
        "",
        "extern NDIS_HANDLE GdDriverHandle;",
        "",
        "/* gd_000.c */",
        "DRIVER_INITIALIZE DriverEntry;",
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
        "/* the interrupt handlers */",
        "MINIPORT_ISR GdIsr;",
        "MINIPORT_INTERRUPT_DPC GdInterruptDpc;",
        "MINIPORT_DISABLE_INTERRUPT GdDisableInterrupt;",
        "MINIPORT_ENABLE_INTERRUPT GdEnableInterrupt;",
        "MINIPORT_MESSAGE_INTERRUPT GdMessageInterrupt;",
        "MINIPORT_MESSAGE_INTERRUPT_DPC GdMessageInterruptDpc;",
        "MINIPORT_DISABLE_MESSAGE_INTERRUPT GdDisableMessageInterrupt;",
        "MINIPORT_ENABLE_MESSAGE_INTERRUPT GdEnableMessageInterrupt;",
        "",
        "_IRQL_requires_(PASSIVE_LEVEL)",
        "NDIS_STATUS GdRegisterInterrupt(_Inout_ PGD_ADAPTER Adapter);",
        "_IRQL_requires_(PASSIVE_LEVEL)",
        "VOID GdDeregisterInterrupt(_Inout_ PGD_ADAPTER Adapter);",
        "VOID GdHandleCauses(_Inout_ PGD_ADAPTER Adapter, _In_ ULONG Causes);",
        "",
        "#endif /* GENDRV_H */",
    };
    for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
        fputs(text[i], o->f);
        fputc('\n', o->f);
    }
}

/* ---- filler functions -------------------------------------------------- */

typedef enum Sig {
    SIG_VAL,  /* NDIS_STATUS f(PGD_ADAPTER Adapter, ULONG Value) */
    SIG_NBL,  /* ULONG f(PGD_ADAPTER Adapter, PNET_BUFFER_LIST NetBufferLists) */
    SIG_OID,  /* NDIS_STATUS f(PGD_ADAPTER Adapter, PNDIS_OID_REQUEST Request) */
    SIG_VOID, /* VOID f(PGD_ADAPTER Adapter) */
} Sig;

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

typedef struct Func {
    char name[64];
    Sig sig;
} Func;

/* One file being written. */
typedef struct Gen {
    Out *o;
    Rng rng;
    unsigned file;
    Func funcs[MAX_FUNCS];   /* helpers written so far in this file */
    unsigned func_count;
    unsigned externs[4];     /* files whose exports this file calls */
    unsigned extern_count;
} Gen;

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

static void emit_signature(Gen *g, const Func *f, int is_static)
{
    Out *o = g->o;
    const char *storage = is_static ? "static " : "";
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
        line(o, "status = %s(Adapter, %s);", g->funcs[callee].name, value_expr);
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
        line(o, "count += %s(Adapter, NET_BUFFER_LIST_NEXT_NBL(nbl));", g->funcs[callee].name);
    line(o, "}");
    line(o, "NdisAcquireSpinLock(&Adapter->StatsLock);");
    line(o, "Adapter->Stats.%s += bytes;", rng_chance(&g->rng, 50) ? "TxBytes" : "RxBytes");
    line(o, "NdisReleaseSpinLock(&Adapter->StatsLock);");
    line(o, "return count;");
    line(o, "}");
}

static void body_oid_query(Gen *g)
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

static void body_oid_set(Gen *g)
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
        line(o, "status = %s(Adapter, Request);", g->funcs[callee].name);
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
        line(o, "%s(Adapter);", g->funcs[callee].name);
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
        line(o, "%s(Adapter);", g->funcs[callee].name);
    line(o, "NdisInterlockedDecrement(&Adapter->RefCount);");
    line(o, "}");
}

/* Writes one filler helper. `export_index` >= 0 makes it the file's
 * exported helper of that index (SIG_VAL, not static). */
static void emit_filler(Gen *g, int export_index)
{
    Kind kind;
    if (export_index >= 0)
        kind = export_index == 0 ? K_SETUP : K_REG_POLL;
    else
        kind = (Kind)rng_range(&g->rng, 0, K_KIND_COUNT - 1);
    Func f;
    f.sig = sig_of_kind(kind);
    if (export_index >= 0)
        snprintf(f.name, sizeof(f.name), "Gd%03uExport%d", g->file, export_index);
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

/* ---- the fixed parts: DriverEntry, initialisation, handlers ------------- */

static const char *const FILE0_TEXT[] = {
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
    "static NDIS_STATUS",
    "GdSetRegistrationAttributes(",
    "    _Inout_ PGD_ADAPTER Adapter",
    "    )",
    "{",
    "    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES attributes;",
    "",
    "    NdisZeroMemory(&attributes, sizeof(attributes));",
    "    attributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;",
    "    attributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;",
    "    attributes.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;",
    "    attributes.MiniportAdapterContext = Adapter;",
    "    attributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |",
    "                                NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;",
    "    attributes.CheckForHangTimeInSeconds = 0;",
    "    attributes.InterfaceType = NdisInterfacePci;",
    "    return NdisMSetMiniportAttributes(Adapter->AdapterHandle,",
    "                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&attributes);",
    "}",
    "",
    "static NDIS_STATUS",
    "GdSetGeneralAttributes(",
    "    _Inout_ PGD_ADAPTER Adapter",
    "    )",
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
    "    NdisMoveMemory(general.PermanentMacAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);",
    "    NdisMoveMemory(general.CurrentMacAddress, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);",
    "    return NdisMSetMiniportAttributes(Adapter->AdapterHandle,",
    "                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&general);",
    "}",
    "",
    "static NDIS_STATUS",
    "GdMapRegisters(",
    "    _Inout_ PGD_ADAPTER Adapter,",
    "    _In_ PNDIS_MINIPORT_INIT_PARAMETERS InitParameters",
    "    )",
    "{",
    "    PNDIS_RESOURCE_LIST resources = InitParameters->AllocatedResources;",
    "    ULONG i;",
    "",
    "    if (resources == NULL) {",
    "        return NDIS_STATUS_RESOURCES;",
    "    }",
    "    for (i = 0; i < resources->Count; i++) {",
    "        PCM_PARTIAL_RESOURCE_DESCRIPTOR desc = &resources->PartialDescriptors[i];",
    "        PVOID mapped = NULL;",
    "        NDIS_STATUS status;",
    "",
    "        if (desc->Type != CmResourceTypeMemory ||",
    "            desc->u.Memory.Length < sizeof(GD_HW_REGISTERS)) {",
    "            continue;",
    "        }",
    "        status = NdisMMapIoSpace(&mapped, Adapter->AdapterHandle,",
    "                                 desc->u.Memory.Start, desc->u.Memory.Length);",
    "        if (status != NDIS_STATUS_SUCCESS) {",
    "            return status;",
    "        }",
    "        Adapter->Registers = (volatile GD_HW_REGISTERS *)mapped;",
    "        Adapter->RegisterLength = desc->u.Memory.Length;",
    "        return NDIS_STATUS_SUCCESS;",
    "    }",
    "    return NDIS_STATUS_RESOURCES;",
    "}",
    "",
    "static VOID",
    "GdUnmapRegisters(",
    "    _Inout_ PGD_ADAPTER Adapter",
    "    )",
    "{",
    "    if (Adapter->Registers != NULL) {",
    "        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers,",
    "                          Adapter->RegisterLength);",
    "        Adapter->Registers = NULL;",
    "    }",
    "}",
    "",
    "static VOID",
    "GdFillInterruptCharacteristics(",
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
    "_Use_decl_annotations_",
    "NDIS_STATUS GdRegisterInterrupt(PGD_ADAPTER Adapter)",
    "{",
    "    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS chars;",
    "    NDIS_STATUS status;",
    "",
    "    GdFillInterruptCharacteristics(&chars);",
    "    status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &chars,",
    "                                      &Adapter->InterruptHandle);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        return status;",
    "    }",
    "    Adapter->InterruptRegistered = TRUE;",
    "",
    "    /* NDIS may grant a line-based interrupt although MSI was asked for. */",
    "    if (chars.InterruptType == NDIS_CONNECT_MESSAGE_BASED) {",
    "        Adapter->UsingMessageInterrupts = TRUE;",
    "        Adapter->MessageInfo = chars.MessageInfoTable;",
    "    } else {",
    "        Adapter->UsingMessageInterrupts = FALSE;",
    "        Adapter->MessageInfo = NULL;",
    "    }",
    "    return NDIS_STATUS_SUCCESS;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdDeregisterInterrupt(PGD_ADAPTER Adapter)",
    "{",
    "    if (Adapter->InterruptRegistered) {",
    "        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);",
    "        Adapter->InterruptRegistered = FALSE;",
    "        Adapter->InterruptHandle = NULL;",
    "    }",
    "}",
    "",
    "static VOID",
    "GdInitializeQueues(",
    "    _Inout_ PGD_ADAPTER Adapter",
    "    )",
    "{",
    "    ULONG i;",
    "",
    "    NdisAllocateSpinLock(&Adapter->SendLock);",
    "    NdisAllocateSpinLock(&Adapter->RecvLock);",
    "    NdisAllocateSpinLock(&Adapter->StatsLock);",
    "    InitializeListHead(&Adapter->SendWaitList);",
    "    InitializeListHead(&Adapter->FreeTcbList);",
    "    InitializeListHead(&Adapter->BusyTcbList);",
    "    InitializeListHead(&Adapter->FreeRcbList);",
    "    for (i = 0; i < GD_TX_RING_SIZE; i++) {",
    "        Adapter->Tcb[i].Index = i;",
    "        InsertTailList(&Adapter->FreeTcbList, &Adapter->Tcb[i].Link);",
    "    }",
    "    for (i = 0; i < GD_RX_RING_SIZE; i++) {",
    "        Adapter->Rcb[i].Index = i;",
    "        InsertTailList(&Adapter->FreeRcbList, &Adapter->Rcb[i].Link);",
    "    }",
    "}",
    "",
    "static VOID",
    "GdFreeQueues(",
    "    _Inout_ PGD_ADAPTER Adapter",
    "    )",
    "{",
    "    NdisFreeSpinLock(&Adapter->SendLock);",
    "    NdisFreeSpinLock(&Adapter->RecvLock);",
    "    NdisFreeSpinLock(&Adapter->StatsLock);",
    "}",
    "",
    "static VOID",
    "GdResetHardware(",
    "    _Inout_ PGD_ADAPTER Adapter",
    "    )",
    "{",
    "    Adapter->Registers->InterruptMask = 0;",
    "    Adapter->Registers->MessageMask = 0;",
    "    Adapter->Registers->Control = GD_CONTROL_RESET;",
    "    Adapter->Registers->InterruptCause = GD_CAUSE_ALL;",
    "}",
    "",
    "static NDIS_STATUS",
    "GdStartHardware(",
    "    _Inout_ PGD_ADAPTER Adapter",
    "    )",
    "{",
    "    ULONG spins;",
    "",
    "    if (Adapter->UsingMessageInterrupts) {",
    "        Adapter->Registers->MessageMask = GD_CAUSE_ALL;",
    "    } else {",
    "        Adapter->Registers->InterruptMask = GD_CAUSE_ALL;",
    "    }",
    "    Adapter->Registers->Control = GD_CONTROL_ENABLE;",
    "    for (spins = 0; spins < GD_POLL_LIMIT; spins++) {",
    "        if ((Adapter->Registers->Status & GD_STATUS_READY) != 0) {",
    "            return NDIS_STATUS_SUCCESS;",
    "        }",
    "        NdisStallExecution(10);",
    "    }",
    "    return NDIS_STATUS_HARD_ERRORS;",
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
    "    PGD_ADAPTER adapter;",
    "    NDIS_STATUS status;",
    "",
    "    UNREFERENCED_PARAMETER(MiniportDriverContext);",
    "",
    "    adapter = (PGD_ADAPTER)NdisAllocateMemoryWithTagPriority(",
    "        MiniportAdapterHandle, sizeof(GD_ADAPTER), GD_TAG, NormalPoolPriority);",
    "    if (adapter == NULL) {",
    "        return NDIS_STATUS_RESOURCES;",
    "    }",
    "    NdisZeroMemory(adapter, sizeof(GD_ADAPTER));",
    "    adapter->AdapterHandle = MiniportAdapterHandle;",
    "    adapter->LookAhead = GD_MAX_LOOKAHEAD;",
    "    adapter->LinkSpeed = GD_LINK_SPEED;",
    "    adapter->RefCount = 1;",
    "    GdInitializeQueues(adapter);",
    "",
    "    status = GdSetRegistrationAttributes(adapter);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto free_adapter;",
    "    }",
    "    status = GdMapRegisters(adapter, MiniportInitParameters);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto free_adapter;",
    "    }",
    "    GdResetHardware(adapter);",
    "    status = GdSetGeneralAttributes(adapter);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto unmap;",
    "    }",
    "",
    "    status = GdRegisterInterrupt(adapter);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto unmap;",
    "    }",
    "    status = GdStartHardware(adapter);",
    "    if (status != NDIS_STATUS_SUCCESS) {",
    "        goto deregister;",
    "    }",
    "    return NDIS_STATUS_SUCCESS;",
    "",
    "deregister:",
    "    GdDeregisterInterrupt(adapter);",
    "unmap:",
    "    GdUnmapRegisters(adapter);",
    "free_adapter:",
    "    GdFreeQueues(adapter);",
    "    NdisFreeMemory(adapter, 0, 0);",
    "    return status;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID",
    "GdHaltEx(",
    "    NDIS_HANDLE MiniportAdapterContext,",
    "    NDIS_HALT_ACTION HaltAction",
    "    )",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "",
    "    UNREFERENCED_PARAMETER(HaltAction);",
    "    adapter->Flags |= GD_FLAG_HALTING;",
    "    GdResetHardware(adapter);",
    "    GdDeregisterInterrupt(adapter);",
    "    GdUnmapRegisters(adapter);",
    "    GdFreeQueues(adapter);",
    "    NdisFreeMemory(adapter, 0, 0);",
    "}",
    "",
    "_Use_decl_annotations_",
    "NDIS_STATUS GdPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS Parameters)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "",
    "    UNREFERENCED_PARAMETER(Parameters);",
    "    NdisAcquireSpinLock(&adapter->SendLock);",
    "    adapter->Flags |= GD_FLAG_PAUSED;",
    "    NdisReleaseSpinLock(&adapter->SendLock);",
    "    return adapter->PendingSends == 0 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_PENDING;",
    "}",
    "",
    "_Use_decl_annotations_",
    "NDIS_STATUS GdRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS Parameters)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "",
    "    UNREFERENCED_PARAMETER(Parameters);",
    "    NdisAcquireSpinLock(&adapter->SendLock);",
    "    adapter->Flags &= ~GD_FLAG_PAUSED;",
    "    NdisReleaseSpinLock(&adapter->SendLock);",
    "    return NDIS_STATUS_SUCCESS;",
    "}",
    "",
    "_Use_decl_annotations_",
    "NDIS_STATUS GdOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST Request)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "    NDIS_STATUS status;",
    "",
    "    switch (Request->RequestType) {",
    "    case NdisRequestQueryInformation:",
    "    case NdisRequestQueryStatistics:",
    "        status = GdQueryInformation(adapter, Request);",
    "        break;",
    "    case NdisRequestSetInformation:",
    "        status = GdSetInformation(adapter, Request);",
    "        break;",
    "    default:",
    "        status = NDIS_STATUS_NOT_SUPPORTED;",
    "        break;",
    "    }",
    "    return status;",
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
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "    PNET_BUFFER_LIST nbl;",
    "    PNET_BUFFER_LIST next;",
    "    PNET_BUFFER_LIST rejected = NULL;",
    "",
    "    UNREFERENCED_PARAMETER(PortNumber);",
    "    NdisAcquireSpinLock(&adapter->SendLock);",
    "    for (nbl = NetBufferLists; nbl != NULL; nbl = next) {",
    "        PLIST_ENTRY entry;",
    "        PGD_TCB tcb;",
    "",
    "        next = NET_BUFFER_LIST_NEXT_NBL(nbl);",
    "        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;",
    "        if ((adapter->Flags & GD_FLAG_PAUSED) != 0 || IsListEmpty(&adapter->FreeTcbList)) {",
    "            NET_BUFFER_LIST_STATUS(nbl) = (adapter->Flags & GD_FLAG_PAUSED) != 0",
    "                                              ? NDIS_STATUS_PAUSED : NDIS_STATUS_RESOURCES;",
    "            NET_BUFFER_LIST_NEXT_NBL(nbl) = rejected;",
    "            rejected = nbl;",
    "            continue;",
    "        }",
    "        entry = RemoveHeadList(&adapter->FreeTcbList);",
    "        tcb = CONTAINING_RECORD(entry, GD_TCB, Link);",
    "        tcb->NetBufferList = nbl;",
    "        tcb->NetBuffer = NET_BUFFER_LIST_FIRST_NB(nbl);",
    "        tcb->Length = NET_BUFFER_DATA_LENGTH(tcb->NetBuffer);",
    "        adapter->TxRing[tcb->Index].Length = tcb->Length;",
    "        adapter->TxRing[tcb->Index].Control = GD_DESC_OWNED;",
    "        InsertTailList(&adapter->BusyTcbList, &tcb->Link);",
    "        adapter->PendingSends++;",
    "    }",
    "    if (adapter->Registers != NULL) {",
    "        adapter->Registers->TxTail = adapter->TxNext;",
    "    }",
    "    NdisReleaseSpinLock(&adapter->SendLock);",
    "",
    "    if (rejected != NULL) {",
    "        NdisMSendNetBufferListsComplete(adapter->AdapterHandle, rejected,",
    "                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)",
    "                                            ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);",
    "    }",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "    PNET_BUFFER_LIST nbl;",
    "",
    "    UNREFERENCED_PARAMETER(ReturnFlags);",
    "    NdisAcquireSpinLock(&adapter->RecvLock);",
    "    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {",
    "        PGD_RCB rcb = (PGD_RCB)NET_BUFFER_LIST_MINIPORT_RESERVED(nbl)[0];",
    "",
    "        if (rcb != NULL) {",
    "            adapter->RxRing[rcb->Index].Control = GD_DESC_OWNED;",
    "        }",
    "    }",
    "    NdisReleaseSpinLock(&adapter->RecvLock);",
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
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "",
    "    if (Event->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {",
    "        adapter->Flags |= GD_FLAG_HALTING;",
    "    }",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportAdapterContext;",
    "",
    "    UNREFERENCED_PARAMETER(ShutdownAction);",
    "    if (adapter->Registers != NULL) {",
    "        adapter->Registers->InterruptMask = 0;",
    "        adapter->Registers->MessageMask = 0;",
    "        adapter->Registers->Control = GD_CONTROL_RESET;",
    "    }",
    "}",
};
/* Functions in FILE0_TEXT, and the two OID helpers written before it. */
#define FILE0_FIXED_FUNCS (21 + 2)

static const char *const ISR_TEXT[] = {
    "_Use_decl_annotations_",
    "VOID GdHandleCauses(PGD_ADAPTER Adapter, ULONG Causes)",
    "{",
    "    if ((Causes & GD_CAUSE_RX) != 0) {",
    "        Adapter->Stats.RxFrames++;",
    "    }",
    "    if ((Causes & GD_CAUSE_TX) != 0) {",
    "        Adapter->Stats.TxFrames++;",
    "    }",
    "    if ((Causes & GD_CAUSE_LINK) != 0) {",
    "        if ((Adapter->Registers->Status & GD_STATUS_LINK_UP) != 0) {",
    "            Adapter->Flags |= GD_FLAG_LINK_UP;",
    "        } else {",
    "            Adapter->Flags &= ~GD_FLAG_LINK_UP;",
    "        }",
    "    }",
    "    if ((Causes & GD_CAUSE_ERROR) != 0) {",
    "        Adapter->Stats.Resets++;",
    "    }",
    "}",
    "",
    "_Use_decl_annotations_",
    "BOOLEAN GdIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc,",
    "              PULONG TargetProcessors)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "    ULONG causes = adapter->Registers->InterruptCause & adapter->Registers->InterruptMask;",
    "",
    "    *TargetProcessors = 0;",
    "    if (causes == 0) {",
    "        *QueueDefaultInterruptDpc = FALSE;",
    "        return FALSE;",
    "    }",
    "    adapter->Registers->InterruptMask &= ~causes;",
    "    adapter->PendingCauses |= causes;",
    "    adapter->Stats.Interrupts++;",
    "    *QueueDefaultInterruptDpc = TRUE;",
    "    return TRUE;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdInterruptDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext,",
    "                    PVOID ReceiveThrottleParameters, PVOID NdisReserved2)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "    ULONG causes;",
    "",
    "    UNREFERENCED_PARAMETER(MiniportDpcContext);",
    "    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);",
    "    UNREFERENCED_PARAMETER(NdisReserved2);",
    "    causes = adapter->PendingCauses;",
    "    adapter->PendingCauses = 0;",
    "    adapter->Registers->InterruptCause = causes;",
    "    GdHandleCauses(adapter, causes);",
    "    adapter->Registers->InterruptMask |= causes;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "",
    "    adapter->Registers->InterruptMask = 0;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "",
    "    adapter->Registers->InterruptMask = GD_CAUSE_ALL;",
    "}",
    "",
    "_Use_decl_annotations_",
    "BOOLEAN GdMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId,",
    "                           PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "    ULONG cause = 1u << (MessageId % GD_MESSAGE_COUNT);",
    "",
    "    *TargetProcessors = 0;",
    "    adapter->Registers->MessageMask &= ~cause;",
    "    adapter->Stats.Interrupts++;",
    "    *QueueDefaultInterruptDpc = TRUE;",
    "    return TRUE;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdMessageInterruptDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId,",
    "                           PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,",
    "                           PVOID NdisReserved2)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "    ULONG cause = 1u << (MessageId % GD_MESSAGE_COUNT);",
    "",
    "    UNREFERENCED_PARAMETER(MiniportDpcContext);",
    "    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);",
    "    UNREFERENCED_PARAMETER(NdisReserved2);",
    "    adapter->Registers->InterruptCause = cause;",
    "    GdHandleCauses(adapter, cause);",
    "    adapter->Registers->MessageMask |= cause;",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdDisableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "",
    "    adapter->Registers->MessageMask &= ~(1u << (MessageId % GD_MESSAGE_COUNT));",
    "}",
    "",
    "_Use_decl_annotations_",
    "VOID GdEnableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)",
    "{",
    "    PGD_ADAPTER adapter = (PGD_ADAPTER)MiniportInterruptContext;",
    "",
    "    adapter->Registers->MessageMask |= 1u << (MessageId % GD_MESSAGE_COUNT);",
    "}",
};
#define ISR_FIXED_FUNCS 9

static void emit_lines(Out *o, const char *const *text, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        fputs(text[i], o->f);
        fputc('\n', o->f);
    }
}

/* ---- one file ---------------------------------------------------------- */

typedef struct Params {
    const char *dir;
    unsigned files;
    unsigned funcs_min;
    unsigned funcs_max;
    unsigned long long seed;
} Params;

/* Files from which file `file` calls exports: up to three earlier filler
 * files (index 2 and up), chosen by the file's own generator. */
static void choose_externs(Gen *g, const Params *p)
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
    (void)p;
}

static int write_file(const Params *p, unsigned file)
{
    char name[32];
    snprintf(name, sizeof(name), "gd_%03u.c", file);
    Out o;
    if (open_out(&o, p->dir, name) != 0)
        return -1;
    Gen *g = calloc(1, sizeof(*g));
    if (g == NULL) {
        fclose(o.f);
        return -1;
    }
    g->o = &o;
    g->file = file;
    g->rng.state = p->seed * 0x9E3779B97F4A7C15ull + (uint64_t)file * 0xD1B54A32D192ED03ull + 1;
    unsigned target = rng_range(&g->rng, p->funcs_min, p->funcs_max);
    choose_externs(g, p);

    int has_init = file == 0;
    int has_isr = file == 1 || (file == 0 && p->files == 1);
    int exports = file >= 2;

    fprintf(o.f, "/*\n * %s - part %u of %u of a synthetic NDIS 6.20 miniport\n"
                 " * (written by bench/gen_driver, seed %llu; do not edit).\n */\n",
            name, file + 1, p->files, p->seed);
    fprintf(o.f, "#include <%s>\n", HEADER_NAME);
    if (g->extern_count > 0) {
        fputs("\n/* helpers of other parts */\n", o.f);
        for (unsigned i = 0; i < g->extern_count; i++) {
            for (unsigned e = 0; e < 2; e++)
                fprintf(o.f, "NDIS_STATUS Gd%03uExport%u(_Inout_ PGD_ADAPTER Adapter, _In_ ULONG Value);\n",
                        g->externs[i], e);
        }
    }

    unsigned fixed = (has_init ? FILE0_FIXED_FUNCS : 0) + (has_isr ? ISR_FIXED_FUNCS : 0) +
                     (exports ? 2 : 0);
    unsigned filler = target > fixed ? target - fixed : 0;
    if (filler + fixed > MAX_FUNCS)
        filler = MAX_FUNCS - fixed;

    if (exports) {
        emit_filler(g, 0);
        emit_filler(g, 1);
    }
    /* Filler first, so that the handlers of gd_000.c can call into it. */
    for (unsigned i = 0; i < filler; i++)
        emit_filler(g, -1);
    if (has_init) {
        /* The two OID helpers GdOidRequest dispatches to. */
        Func query = {"GdQueryInformation", SIG_OID};
        Func set = {"GdSetInformation", SIG_OID};
        blank(&o);
        emit_signature(g, &query, 1);
        body_oid_query(g);
        g->funcs[g->func_count++] = query;
        blank(&o);
        emit_signature(g, &set, 1);
        body_oid_set(g);
        g->funcs[g->func_count++] = set;
        fputc('\n', o.f);
        emit_lines(&o, FILE0_TEXT, sizeof(FILE0_TEXT) / sizeof(FILE0_TEXT[0]));
    }
    if (has_isr) {
        fputc('\n', o.f);
        emit_lines(&o, ISR_TEXT, sizeof(ISR_TEXT) / sizeof(ISR_TEXT[0]));
    }
    free(g);
    return close_out(&o);
}

/* ---- main -------------------------------------------------------------- */

static int parse_unsigned(const char *text, unsigned long long max, unsigned long long *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || v > max)
        return -1;
    *out = v;
    return 0;
}

static void usage(FILE *to)
{
    fprintf(to,
            "usage: gen_driver OUT_DIR FILES FUNCS_MIN FUNCS_MAX SEED\n"
            "Writes a synthetic NDIS 6.20 miniport: OUT_DIR/gendrv.h and FILES\n"
            "(1 to %d) files gd_NNN.c of FUNCS_MIN to FUNCS_MAX functions each\n"
            "(1 <= FUNCS_MIN <= FUNCS_MAX <= %d), deterministic from SEED.\n",
            MAX_FILES, MAX_FUNCS);
}

int main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc != 6) {
        usage(stderr);
        return 2;
    }
    Params p;
    unsigned long long files, fmin, fmax, seed;
    if (parse_unsigned(argv[2], MAX_FILES, &files) != 0 || files < 1 ||
        parse_unsigned(argv[3], MAX_FUNCS, &fmin) != 0 || fmin < 1 ||
        parse_unsigned(argv[4], MAX_FUNCS, &fmax) != 0 || fmax < fmin ||
        parse_unsigned(argv[5], ULLONG_MAX, &seed) != 0) {
        usage(stderr);
        return 2;
    }
    p.dir = argv[1];
    p.files = (unsigned)files;
    p.funcs_min = (unsigned)fmin;
    p.funcs_max = (unsigned)fmax;
    p.seed = seed;
    if (mkdir(p.dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_driver: cannot create %s: %s\n", p.dir, strerror(errno));
        return 1;
    }
    Out o;
    if (open_out(&o, p.dir, HEADER_NAME) != 0)
        return 1;
    write_header(&o);
    if (close_out(&o) != 0)
        return 1;
    for (unsigned i = 0; i < p.files; i++) {
        if (write_file(&p, i) != 0)
            return 1;
    }
    return 0;
}
