#!/bin/bash
# lab__lossy-download.sh records lab__lossy-download.pcap.gz: real Linux TCP stacks and Go's net/http and
# crypto/tls in two network namespaces joined by a veth pair, where the client's netfilter drops every 23rd
# data packet it receives after the capture point (tcpdump sees each packet before INPUT). The server's
# stack then sends fast retransmissions and the capture shows out-of-order copies: resent bytes inside
# PDUs that span segments (chunked HTTP bodies longer than 64 KiB, TLS records). Needs root, iptables,
# ethtool, tcpdump and Go; run from this directory.
set -e
cd "$(dirname "$0")"
. ./lab-netns.sh
go build -o "${TMPDIR:-/tmp}/lab__lossy-download" lab__lossy-download.go
lab_netns lcli lsrv vc vs 10.9.0.1/24 10.9.0.2/24
# segmentation offloads off, so the capture holds the segments on the wire
ip netns exec lcli ethtool -K vc tso off gso off gro off
ip netns exec lsrv ethtool -K vs tso off gso off gro off
ip netns exec lcli iptables -A INPUT -p tcp -m length --length 200:65535 -m statistic --mode nth --every 23 --packet 7 -j DROP
ip netns exec lcli tcpdump -i vc -U -w "$W"/lossy.pcap tcp 2>/dev/null & echo $! > "$W"/tcpdump.pid
ip netns exec lsrv "${TMPDIR:-/tmp}/lab__lossy-download" serve & echo $! > "$W"/server.pid
sleep 1
ip netns exec lcli "${TMPDIR:-/tmp}/lab__lossy-download"
sleep 1
kill "$(cat "$W"/tcpdump.pid)"; sleep 0.5
gzip -9 -c "$W"/lossy.pcap > lab__lossy-download.pcap.gz
