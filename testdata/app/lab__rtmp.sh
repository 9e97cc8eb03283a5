#!/bin/bash
# Makes lab__rtmp.pcap: real RTMP on TCP 1935 between two network namespaces joined by a veth pair, captured on the
# client's end with segmentation offload off. The server is Debian 12's ffmpeg 5.1 listening as an RTMP server
# (-listen 1) and writing what it receives to a file; the client is the same ffmpeg publishing one second of a
# generated tone (AAC) and a 32x24 blue picture (H.264) as FLV to rtmp://server/live/stream: the handshake,
# connect, the server's window, bandwidth, chunk size and _result, releaseStream/FCPublish/createStream, publish and
# onStatus, @setDataFrame metadata, audio and video messages in 128-byte chunks, FCUnpublish and deleteStream.
# Needs root, ffmpeg, tcpdump and ethtool. Usage: bash lab__rtmp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lab-netns.sh"
lab_netns textp-rta textp-rtb ta tb 10.24.0.1/24 10.24.0.2/24
for n in a b; do ip netns exec textp-rt$n ethtool -K t$n tso off gso off gro off >/dev/null 2>&1; done
ip netns exec textp-rtb ffmpeg -hide_banner -loglevel error -listen 1 -i rtmp://10.24.0.2:1935/live/stream \
	-c copy -f flv -y "$W/got.flv" &
echo $! > "$W/server.pid"
ip netns exec textp-rta tcpdump -i ta -U -w "$OUT" -s 0 'tcp port 1935' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
ip netns exec textp-rta ffmpeg -hide_banner -loglevel error -re \
	-f lavfi -i 'sine=frequency=440:sample_rate=8000:duration=1' -f lavfi -i 'color=c=blue:s=32x24:r=5:d=1' \
	-c:a aac -b:a 16k -c:v libx264 -g 5 -pix_fmt yuv420p -f flv rtmp://10.24.0.2:1935/live/stream 2>/dev/null || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
