# lab-netns.sh is sourced (not run) by the lab__*.sh scripts that record real servers and clients in two network
# namespaces joined by a veth pair; it holds the set-up and clean-up they all did alike:
#   . "$(dirname "$0")/lab-netns.sh"
#   lab_netns NS_A NS_B IF_A IF_B ADDR_A/LEN ADDR_B/LEN [ADDR6_A/LEN ADDR6_B/LEN]
# lab_netns makes W, a fresh temporary directory (mode 700, as mktemp makes it: a script whose daemons run as
# another user opens it with chmod 755 "$W"), and traps EXIT to clean up: stop every process whose pid the script
# wrote to "$W"/NAME.pid, wait LAB_STOP_WAIT seconds (default 0.5) for them to go, delete both namespaces and W.
# Then it adds the namespaces NS_A and NS_B, joins them by a veth pair (IF_A in NS_A with ADDR_A, IF_B in NS_B with
# ADDR_B; the IPv6 addresses too when given, without duplicate address detection so they are usable at once) and
# sets both ends and both loopbacks up.

lab_netns() {
	LAB_NS_A=$1 LAB_NS_B=$2
	W=$(mktemp -d)
	trap lab_cleanup EXIT
	ip netns add "$1"
	ip netns add "$2"
	ip link add "$3" netns "$1" type veth peer name "$4" netns "$2"
	ip -n "$1" addr add "$5" dev "$3"
	ip -n "$2" addr add "$6" dev "$4"
	if [ $# -ge 8 ]; then
		ip -n "$1" addr add "$7" dev "$3" nodad
		ip -n "$2" addr add "$8" dev "$4" nodad
	fi
	ip -n "$1" link set "$3" up
	ip -n "$1" link set lo up
	ip -n "$2" link set "$4" up
	ip -n "$2" link set lo up
}

lab_cleanup() {
	for p in "$W"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
	sleep "${LAB_STOP_WAIT:-0.5}"
	ip netns del "$LAB_NS_A" 2>/dev/null || true
	ip netns del "$LAB_NS_B" 2>/dev/null || true
	rm -rf "$W"
}
