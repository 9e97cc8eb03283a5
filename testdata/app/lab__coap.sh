#!/bin/bash
# Makes lab__coap.pcap: real CoAP (RFC 7252) over UDP 5683 between libcoap 4.3.1's example coap-server and
# coap-client (Debian 12's libcoap3-bin, the no-TLS builds) in two network namespaces joined by a veth pair,
# captured on the client's end: confirmable GETs of /.well-known/core (a block-wise answer, Block2) and /time
# (2.05 Content), a non-confirmable GET, a PUT and a DELETE on a resource the server creates (2.01 Created, 2.02
# Deleted), a POST (4.05 Method Not Allowed), a GET of a missing path (4.04 Not Found), an observation of /time
# (Observe registrations and notifications) and a block-wise PUT of a larger body (Block1). IPv4 and IPv6.
# Needs root, libcoap3-bin and tcpdump (Debian packages). Usage: bash lab__coap.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns iotca iotcb ica icb 10.31.0.1/24 10.31.0.2/24 fd31::1/64 fd31::2/64
ip netns exec iotca tcpdump -i ica -U -w "$OUT" -s 0 'udp port 5683' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec iotcb coap-server-notls -d 4 -v 0 >/dev/null 2>&1 &
echo $! > "$W/server.pid"
sleep 1.5
C="ip netns exec iotca timeout 10 coap-client-notls -v 0"
S=coap://10.31.0.2
$C -B 2 -b 64 $S/.well-known/core >/dev/null 2>&1
$C -B 2 $S/time >/dev/null 2>&1
$C -B 2 -N $S/time >/dev/null 2>&1
$C -B 2 -m put -t text/plain -e hello $S/example_data >/dev/null 2>&1
$C -B 2 $S/example_data >/dev/null 2>&1
$C -B 2 -m post -e x $S/time >/dev/null 2>&1 || true
$C -B 2 $S/nothing/here?a=1 >/dev/null 2>&1 || true
$C -B 2 -m delete $S/example_data >/dev/null 2>&1 || true
$C -s 4 -B 5 $S/time >/dev/null 2>&1 || true
head -c 300 /dev/zero | tr '\0' 'a' > "$W/body"
$C -B 2 -b 64 -m put -f "$W/body" $S/big >/dev/null 2>&1 || true
$C -B 2 -T 0a0b coap://[fd31::2]/time >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
