#!/bin/bash
# Makes lab__rtsp_tcp.pcap: RTSP with RTP/RTCP interleaved on the TCP connection (RFC 2326 10.12, "$" framing)
# between two ffmpeg 5.1 processes in two network namespaces joined by a veth pair, captured on the client's end.
# The server is ffmpeg with -rtsp_flags listen on TCP 8554; the client publishes 1.6 s of a 440 Hz tone (lavfi sine,
# 8 kHz) as G.711 PCMU with -rtsp_transport tcp: OPTIONS, ANNOUNCE with an SDP body,
# SETUP with Transport RTP/AVP/TCP;interleaved=0-1, RECORD, an RTCP Sender Report and RTP on channels 1 and 0, and
# TEARDOWN, which ffmpeg's listen mode answers 501 Not Implemented.
# Needs root, tcpdump and ffmpeg. Usage: bash lab__rtsp_tcp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns rtspa rtspb ra rb 10.21.0.1/24 10.21.0.2/24
ip netns exec rtspa tcpdump -i ra --immediate-mode -U -w "$OUT" -s 0 ip 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
timeout 8 ip netns exec rtspb ffmpeg -hide_banner -loglevel error -rtsp_flags listen -timeout 5 \
	-i rtsp://10.21.0.2:8554/cam -f null - > "$W/srv.log" 2>&1 &
echo $! > "$W/srv.pid"
sleep 1
timeout 8 ip netns exec rtspa ffmpeg -hide_banner -loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=8000 -t 1.6 \
	-c:a pcm_mulaw -rtsp_transport tcp -f rtsp rtsp://10.21.0.2:8554/cam 2> "$W/cli.log" || true
wait "$(cat "$W/srv.pid")" || true
rm "$W/srv.pid"
sleep 0.5
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
cat "$W/cli.log" "$W/srv.log" >&2
