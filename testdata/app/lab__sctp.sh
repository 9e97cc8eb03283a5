#!/bin/bash
# Makes lab__sctp.pcap: two real SCTP associations run by the userspace stack github.com/pion/sctp (the Go program in
# lab__sctp/, its own module) between two network namespaces joined by a veth pair; each SCTP packet travels as an
# IPv4 packet of protocol 132 through a raw IP socket (the kernel here has no SCTP). Recorded with tcpdump on the
# server's end of the veth pair. Needs root, go (fetches the module's dependencies) and tcpdump.
# Usage: bash lab__sctp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns sctpa sctpb sca scb 10.13.2.1/24 10.13.2.2/24
(cd "$HERE/lab__sctp" && go build -o "$W/lab-sctp" .)
ip netns exec sctpb tcpdump -i scb -U -w "$OUT" -s 0 'ip proto 132' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1.5
ip netns exec sctpb "$W/lab-sctp" server 10.13.2.1 &
echo $! > "$W/server.pid"
sleep 0.5
ip netns exec sctpa "$W/lab-sctp" client 10.13.2.2
sleep 1
