#!/bin/bash
# A two-sided capture of real DNS over UDP: cli.py (a stub resolver: one
# socket per lookup, the same query again after 1 s without an answer) in a
# client namespace asks dnsmasq in a server namespace for eight names, one
# query at a time,
# through fwd.py, a userspace Ethernet bridge in a third namespace (20 ms
# each way; it drops the 3rd query datagram and the 6th response datagram,
# and answers the 8th query itself in the server's name). tcpdump records
# UDP at the client's and the server's veth. The server file's clock is
# then set 0.75 s fast (editcap -t 0.75) so that clock estimation has
# something to find. Run as root:  OUT=DIR ./run.sh  (CLIENT=dig: dig,
# which asks again from a new source port, instead of cli.py; the files
# are then named dig.*)
set -e
P=udp2s$$
C=$P-c; R=$P-r; S=$P-s
cleanup() { ip netns del $C 2>/dev/null; ip netns del $R 2>/dev/null; ip netns del $S 2>/dev/null; }
trap cleanup EXIT
for n in $C $R $S; do ip netns add $n; ip -n $n link set lo up; done
ip link add c0 netns $C type veth peer name rc netns $R
ip link add s0 netns $S type veth peer name rs netns $R
for n in $C $R $S; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n $C addr add 10.88.3.7/24 dev c0
ip -n $S addr add 10.88.3.1/24 dev s0
for x in "$C c0" "$S s0" "$R rc" "$R rs"; do set -- $x; ip netns exec $1 ethtool -K $2 tx off tso off gso off gro off >/dev/null 2>&1 || true; ip -n $1 link set $2 up; done
OUT=${OUT:-.}
NAME=dns
[ "$CLIENT" = dig ] && NAME=dig
D=$(dirname $0)
ip netns exec $R python3 $D/fwd.py > $OUT/$NAME.ledger.jsonl &
FWD=$!
ip netns exec $C tcpdump --immediate-mode -U -i c0 -n -w $OUT/$NAME.client.pcap udp 2>/dev/null &
TC=$!
ip netns exec $S tcpdump --immediate-mode -U -i s0 -n -w $OUT/$NAME.server.tmp.pcap udp 2>/dev/null &
TS=$!
HOSTS=""
for i in 1 2 3 4 5 6 7 8; do HOSTS="$HOSTS --host-record=n$i.lab.test,10.88.9.$i"; done
ip netns exec $S dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.88.3.1 --bind-interfaces --port=53 $HOSTS 2>/dev/null &
DNS=$!
sleep 1
if [ "$CLIENT" = dig ]; then
  # dig asks again from a new socket (a new source port: a new UDP
  # conversation) after 1 s without an answer.
  for i in 1 2 3 4 5 6 7 8; do
    ip netns exec $C dig @10.88.3.1 +tries=2 +timeout=1 +noedns +nocookie n$i.lab.test A > /dev/null || true
    sleep 0.1
  done
else
  ip netns exec $C timeout 60 python3 $D/cli.py || true
fi
sleep 0.5
kill $DNS $FWD 2>/dev/null; kill -INT $TC $TS; wait $TC $TS 2>/dev/null || true
editcap -t 0.75 $OUT/$NAME.server.tmp.pcap $OUT/$NAME.server.pcap && rm $OUT/$NAME.server.tmp.pcap
