#!/bin/bash
# Makes lab__sip_rtp.pcap: a real SIP call over UDP between two user agents built with github.com/emiago/diago
# v0.42.1 and github.com/emiago/sipgo v1.7.3 (the Go program in lab__sip_rtp/, its own module), each in its own
# network namespace joined by a veth pair, captured on the caller's end: INVITE with an SDP offer, 100 Trying,
# 180 Ringing, 200 OK with the SDP answer, ACK, a second of G.711 PCMU audio each way, the DTMF digits 1 and # as
# RFC 4733 telephone-events, one RTCP Sender Report each way (diago's 5 s timer), BYE and its 200 OK.
# Needs root and tcpdump. Usage: (cd lab__sip_rtp && go build -o /tmp/siprtp .) && bash lab__sip_rtp.sh /tmp/siprtp OUT.pcap
set -eu
BIN=$(realpath "$1")
OUT=$(realpath -m "$2")
. "$(dirname "$0")/lab-netns.sh"
lab_netns sipa sipb sa sb 10.13.0.1/24 10.13.0.2/24
ip netns exec sipa tcpdump -i sa --immediate-mode -U -w "$OUT" -s 0 udp 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
ip netns exec sipb "$BIN" callee 10.13.0.2 2> "$W/callee.log" &
echo $! > "$W/callee.pid"
sleep 0.5
ip netns exec sipa "$BIN" caller 10.13.0.1 10.13.0.2 2> "$W/caller.log"
wait "$(cat "$W/callee.pid")" || true
rm "$W/callee.pid"
sleep 0.5
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
cat "$W/caller.log" "$W/callee.log" >&2
