#!/bin/bash
# Makes lab__tns.pcap: real Oracle TNS connection attempts between two network namespaces joined by a veth pair,
# captured on the client's end with segmentation offload off. The client is github.com/sijms/go-ora/v2 (the Go
# program in lab__tns/, its own module); there is no Oracle listener here, so the other end is the same program's
# responder, written from the TNS packet layout: it refuses one service (Refuse with the listener's ORA-12514
# description), redirects another (Redirect, then the repeated Connect is refused) and asks for a third Connect
# to be sent again (Resend, then Refuse). Needs root, go (the module proxy for the first build), ethtool and
# tcpdump. Usage: bash lab__tns.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns dbtnsa dbtnsb dbna dbnb 10.77.10.1/24 10.77.10.2/24
chmod 755 "$W"
for n in a b; do ip netns exec dbtns$n ethtool -K dbn$n tso off gso off gro off >/dev/null 2>&1; done
(cd "$HERE/lab__tns" && go build -o "$W/labtns" .)
ip netns exec dbtnsb "$W/labtns" server 10.77.10.2:1521 &
echo $! > "$W/server.pid"
ip netns exec dbtnsa tcpdump -i dbna -U -w "$OUT" -s 0 'tcp port 1521' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1.5
ip netns exec dbtnsa "$W/labtns" client 10.77.10.2:1521 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
