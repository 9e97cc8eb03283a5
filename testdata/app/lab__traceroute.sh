#!/usr/bin/env bash
# lab__traceroute.sh OUT.pcap — records a client namespace reaching a server namespace through a router namespace
# (IPv4 and IPv6 forwarding; the router's link to the server has an MTU of 1280): traceroute over UDP, ICMP and
# TCP SYNs (-T, raw SYNs with TTLs 1, 2, ... reset by the client's kernel), traceroute -6, tracepath, pings of
# 3000 bytes (IPv4 and IPv6 fragments), pings with DF too big for the path (ICMP fragmentation needed, ICMPv6
# packet too big), a ping with TTL 1 (time exceeded), a ping to an unroutable network (host unreachable) and
# two HTTP downloads over the 1280-byte path. Real packets from Linux's stacks, iputils and traceroute 2.1.
set -euo pipefail
out=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns trC trR trc trrc 10.79.1.1/24 10.79.1.254/24
ip netns add trS
trap 'lab_cleanup; ip netns del trS 2>/dev/null || true' EXIT
ip -n trS link set lo up
ip link add trs netns trS type veth peer name trrs netns trR
ip -n trS addr add 10.79.2.1/24 dev trs
ip -n trR addr add 10.79.2.254/24 dev trrs
ip -n trC addr add fd79:1::1/64 dev trc nodad
ip -n trR addr add fd79:1::fe/64 dev trrc nodad
ip -n trS addr add fd79:2::1/64 dev trs nodad
ip -n trR addr add fd79:2::fe/64 dev trrs nodad
ip -n trR link set trrs mtu 1280 up
ip -n trS link set trs mtu 1280 up
ip -n trC route add default via 10.79.1.254
ip -n trS route add default via 10.79.2.254
ip -n trC -6 route add default via fd79:1::fe
ip -n trS -6 route add default via fd79:2::fe
ip netns exec trR sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
head -c 8000 /dev/urandom >"$W"/blob
(cd "$W" && exec ip netns exec trS python3 -m http.server 8080 --bind :: >/dev/null 2>&1) &
echo $! >"$W"/http.pid
sleep 1
ip netns exec trC tcpdump -i trc -w "$out" -U -s 0 2>/dev/null &
echo $! >"$W"/tcpdump.pid
sleep 1
run() { ip netns exec trC "$@" >/dev/null 2>&1 || true; }
run traceroute -n -q 1 -w 1 10.79.2.1
run traceroute -n -q 1 -w 1 -I 10.79.2.1
run traceroute -n -q 1 -w 1 -T -p 8080 10.79.2.1
run traceroute -6 -n -q 1 -w 1 fd79:2::1
run ping -c 2 -s 3000 10.79.2.1
run ping -6 -c 2 -s 3000 fd79:2::1
run ping -c 1 -M do -s 1400 10.79.2.1
run ping -6 -c 1 -M do -s 1400 fd79:2::1
run ping -c 1 -t 1 10.79.2.1
run ping -c 1 -W 1 10.79.3.1
run curl -s -o /dev/null http://10.79.2.1:8080/blob
run curl -s -o /dev/null "http://[fd79:2::1]:8080/blob"
run tracepath -n 10.79.2.1
sleep 1
