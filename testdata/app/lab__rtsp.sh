#!/bin/bash
# Makes lab__rtsp.pcap: RTSP with RTP/RTCP over UDP between real implementations in two network namespaces joined
# by a veth pair, captured on the client's end. The server is Debian's rtsp-server-perl 0.06 (RTSP::Server, clients
# on TCP 554) fed on its own loopback (not captured) by an ffmpeg 5.1 publisher that ANNOUNCEs/RECORDs 6 s of a
# 440 Hz tone (lavfi sine, 8 kHz) as G.711 PCMU (static payload type 0). The client, ffmpeg 5.1, sends OPTIONS, DESCRIBE
# (200 OK with an SDP body), SETUP with a UDP Transport (client_port/server_port), PLAY, receives RTP over UDP and
# sends RTCP Receiver Reports, and is stopped by SIGINT after 2.5 s (TEARDOWN); then ffprobe DESCRIBEs a path the
# server does not have (404 Not Found). rtsp-server-perl writes a reply's header lines in separate segments.
# Needs root, tcpdump, ffmpeg and rtsp-server-perl. Usage: bash lab__rtsp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns rtspa rtspb ra rb 10.21.0.1/24 10.21.0.2/24
ip netns exec rtspa tcpdump -i ra --immediate-mode -U -w "$OUT" -s 0 ip 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec rtspb rtsp-server-perl --loglevel 2 > "$W/srv.log" 2>&1 &
echo $! > "$W/srv.pid"
sleep 1.5
ip netns exec rtspb ffmpeg -hide_banner -loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=8000 -t 6 \
	-c:a pcm_mulaw -f rtsp rtsp://127.0.0.1:5545/live > "$W/pub.log" 2>&1 &
echo $! > "$W/pub.pid"
sleep 1.5
timeout -s INT 2.5 ip netns exec rtspa ffmpeg -hide_banner -loglevel error -rtsp_transport udp \
	-i rtsp://10.21.0.2/live -f null - 2> "$W/cli.log" || true
sleep 0.3
timeout 5 ip netns exec rtspa ffprobe -hide_banner -loglevel error rtsp://10.21.0.2/missing 2>> "$W/cli.log" || true
sleep 0.5
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
cat "$W/cli.log" "$W/pub.log" >&2
