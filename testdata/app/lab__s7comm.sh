#!/bin/bash
# Makes lab__s7comm.pcap: S7comm over COTP/TPKT on TCP 102 between nodes7 0.3.18 (npm, MIT; an S7 client
# written in JavaScript) and lab__s7comm/responder.py, a hand-written PLC stand-in (no S7 server implementation
# was at hand), in two network namespaces joined by a veth pair, captured on the client's end: the COTP
# connection with nodes7's TSAPs, Setup communication, Read Var of seven items (DB words and a real, a flag
# bit, a byte string, a DB the PLC lacks, an input bit, an output byte) optimised by nodes7 into its requests,
# Write Var of a word and a bit, and the disconnect.
# Needs root, node/npm, python3 and tcpdump. Usage: bash lab__s7comm.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
cd "$(dirname "$0")"
. ./lab-netns.sh
(cd lab__s7comm && npm install --no-audit --no-fund --silent >/dev/null)
lab_netns ics-s7a ics-s7b ics7a ics7b 10.102.0.1/24 10.102.0.2/24
ip netns exec ics-s7a tcpdump -i ics7a -U -s 0 -w "$OUT" 'tcp port 102' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec ics-s7b python3 lab__s7comm/responder.py 10.102.0.2 &
echo $! > "$W/responder.pid"
sleep 1.5
ip netns exec ics-s7a timeout 20 node lab__s7comm/client.js 10.102.0.2
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
