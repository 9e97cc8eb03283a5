#!/bin/bash
# Makes lab__bgp.pcap: a real BGP-4 session between two bird2 routers (Debian 12's bird2) in two network namespaces
# joined by a veth pair, captured on one end: OPEN with capabilities both ways, KEEPALIVEs, UPDATEs announcing IPv4
# prefixes (static routes, several per message and with different paths) and withdrawing one (the route removed by
# reconfiguring), and a NOTIFICATION (Cease, administrative shutdown) when one side disables the session.
# Needs root, bird2 and tcpdump (Debian packages). Usage: bash lab__bgp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns bga bgb ga gb 10.12.0.1/24 10.12.0.2/24
ip netns exec bga tcpdump -i ga -U -w "$OUT" -s 0 'tcp port 179' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
conf() { # conf NAME ID ASN PEER PEERASN ROUTES...
	local n=$1 id=$2 as=$3 peer=$4 peeras=$5; shift 5
	{
		echo "router id $id;"
		echo "protocol device {}"
		echo "protocol static st { ipv4;"
		for r in "$@"; do echo "	route $r blackhole;"; done
		echo "}"
		echo "protocol bgp peer1 {"
		echo "	local as $as; neighbor $peer as $peeras;"
		echo "	hold time 9; keepalive time 3;"
		echo "	ipv4 { import all; export all; };"
		echo "}"
	} > "$W/bird-$n.conf"
}
conf a 10.12.0.1 65001 10.12.0.2 65002 192.0.2.0/24 198.51.100.0/25 198.51.100.128/25
conf b 10.12.0.2 65002 10.12.0.1 65001 203.0.113.0/24
for n in a b; do ip netns exec bg$n bird -c "$W/bird-$n.conf" -s "$W/bird-$n.ctl" -P "$W/bird-$n.pid"; done
sleep 8
# withdraw one prefix: reconfigure a without it
conf a 10.12.0.1 65001 10.12.0.2 65002 192.0.2.0/24 198.51.100.0/25
ip netns exec bga birdc -s "$W/bird-a.ctl" configure >/dev/null
sleep 4
ip netns exec bgb birdc -s "$W/bird-b.ctl" disable peer1 >/dev/null
sleep 2
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
