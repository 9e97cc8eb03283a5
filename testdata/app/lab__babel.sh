#!/bin/bash
# Makes lab__babel.pcap: real Babel (RFC 8966) between two network namespaces joined by a veth pair, each running
# Debian 12's babeld 1.12 on its end, captured on one end with tcpdump. Needs root, babeld and tcpdump
# (apt-get install babeld tcpdump).
# Usage: bash lab__babel.sh plain OUT.pcap | bash lab__babel.sh hmac OUT.pcap
#   plain: a wired interface on a (timestamps on: hellos and IHUs carry timestamp sub-TLVs), a wireless one on b
#          with a channel and diversity (updates carry diversity sub-TLVs); each redistributes its loopback
#          addresses, IPv4 and IPv6, and a source-specific IPv6 route (updates with a mandatory source-prefix
#          sub-TLV). Hellos, IHUs, route requests, router-ids, next hops, updates; then a's extra address goes
#          (a retraction) and a stops (retractions, b's seqno requests).
#   hmac:  the same two routers with an HMAC-SHA256 key (RFC 8967): every packet carries a PC TLV and HMAC
#          TLVs in its trailer; challenge requests and replies when the neighbours first meet.
set -eu
MODE=$1
OUT=$(realpath -m "$2")
. "$(dirname "$0")/lab-netns.sh"
lab_netns bba bbb va vb 10.9.2.1/24 10.9.2.2/24
ip -n bba addr add 192.0.2.1/32 dev lo
ip -n bbb addr add 198.51.100.1/32 dev lo
ip -n bba addr add 2001:db8:a::1/128 dev lo
ip -n bbb addr add 2001:db8:b::1/128 dev lo
ip -n bba addr add 203.0.113.1/32 dev lo
ip -n bba -6 route add 2001:db8:e::/48 from 2001:db8:f::/48 dev lo proto static
# babeld speaks from IPv6 link-local addresses: wait for them to pass DAD
sleep 2.5
conf() { # conf SIDE: babeld's configuration for SIDE (a or b)
	if [ "$MODE" = hmac ]; then
		echo "key id k1 type hmac-sha256 value 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
		echo "default key k1"
	fi
	if [ "$1" = a ]; then
		echo "interface va type wired hello-interval 1 update-interval 4 enable-timestamps true"
	else
		echo "interface vb type wireless channel 6 hello-interval 1 update-interval 4"
		echo "diversity true"
	fi
	echo "redistribute local ip 192.0.2.0/24 ge 32"
	echo "redistribute local ip 198.51.100.0/24 ge 32"
	echo "redistribute local ip 203.0.113.0/24 ge 32"
	echo "redistribute local ip 2001:db8::/32 ge 48"
	echo "redistribute ip 2001:db8:e::/48 ge 48"
	echo "redistribute local deny"
}
ip netns exec bba tcpdump -i va -U -w "$OUT" -s 0 udp port 6696 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
for n in a b; do
	conf $n > "$W/$n.conf"
	ip netns exec bb$n babeld -c "$W/$n.conf" -S "$W/$n.state" -I "$W/$n.babeld.pid" -L "$W/$n.log" -D v$n
	sleep 0.3
done
if [ "$MODE" = plain ]; then
	sleep 8
	ip -n bba addr del 203.0.113.1/32 dev lo
	sleep 2
else
	sleep 5
fi
kill "$(cat "$W/a.babeld.pid")"
sleep 2
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
