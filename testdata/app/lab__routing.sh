#!/bin/bash
# Makes lab__routing.pcap: real routing and redundancy traffic between two network namespaces joined by a veth
# pair, captured on one end: bird2 speaking OSPFv2 (hello, database description, LS request/update/acknowledge)
# and RIPv2 (request, responses) on both ends, and keepalived's VRRPv2 and VRRPv3 advertisements. Needs root, bird2,
# keepalived and tcpdump (apt-get install bird2 keepalived tcpdump). Usage: bash lab__routing.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns rta rtb va vb 10.9.0.1/24 10.9.0.2/24
ip -n rta addr add 192.0.2.1/32 dev lo
ip -n rtb addr add 198.51.100.1/32 dev lo
ip netns exec rta tcpdump -i va -U -w "$OUT" -s 0 'not arp and not icmp6 and not (ip6 and udp)' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
for n in a b; do
	id=1; [ $n = b ] && id=2
	cat > "$W/bird-$n.conf" <<CONF
router id 10.9.0.$id;
protocol device {}
protocol direct { ipv4; interface "lo"; }
protocol kernel { ipv4 { export none; }; }
protocol ospf v2 ospf1 {
	ipv4 { import all; export all; };
	area 0 { interface "v$n" { hello 2; dead 8; type broadcast; }; };
}
protocol rip rip1 {
	ipv4 { import all; export all; };
	interface "v$n" { version 2; update time 3; };
}
CONF
	ip netns exec rt$n bird -c "$W/bird-$n.conf" -s "$W/bird-$n.ctl" -P "$W/bird-$n.pid"
done
# VRRP: instance 51 in version 2, instance 52 in version 3 (each its own keepalived)
for v in 2 3; do
	vr=$((49 + v))
	for n in a b; do
		prio=100; [ $n = a ] && prio=150
		cat > "$W/ka-$n-$v.conf" <<CONF
global_defs {
	vrrp_version $v
}
vrrp_instance VI_$v {
	interface v$n
	state BACKUP
	virtual_router_id $vr
	priority $prio
	advert_int 1
	virtual_ipaddress { 10.9.0.$((100 + v))/24 }
}
CONF
		ip netns exec rt$n keepalived -n -l -f "$W/ka-$n-$v.conf" -p "$W/ka-$n-$v.main" -r "$W/ka-$n-$v.vrrp" >/dev/null 2>&1 &
		echo $! > "$W/ka-$n-$v.pid"
	done
done
sleep 12
# the master leaves: its priority-0 advertisements, then the backup's own (default priority 100)
for v in 2 3; do kill "$(cat "$W/ka-a-$v.pid")"; rm "$W/ka-a-$v.pid"; done
sleep 5
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
