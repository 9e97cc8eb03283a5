#!/bin/bash
# Makes lab__wol.pcap: real Wake-on-LAN magic packets sent by lab__wol.py from one network namespace to another
# over a veth pair and captured on the receiving end: UDP broadcasts to ports 9 and 7 and an ephemeral port (with
# and without SecureOn passwords), one directed UDP packet, and raw Ethernet frames of type 0x0842. Needs root,
# python3 and tcpdump. Usage: bash lab__wol.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
cleanup() {
	[ -n "${TD:-}" ] && kill "$TD" 2>/dev/null || true
	sleep 0.3
	ip netns del wla 2>/dev/null || true
	ip netns del wlb 2>/dev/null || true
}
trap cleanup EXIT
ip netns add wla
ip netns add wlb
ip link add wa netns wla address 02:16:00:00:00:01 type veth peer name wb netns wlb address 02:16:00:00:00:02
ip -n wla addr add 10.16.0.1/24 dev wa
ip -n wlb addr add 10.16.0.2/24 dev wb
ip -n wla link set wa up
ip -n wlb link set wb up
# no IPv6 on the link: its router solicitations would join the capture
ip netns exec wla sysctl -qw net.ipv6.conf.wa.disable_ipv6=1
ip netns exec wlb sysctl -qw net.ipv6.conf.wb.disable_ipv6=1
ip netns exec wlb tcpdump -i wb -U -w "$OUT" -s 0 'udp or ether proto 0x0842' 2>/dev/null &
TD=$!
sleep 1.5
ip netns exec wla python3 "$HERE/lab__wol.py" wa
sleep 2
