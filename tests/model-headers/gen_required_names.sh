#!/bin/sh
# Regenerates required-names.tsv: the checklist names that the model headers
# cover.  Input is the checklist of WDK names used by public miniports
# (name, kind, drivers, header); fields of unnamed members are rewritten as
# paths through the enclosing named structure where that path is known.
# Only names that pass names_check.sh are kept, so the list records coverage.
#
# usage: gen_required_names.sh CHECKLIST.tsv [INCLUDE_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
checklist=${1:?usage: gen_required_names.sh CHECKLIST.tsv [INCLUDE_DIR]}
incdir=${2:-$here/../../rules/include}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Unnamed members: "<file>:<line>:<col>" of the unnamed aggregate -> named path prefix.
cat > "$tmp/anon.map" <<'MAP'
km/wdm.h:11357:5	_CM_PARTIAL_RESOURCE_DESCRIPTOR.u
km/wdm.h:11373:9	_CM_PARTIAL_RESOURCE_DESCRIPTOR.u.Port
km/wdm.h:11381:9	_CM_PARTIAL_RESOURCE_DESCRIPTOR.u.Interrupt
km/wdm.h:11398:13	_CM_PARTIAL_RESOURCE_DESCRIPTOR.u.MessageInterrupt
km/wdm.h:11410:16	_CM_PARTIAL_RESOURCE_DESCRIPTOR.u.MessageInterrupt.Translated
km/wdm.h:11429:9	_CM_PARTIAL_RESOURCE_DESCRIPTOR.u.Memory
km/wdm.h:12079:5	_IO_RESOURCE_DESCRIPTOR.u
km/wdm.h:12094:9	_IO_RESOURCE_DESCRIPTOR.u.Interrupt
km/wdm.h:7282:5	_IO_STATUS_BLOCK
km/wdm.h:31104:5	_IRP.AssociatedIrp
km/wdm.h:31722:5	_IO_STACK_LOCATION.Parameters
km/wdm.h:31945:9	_IO_STACK_LOCATION.Parameters.DeviceIoControl
km/wdm.h:41724:5	_PCI_COMMON_HEADER.u
shared/ntdef.h:1187:5	_LARGE_INTEGER
shared/ntdef.h:1191:5	_LARGE_INTEGER.u
km/ndis.h:1184:5	_NDIS_CONFIGURATION_PARAMETER.ParameterData
km/ndis/nbl.h:95:9	_NET_BUFFER
km/ndis/nbl.h:100:13	_NET_BUFFER
km/ndis/nbl.h:126:5	_NET_BUFFER
km/ndis/nbl.h:175:9	_NET_BUFFER_LIST
km/ndis/nbl.h:201:5	_NET_BUFFER_LIST
km/ndis/nblchecksum.h:18:5	_NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO
km/ndis/nblchecksum.h:20:9	_NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO.Transmit
km/ndis/nblchecksum.h:31:9	_NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO.Receive
km/ndis/nbllso.h:37:5	_NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO
km/ndis/nbllso.h:46:9	_NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO.LsoV1Transmit
km/ndis/nbllso.h:54:9	_NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO.LsoV1TransmitComplete
km/ndis/nbllso.h:61:9	_NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO.LsoV2Transmit
km/ndis/nbl8021q.h:20:5	_NDIS_NET_BUFFER_LIST_8021Q_INFO
km/ndis/nbl8021q.h:22:9	_NDIS_NET_BUFFER_LIST_8021Q_INFO.TagHeader
km/ndis/encapsulationconfig.h:33:5	_NDIS_OFFLOAD_ENCAPSULATION.IPv4
km/ndis/encapsulationconfig.h:56:5	_NDIS_OFFLOAD_ENCAPSULATION.IPv6
shared/ntddndis.h:3149:5	_NDIS_TCP_LARGE_SEND_OFFLOAD_V1.IPv4
shared/ntddndis.h:3168:5	_NDIS_TCP_IP_CHECKSUM_OFFLOAD.IPv4Transmit
shared/ntddndis.h:3178:5	_NDIS_TCP_IP_CHECKSUM_OFFLOAD.IPv4Receive
shared/ntddndis.h:3189:5	_NDIS_TCP_IP_CHECKSUM_OFFLOAD.IPv6Transmit
shared/ntddndis.h:3199:5	_NDIS_TCP_IP_CHECKSUM_OFFLOAD.IPv6Receive
shared/ntddndis.h:3257:5	_NDIS_TCP_LARGE_SEND_OFFLOAD_V2.IPv4
shared/ntddndis.h:3264:5	_NDIS_TCP_LARGE_SEND_OFFLOAD_V2.IPv6
shared/windot11.h:1085:9	_DOT11_RECV_SENSITIVITY_LIST
shared/windot11.h:1725:9	DOT11_PHY_ATTRIBUTES.PhySpecificAttributes
MAP

# Tags that name unions rather than structures.
unions=' _LARGE_INTEGER _ULARGE_INTEGER _NDIS_MINIPORT_ADAPTER_ATTRIBUTES _REQUEST_DATA _NDIS_DRIVER_OPTIONAL_HANDLERS _SLIST_HEADER _NET_BUFFER_HEADER _NET_BUFFER_LIST_HEADER _POWER_STATE _NET_LUID_LH DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO '

awk -F'\t' -v unions="$unions" '
NR == FNR { map[$1] = $2; next }
FNR == 1 { next }
{
    name = $1; kind = $2; drivers = $3; agg = ""
    if (kind == "field") {
        if (name ~ /\(/) {
            # "struct (unnamed at /path/wdk-linked/FILE:L:C).Field"
            key = name; sub(/^.*wdk-linked\//, "", key); sub(/\).*$/, "", key)
            field = name; sub(/^.*\)\./, "", field)
            if (!(key in map) || field ~ /[ (:]/ || field == "") next
            name = map[key] "." field
        } else if (name ~ /\.$/ || name ~ /\.union$/ || name ~ /::/) {
            next
        }
        tag = name; sub(/\..*$/, "", tag)
        agg = (index(unions, " " tag " ") > 0) ? "union" : "struct"
    }
    if (seen[name]++) next
    print name "\t" kind "\t" drivers "\t" agg
}' "$tmp/anon.map" "$checklist" > "$tmp/candidates.tsv"

# Keep the names the headers cover: names_check.sh lists the missing ones.
"$here/names_check.sh" "$incdir" "$tmp/candidates.tsv" > "$tmp/check.out" 2>&1 || true
sed -n 's/^missing: //p' "$tmp/check.out" | sort -u > "$tmp/missing.txt"

{
    printf '# name\tkind\tdrivers\taggregate\n'
    awk -F'\t' 'FILENAME == ARGV[1] { miss[$1] = 1; next } !($1 in miss)' "$tmp/missing.txt" "$tmp/candidates.tsv"
} > "$here/required-names.tsv"

total=$(wc -l < "$tmp/candidates.tsv")
kept=$(($(wc -l < "$here/required-names.tsv") - 1))
echo "candidates: $total, covered: $kept, missing: $(wc -l < "$tmp/missing.txt")"
sed "s/^/not covered: /" "$tmp/missing.txt" >&2
