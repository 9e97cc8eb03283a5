#!/bin/sh
# Makes lab__mptcp-two-paths.pcapng: one Multipath TCP connection between two network
# namespaces joined by two veth links. The server announces its second address
# (ADD_ADDR), the client opens a second subflow over the other link (MP_JOIN), data
# flows on both, then the connection closes (DATA_FIN). Run as root on Linux with
# MPTCP (net.mptcp.enabled=1), Go 1.21+, tcpdump and mergecap:
#   sh lab__mptcp-two-paths.sh   (writes lab__mptcp-two-paths.pcapng here)
set -e
here=$(cd "$(dirname "$0")" && pwd)
ip netns del mpc 2>/dev/null || true; ip netns del mps 2>/dev/null || true
ip netns add mpc; ip netns add mps
ip link add c1 netns mpc type veth peer name s1 netns mps
ip link add c2 netns mpc type veth peer name s2 netns mps
ip -n mpc addr add 10.91.1.1/24 dev c1; ip -n mps addr add 10.91.1.2/24 dev s1
ip -n mpc addr add 10.91.2.1/24 dev c2; ip -n mps addr add 10.91.2.2/24 dev s2
for n in mpc mps; do ip -n $n link set lo up; done
for n in mpc mps; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n mpc link set c1 up; ip -n mpc link set c2 up; ip -n mps link set s1 up; ip -n mps link set s2 up
ip netns exec mpc sysctl -qw net.mptcp.enabled=1; ip netns exec mps sysctl -qw net.mptcp.enabled=1
ip -n mpc mptcp limits set subflow 2 add_addr_accepted 2
ip -n mps mptcp limits set subflow 2 add_addr_accepted 2
ip -n mps mptcp endpoint add 10.91.2.2 dev s2 signal
sleep 2
tmp=$(mktemp -d)
ip netns exec mpc tcpdump -i c1 -w "$tmp/1.pcap" -U 2>/dev/null & p1=$!
ip netns exec mpc tcpdump -i c2 -w "$tmp/2.pcap" -U 2>/dev/null & p2=$!
sleep 1
(cd "$here" && go build -o "$tmp/mp" lab__mptcp-two-paths.go)
ip netns exec mps "$tmp/mp" server 0.0.0.0:8080 & ps=$!
sleep 0.5
ip netns exec mpc "$tmp/mp" client 10.91.1.2:8080
sleep 1
kill $ps $p1 $p2 2>/dev/null || true; wait 2>/dev/null || true
mergecap -w "$here/lab__mptcp-two-paths.pcapng" "$tmp/1.pcap" "$tmp/2.pcap"
rm -rf "$tmp"; ip netns del mpc; ip netns del mps
