#!/bin/bash
# Makes lab__proxy.pcap: real PROXY protocol headers sent by haproxy 2.6 (Debian 12) to the small HTTP server of
# lab__proxy-server.py, in two network namespaces joined by a veth pair, captured on haproxy's end. curl asks
# haproxy (in the same namespace, over IPv4 and IPv6) for a page; haproxy connects to the server (10.49.0.2) and
# sends first a version-1 header ("PROXY TCP4 ..." or "PROXY TCP6 ...", server port 8181, "send-proxy"), a
# version-2 one (binary, server port 8182, "send-proxy-v2") or a version-2 one with a UNIQUE_ID TLV (port 8183,
# "proxy-v2-options unique-id"), then the request. Ports 8181-8183 are no ports tshark 4.0 gives a dissector: the
# header is found by its "tcp proxy" heuristic, the HTTP after it by HTTP's.
# Needs root, haproxy, curl, python3 and tcpdump (Debian packages). Usage: bash lab__proxy.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(realpath "$(dirname "$0")")
. "$HERE/lab-netns.sh"
lab_netns heurpxa heurpxb hpa hpb 10.49.0.1/24 10.49.0.2/24 fd49::1/64 fd49::2/64
chmod 755 "$W"
cat > "$W/haproxy.cfg" <<CFG
global
	maxconn 64
defaults
	mode http
	timeout connect 2s
	timeout client 5s
	timeout server 5s
frontend v1
	bind 10.49.0.1:8080
	bind [fd49::1]:8080
	default_backend v1
frontend v2
	bind 10.49.0.1:8090
	bind [fd49::1]:8090
	default_backend v2
frontend v2tlv
	bind 10.49.0.1:8100
	unique-id-format lab-%ci-%cp-%fp-%rt
	default_backend v2tlv
backend v1
	server s1 10.49.0.2:8181 send-proxy
backend v2
	server s2 10.49.0.2:8182 send-proxy-v2
backend v2tlv
	server s3 10.49.0.2:8183 send-proxy-v2 proxy-v2-options unique-id
CFG
ip netns exec heurpxa tcpdump -i hpa -U -w "$OUT" -s 0 'tcp portrange 8181-8183' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec heurpxb python3 "$HERE/lab__proxy-server.py" 10.49.0.2 8181 8182 8183 &
echo $! > "$W/server.pid"
ip netns exec heurpxa haproxy -f "$W/haproxy.cfg" -db >/dev/null 2>&1 &
echo $! > "$W/haproxy.pid"
sleep 1.5
ip netns exec heurpxa curl -s -o /dev/null http://10.49.0.1:8080/v1/index.html
ip netns exec heurpxa curl -s -o /dev/null http://10.49.0.1:8090/v2/index.html
ip netns exec heurpxa curl -s -o /dev/null 'http://[fd49::1]:8080/v1/six.html'
ip netns exec heurpxa curl -s -o /dev/null 'http://[fd49::1]:8090/v2/six.html'
ip netns exec heurpxa curl -s -o /dev/null http://10.49.0.1:8100/v2/tlv.html
sleep 1
kill "$(cat "$W/haproxy.pid")"; rm "$W/haproxy.pid"
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
