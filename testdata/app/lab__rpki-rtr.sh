#!/bin/bash
# Makes lab__rpki-rtr.pcap: real RPKI-to-Router sessions (TCP 323) between Debian 12's stayrtr (cache, fed a JSON of
# 40 IPv4 and 20 IPv6 VRPs made here plus a SLURM file adding a prefix and a BGPsec router key) and Debian 12's
# rtrclient (rtr-tools, RTRlib 0.8, protocol version 1) in two network namespaces joined by a veth pair. rtrclient
# syncs (Reset Query, Cache Response, IPv4/IPv6 Prefix, Router Key, End of Data, several PDUs per segment when
# TCP holds writes back); the JSON then changes and stayrtr's refresh sends Serial Notify, answered by Serial Query and
# the incremental announcements and withdrawals. Then lab__rpki-rtr-probe.py (stdlib client) opens sessions of
# version 0 and 2, asks with a serial the cache never had (Cache Reset), with version 9 and an unassigned PDU type
# (stayrtr closes without an Error Report), and splits one query over two segments.
# Needs root, stayrtr, rtr-tools, tcpdump, python3. Usage: bash lab__rpki-rtr.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lab-netns.sh"
lab_netns rtrsa rtrsb rtra rtrb 10.23.0.1/24 10.23.0.2/24
vrps() { # vrps SHIFT: the JSON, SHIFT moving the first prefixes so a refresh has withdrawals and announcements
	python3 - "$1" <<'PY'
import json, sys
k = int(sys.argv[1])
roas = [{"prefix": "10.%d.%d.0/24" % ((i + k) // 256, (i + k) % 256), "maxLength": 24, "asn": "AS%d" % (64500 + i), "ta": "lab"} for i in range(40)]
roas += [{"prefix": "2001:db8:%x::/48" % (i + k), "maxLength": 64, "asn": "AS%d" % (65000 + i), "ta": "lab"} for i in range(20)]
print(json.dumps({"metadata": {"buildtime": "2026-12-07T00:00:00Z", "generated": 1796601600}, "roas": roas}))
PY
}
vrps 0 > "$W/vrps.json"
cat > "$W/slurm.json" <<'JSON'
{"slurmVersion": 2, "validationOutputFilters": {"prefixFilters": [], "bgpsecFilters": []},
 "locallyAddedAssertions": {"prefixAssertions": [{"asn": 64496, "prefix": "198.51.100.0/24", "maxPrefixLength": 24}],
  "bgpsecAssertions": [{"asn": 64496, "SKI": "q02RD1XK5xohXmB3iDc7Z6c0Ojw=",
   "routerPublicKey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEgFcjQ/g//LAQerAH2Mpp+GucoDAGBbhIqD33wNPsXxnAGb+mtZ7XQrVO9DQ6UlAShtig5+QfEKpTtFgiqfiAFQ=="}]}}
JSON
ip netns exec rtrsa stayrtr -cache "$W/vrps.json" -slurm "$W/slurm.json" -checktime=false -refresh 2 \
	-bind 10.23.0.1:323 -metrics.addr 127.0.0.1:9847 >"$W/stayrtr.out" 2>&1 &
echo $! > "$W/stayrtr.pid"
sleep 2
ip netns exec rtrsa tcpdump -i rtra -U -w "$OUT" -s 0 'tcp port 323' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
ip netns exec rtrsb rtrclient tcp 10.23.0.1 323 >"$W/rtrclient.out" 2>&1 &
echo $! > "$W/rtrclient.pid"
sleep 2
vrps 5 > "$W/vrps.json.new" && mv "$W/vrps.json.new" "$W/vrps.json"
sleep 4
kill "$(cat "$W/rtrclient.pid")"; rm "$W/rtrclient.pid"
sleep 1
ip netns exec rtrsb python3 "$HERE/lab__rpki-rtr-probe.py" 10.23.0.1
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
