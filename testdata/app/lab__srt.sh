#!/bin/bash
# Makes lab__srt.pcap: real SRT (Secure Reliable Transport) between two srt-live-transmit 1.5.1 (Debian 12's
# srt-tools) in two network namespaces joined by a veth pair, captured on the caller's end. The caller
# (10.48.0.1, local port 9711) reads UDP datagrams from its own loopback and sends them over SRT to the
# listener (10.48.0.2:9710), which writes them to its standard output (discarded): the caller's induction and conclusion handshakes
# and the listener's answers, data packets, ACKs and ACKACKs, keepalives while idle, and the caller's shutdown.
# Ports 9710/9711 are no ports tshark 4.0 gives a dissector: SRT is found by tshark's "udp srt" heuristic.
# Needs root, srt-tools, python3 and tcpdump (Debian packages). Usage: bash lab__srt.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns heursra heursrb hsa hsb 10.48.0.1/24 10.48.0.2/24
ip netns exec heursra tcpdump -i hsa -U -w "$OUT" -s 0 'udp port 9710' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec heursrb srt-live-transmit -q 'srt://:9710' file://con >/dev/null 2>&1 &
echo $! > "$W/listener.pid"
sleep 1
ip netns exec heursra srt-live-transmit -q 'udp://127.0.0.1:9720' 'srt://10.48.0.2:9710?port=9711' >/dev/null 2>&1 &
echo $! > "$W/caller.pid"
sleep 1
ip netns exec heursra python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(12):
    s.sendto(b"ladder srt datagram %02d " % i + bytes(range(32)) * 3, ("127.0.0.1", 9720))
    time.sleep(0.05)
'
sleep 2.5
kill "$(cat "$W/caller.pid")"; rm "$W/caller.pid"
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
