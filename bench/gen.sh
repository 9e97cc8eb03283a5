#!/usr/bin/env bash
# Records a benchmark capture of real TCP traffic (see bench/gen/main.go) in a
# private network namespace. Needs root and tcpdump.
#   bench/gen.sh OUT.pcap [CONNS]
set -euo pipefail
out=$(realpath -m "$1"); conns=${2:-30000}
cd "$(dirname "$0")/.."
ns=ladder-bench-$$
go build -o /tmp/ladder-bench-gen ./bench/gen
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns exec "$ns" ip link set lo up
# Loopback MTU is 64 KiB; a 1500-byte MTU gives segments like a real link.
ip netns exec "$ns" ip link set lo mtu 1500
# Segment in the stack, not in one 64 KiB super-packet, so the capture has
# the packet count a real link would show (needs ethtool).
ip netns exec "$ns" ethtool -K lo tso off gso off gro off >/dev/null
ip netns exec "$ns" tcpdump -i lo -s 256 -B 65536 -w "$out" -U 2>/tmp/ladder-bench-tcpdump.log &
dump=$!
sleep 1
ip netns exec "$ns" /tmp/ladder-bench-gen -conns "$conns"
sleep 1
kill -INT $dump; wait $dump || true
tail -2 /tmp/ladder-bench-tcpdump.log
