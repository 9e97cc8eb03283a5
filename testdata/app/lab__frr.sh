#!/bin/bash
# Makes the FRRouting lab captures: real routing traffic between two network namespaces joined by a veth pair,
# each running FRRouting 8.4's zebra plus one protocol daemon with its own config, pid, zserv and vty sockets,
# captured on one end with tcpdump. Needs root, frr and tcpdump (apt-get install frr tcpdump).
# Usage: bash lab__frr.sh bfd OUT.pcap
#   bfd: bfdd with a single-hop peer on each side, echo mode on, session up; then side a shuts its peer down
#        (AdminDown) and brings it back.
#   isis: isisd as a level-1-2 router on each side of the veth, each announcing its loopback address: a broadcast
#        circuit (LAN hellos, LSPs, the designated IS's CSNPs), then point-to-point (P2P hellos, CSNPs, PSNPs),
#        then side a leaves IS-IS (purges).
#   ldp: ldpd on each side's veth (this kernel has no MPLS: zebra installs no labels, LDP runs all the same): link
#        hellos, the TCP session (initialization, keepalive, addresses, label mappings), an address added to and
#        removed from a's loopback (address, mapping, address withdrawal, label withdrawal and release), then a
#        clears the session (notification).
#   eigrp: eigrpd (AS 10) on each side's veth, lo and a's second interface da: hellos, the adjacency's init
#        updates and their acks, the updates carrying each side's internal routes; then a leaves EIGRP.
#   ripng: ripngd on each side's veth redistributing connected IPv6 prefixes: requests and responses; a takes
#        its second interface da down (a triggered response withdrawing da's prefix with metric 16), then a
#        leaves RIPng.
set -eu
PROTO=$1
OUT=$(realpath -m "$2")
. "$(dirname "$0")/lab-netns.sh"
lab_netns fra frb va vb 10.9.1.1/24 10.9.1.2/24
chmod 755 "$W"
ip -n fra addr add 192.0.2.1/32 dev lo
ip -n frb addr add 198.51.100.1/32 dev lo
ip -n fra addr add 2001:db8:a::1/128 dev lo
ip -n frb addr add 2001:db8:b::1/128 dev lo
# a prefix a withdraws when it takes this interface down
ip -n fra link add da type veth peer name dz
ip -n fra link set dz up
ip -n fra addr add 203.0.113.1/24 dev da
ip -n fra addr add 2001:db8:c::1/64 dev da
ip -n fra link set da up
# echo packets come back to their sender through the peer's forwarding
ip netns exec fra sysctl -qw net.ipv4.ip_forward=1
ip netns exec frb sysctl -qw net.ipv4.ip_forward=1
conf() { # conf SIDE ID: the daemon's configuration for SIDE (a or b), router number ID
	echo "hostname r$1"
	case $PROTO in
	bfd)
		cat <<CONF
bfd
 peer 10.9.1.$((3 - $2)) interface v$1
  receive-interval 200
  transmit-interval 200
  echo-mode
  echo transmit-interval 300
  echo receive-interval 300
 !
!
CONF
		;;
	ldp)
		cat <<CONF
mpls ldp
 router-id 10.9.1.$2
 address-family ipv4
  discovery transport-address 10.9.1.$2
  interface v$1
  !
 exit-address-family
!
CONF
		;;
	eigrp)
		# eigrpd 8.4 neither redistributes connected routes nor takes an
		# interface's hello interval from the configuration: the networks
		# cover the loopbacks and da instead
		cat <<CONF
router eigrp 10
 eigrp router-id 10.9.1.$2
 network 10.9.1.0/24
 network 192.0.2.0/24
 network 198.51.100.0/24
 network 203.0.113.0/24
!
CONF
		;;
	ripng)
		cat <<CONF
router ripng
 network v$1
 redistribute connected
 timers basic 5 30 20
!
CONF
		;;
	isis)
		cat <<CONF
interface v$1
 ip router isis LAB
 isis hello-interval 1
 no isis hello padding
 isis csnp-interval 2
 isis psnp-interval 1
!
interface lo
 ip router isis LAB
 isis passive
!
router isis LAB
 net 49.0001.0000.0000.000$2.00
 lsp-gen-interval 1
!
CONF
		;;
	esac
}
daemon() { # daemon SIDE NAME: start /usr/lib/frr/NAME in SIDE's namespace
	ip netns exec fr$1 /usr/lib/frr/$2 -d -f "$W/$1/frr.conf" -i "$W/$1/$2.pid" -z "$W/$1/zserv.api" \
		--vty_socket "$W/$1" -P 0 -u frr -g frr
	cp "$W/$1/$2.pid" "$W/$1-$2.pid"
}
vty() { # vty SIDE COMMANDS...: run vtysh commands against SIDE's daemons
	local s=$1
	shift
	vtysh --vty_socket "$W/$s" "$@" >/dev/null 2>&1
}
case $PROTO in
bfd) filter='udp' ;;
isis) filter='not ip and not ip6 and not arp' ;;
ldp) filter='port 646' ;;
eigrp) filter='ip proto 88' ;;
ripng) filter='udp port 521' ;;
esac
ip netns exec fra tcpdump -i va -U -w "$OUT" -s 0 "$filter" 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
for n in a b; do
	id=1; [ $n = b ] && id=2
	mkdir -p "$W/$n"
	chown frr:frr "$W/$n"
	conf $n $id > "$W/$n/frr.conf"
	daemon $n zebra
	sleep 0.5
	case $PROTO in
	bfd) daemon $n bfdd ;;
	isis) daemon $n isisd ;;
	ldp) daemon $n ldpd ;;
	eigrp) daemon $n eigrpd ;;
	ripng) daemon $n ripngd ;;
	esac
done
case $PROTO in
bfd)
	sleep 2.5
	vty a -c 'configure' -c 'bfd' -c 'peer 10.9.1.2 interface va' -c 'shutdown'
	sleep 1.5
	vty a -c 'configure' -c 'bfd' -c 'peer 10.9.1.2 interface va' -c 'no shutdown'
	sleep 2
	;;
ldp)
	# the session comes up (initialization, keepalives, addresses, label
	# mappings); a new address on a's loopback is announced and mapped,
	# then withdrawn; then a clears the session (a notification)
	sleep 7
	ip -n fra addr add 203.0.113.1/32 dev lo
	sleep 1
	ip -n fra addr del 203.0.113.1/32 dev lo
	sleep 1
	vty a -c 'clear mpls ldp neighbor'
	sleep 1
	;;
eigrp)
	# the adjacency forms and the routes are exchanged; then a leaves
	# EIGRP (eigrpd 8.4 sends no goodbye: b just stops hearing it). Taking
	# da down would withdraw its prefix, but eigrpd 8.4 then stops without
	# a word, so the capture does not do it.
	sleep 7
	vty a -c 'configure' -c 'no router eigrp 10'
	sleep 6
	;;
ripng)
	# requests and responses; then a takes da down, withdrawing its prefix
	# (a triggered response with metric 16), then a leaves RIPng
	sleep 6
	ip -n fra link set da down
	sleep 3
	vty a -c 'configure' -c 'no router ripng'
	sleep 2
	;;
isis)
	# a broadcast circuit (LAN hellos, the designated IS's CSNPs), then
	# point-to-point (P2P hellos, LSPs acknowledged by PSNPs), then side a
	# leaves IS-IS and purges its LSPs
	sleep 5
	for n in a b; do vty $n -c 'configure' -c "interface v$n" -c 'isis network point-to-point'; done
	sleep 4
	vty a -c 'configure' -c 'no router isis LAB'
	sleep 1
	;;
esac
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
