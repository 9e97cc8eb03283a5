#!/bin/bash
# Makes lab__sip_rtp_early.pcap: a real SIP call over UDP between two user agents built with github.com/emiago/diago
# v0.42.1 and github.com/emiago/sipgo v1.7.3 (the Go program in lab__sip_rtp/, modes early-callee and early-caller),
# each in its own network namespace joined by a veth pair, captured on the caller's end: INVITE with an SDP offer,
# 100 Trying, 183 Session Progress with the callee's SDP and 0.3 s of early G.711 audio, 200 OK with the SDP, ACK,
# audio both ways, a re-INVITE putting the call on hold (a=sendonly) and its 200 OK/ACK, audio, a re-INVITE taking it
# off hold (a=sendrecv), audio, BYE and its 200 OK. (Shorter than diago's 5 s RTCP timer: no RTCP.)
# Needs root and tcpdump. Usage: (cd lab__sip_rtp && go build -o /tmp/siprtp .) && bash lab__sip_rtp_early.sh /tmp/siprtp OUT.pcap
set -eu
BIN=$(realpath "$1")
OUT=$(realpath -m "$2")
. "$(dirname "$0")/lab-netns.sh"
lab_netns sipa sipb sa sb 10.13.0.1/24 10.13.0.2/24
ip netns exec sipa tcpdump -i sa --immediate-mode -U -w "$OUT" -s 0 udp 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
ip netns exec sipb "$BIN" early-callee 10.13.0.2 2> "$W/callee.log" &
echo $! > "$W/callee.pid"
sleep 0.5
ip netns exec sipa "$BIN" early-caller 10.13.0.1 10.13.0.2 2> "$W/caller.log"
wait "$(cat "$W/callee.pid")" || true
rm "$W/callee.pid"
sleep 0.5
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
cat "$W/caller.log" "$W/callee.log" >&2
