#!/bin/sh
# Records lab__l2tp.pcap: L2TPv2 (RFC 2661) between two xl2tpd 1.3.18 daemons (Debian bookworm) in two network
# namespaces joined by a veth pair, without IPsec: the LAC dials the LNS (SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, ICCN and
# the ZLB acknowledgements), PPP runs through the session's data messages, then the call and the tunnel are torn
# down (CDN, StopCCN). This kernel has no PPP support (no /dev/ppp), so pppd cannot run: each xl2tpd runs in a mount
# namespace of its own where lab__l2tp-ppp.py, a minimal PPP peer, is bind-mounted over /usr/sbin/pppd. It opens
# LCP and IPCP, and the LAC's sends an ICMP echo, a UDP datagram and a short TCP connection to the LNS's, which
# answers them, then an LCP echo and Terminate-Request. Usage: sh lab__l2tp.sh OUT.pcap
set -eu
OUT=$(realpath "$1")
PPP=$(realpath "$(dirname "$0")/lab__l2tp-ppp.py")
. "$(dirname "$0")/lab-netns.sh"
lab_netns l2tp_a l2tp_b veth_la veth_lb 10.60.0.1/24 10.60.0.2/24
cat >"$W/lns.conf" <<C
[global]
port = 1701
[lns default]
ip range = 192.168.77.2-192.168.77.9
local ip = 192.168.77.1
require authentication = no
length bit = yes
C
cat >"$W/lac.conf" <<C
[global]
port = 1701
[lac lab]
lns = 10.60.0.2
require authentication = no
length bit = yes
C
# start NAME NS ROLE: xl2tpd with $W/NAME.conf in namespace NS, its PPP peer playing ROLE
start() {
	ip netns exec "$2" unshare -m --propagation private sh -c "mount --bind $PPP /usr/sbin/pppd && LAB_PPP_ROLE=$3 exec /usr/sbin/xl2tpd -D -c $W/$1.conf -p $W/$1.xl2tpd-pid -C $W/$1.control" >"$W/$1.out" 2>&1 &
	echo $! >"$W/$1.pid"
}
start lns l2tp_b lns
start lac l2tp_a lac
sleep 1
ip netns exec l2tp_a tcpdump -i veth_la -w "$OUT" -U udp port 1701 >/dev/null 2>&1 &
echo $! >"$W/tcpdump.pid"
sleep 1
echo "c lab" >"$W/lac.control"
sleep 3
echo "d lab" >"$W/lac.control"
sleep 2
kill "$(cat "$W/tcpdump.pid")"
sleep 0.5
