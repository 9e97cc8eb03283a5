#!/bin/bash
# An independent two-sided capture (not tools/lab): a client and a server
# namespace bridged by fwd.py in a third namespace (userspace Ethernet
# bridge: 20 ms each way, random loss of data segments, one forged pair of
# RSTs), recorded by tcpdump in the client's and the server's namespace.
# Offloads are off on every veth so frames are MTU-sized with real
# checksums (the bridge forwards frames as read). Run as root:  SIZE=30000 LOSS=0.05 OUT=DIR ./run.sh
set -e
P=unseen2$$
C=$P-c; R=$P-r; S=$P-s
cleanup() { ip netns del $C 2>/dev/null; ip netns del $R 2>/dev/null; ip netns del $S 2>/dev/null; }
trap cleanup EXIT
for n in $C $R $S; do ip netns add $n; ip -n $n link set lo up; done
ip link add c0 netns $C type veth peer name rc netns $R
ip link add s0 netns $S type veth peer name rs netns $R
for n in $C $R $S; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n $C addr add 10.88.2.7/24 dev c0
ip -n $S addr add 10.88.2.1/24 dev s0
for x in "$C c0" "$S s0" "$R rc" "$R rs"; do set -- $x; ip netns exec $1 ethtool -K $2 tx off tso off gso off gro off >/dev/null 2>&1 || true; ip -n $1 link set $2 up; done
OUT=${OUT:-.}
ip netns exec $R python3 $(dirname $0)/fwd.py ${LOSS:-0.03} > $OUT/ledger.jsonl &
FWD=$!
ip netns exec $C tcpdump -s 96 -i c0 -n -w $OUT/client.pcap tcp 2>$OUT/tcpdump-c.log &
TC=$!
ip netns exec $S tcpdump -s 96 -i s0 -n -w $OUT/server.pcap tcp 2>$OUT/tcpdump-s.log &
TS=$!
sleep 1
ip netns exec $S env SIZE=${SIZE:-200000} python3 $(dirname $0)/srv.py &
SRV=$!
sleep 0.5
ip netns exec $C timeout 60 python3 $(dirname $0)/cli.py || true
sleep 1
kill $SRV $FWD 2>/dev/null; kill -INT $TC $TS; wait $TC $TS 2>/dev/null || true
