#!/bin/bash
# Makes lab__websocket.pcap: real WebSocket (RFC 6455) connections between two network namespaces joined by a veth
# pair, captured on the client's end with segmentation offload off. The server is lab__websocket/server.py (Debian
# 12's python3-websockets 10.4) on TCP 80; the clients are lab__websocket/client.py (the same library) once without
# and once with permessage-deflate (RFC 7692, context takeover), and lab__websocket/main.go
# (github.com/gorilla/websocket v1.5.3, permessage-deflate without context takeover). See the programs for the
# messages. Needs root, python3-websockets, tcpdump, ethtool and Go. Usage: bash lab__websocket.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lab-netns.sh"
lab_netns wsa wsb wa wb 10.21.0.1/24 10.21.0.2/24
(cd "$HERE/lab__websocket" && go build -o "$W/gorilla" .)
for n in a b; do ip netns exec ws$n ethtool -K w$n tso off gso off gro off >/dev/null 2>&1; done
ip netns exec wsb /usr/bin/python3 "$HERE/lab__websocket/server.py" 10.21.0.2 80 &
echo $! > "$W/server.pid"
ip netns exec wsa tcpdump -i wa -U -w "$OUT" -s 0 'tcp port 80' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
ip netns exec wsa /usr/bin/python3 "$HERE/lab__websocket/client.py" ws://10.21.0.2/chat plain
sleep 0.5
ip netns exec wsa /usr/bin/python3 "$HERE/lab__websocket/client.py" ws://10.21.0.2/chat deflate
sleep 0.5
ip netns exec wsa "$W/gorilla" ws://10.21.0.2/go
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
