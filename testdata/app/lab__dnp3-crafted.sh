#!/bin/sh
# lab__dnp3-crafted.sh records lab__dnp3-crafted.pcap (DNP3 over TCP 20000) and
# lab__dnp3-crafted-udp.pcap (DNP3 over UDP 20000): the master and outstation
# of lab__dnp3/ (written here, standard library only: no third-party DNP3
# stack was at hand) in two network namespaces joined by a veth pair.
# Run as root from testdata/app.
set -eu
cd "$(dirname "$0")"
. ./lab-netns.sh
lab_netns dnp3-m dnp3-o dnp3m0 dnp3o0 10.77.3.1/24 10.77.3.2/24
(cd lab__dnp3 && go build -o "$W/dnp3" .)
rec() { # rec FILE FILTER: tcpdump on the master's side
	ip netns exec dnp3-m tcpdump -i dnp3m0 --immediate-mode -U -s 0 -w "$1" "$2" 2>/dev/null &
	echo $! >"$W/tcpdump.pid"
	sleep 1
}
stop() {
	sleep 1
	kill "$(cat "$W/tcpdump.pid")"
	wait "$(cat "$W/tcpdump.pid")" 2>/dev/null || true
	rm -f "$W/tcpdump.pid"
}
rec lab__dnp3-crafted.pcap 'tcp port 20000'
ip netns exec dnp3-o "$W/dnp3" outstation -tcp 10.77.3.2:20000 &
echo $! >"$W/outstation.pid"
sleep 0.5
ip netns exec dnp3-m "$W/dnp3" master -tcp 10.77.3.2:20000
stop
rec lab__dnp3-crafted-udp.pcap 'udp port 20000'
ip netns exec dnp3-o "$W/dnp3" outstation -udp 10.77.3.2:20000 &
echo $! >"$W/outstation-udp.pid"
sleep 0.5
ip netns exec dnp3-m "$W/dnp3" master -udp 10.77.3.2:20000
stop
rec lab__dnp3-crafted-objects.pcap 'udp port 20000'
ip netns exec dnp3-m "$W/dnp3" master -udp 10.77.3.2:20000 -more
stop
