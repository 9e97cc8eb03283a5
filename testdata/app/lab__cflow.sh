#!/bin/bash
# Makes lab__cflow.pcap: real NetFlow v5, NetFlow v9 and IPFIX export datagrams sent by softflowd (Debian 12's 1.1.0)
# from one network namespace to a collector in another, captured on the collector's end of the veth pair joining
# them. The flows are real traffic first recorded on the exporter's loopback (pings, a TCP exchange and UDP
# datagrams over IPv4 and IPv6, 60 more one-datagram UDP flows); softflowd reads that recording (-r: live on a loopback its capture buffer
# delivers packets only when a block fills) and exports every flow when the recording ends. Three softflowd runs
# one after the other: -v 5 to UDP 2055, -v 9 with IPv6 flows tracked (-6) to UDP 9996 and -v 10 (IPFIX) to UDP
# 4739, tshark's default ports for CFLOW. The collector is socat reading the datagrams (it answers none).
# Needs root, softflowd, socat, ping and tcpdump. Usage: bash lab__cflow.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns cfla cflb cfa cfb 10.44.0.1/24 10.44.0.2/24
for p in 2055 9996 4739; do
	ip netns exec cflb socat -u UDP-RECV:$p - >/dev/null &
	echo $! > "$W/collector$p.pid"
done
ip netns exec cfla socat TCP6-LISTEN:7000,fork,reuseaddr,ipv6only=0 EXEC:cat &
echo $! > "$W/echo.pid"
ip netns exec cfla socat -u UDP6-RECV:7001,ipv6only=0 - >/dev/null &
echo $! > "$W/udp.pid"
ip netns exec cfla tcpdump -Z root -i lo -U -w "$W/traffic.pcap" -s 0 2>/dev/null &
echo $! > "$W/lo.pid"
sleep 1.5
ip netns exec cfla ping -c 2 -i 0.2 127.0.0.1 >/dev/null
ip netns exec cfla ping -c 2 -i 0.2 ::1 >/dev/null
echo "hello flow" | ip netns exec cfla socat -t 0.3 - TCP:127.0.0.1:7000 >/dev/null
echo "hello flow6" | ip netns exec cfla socat -t 0.3 - TCP6:[::1]:7000 >/dev/null
echo "datagram" | ip netns exec cfla socat -u - UDP:127.0.0.1:7001
echo "datagram6" | ip netns exec cfla socat -u - UDP6:[::1]:7001
# enough more flows (one datagram each, from a new source port) that an export takes several datagrams, the later
# ones carrying data sets whose template came earlier
for i in $(seq 40); do echo "d$i" | ip netns exec cfla socat -u - UDP:127.0.0.1:7001; done
for i in $(seq 20); do echo "d$i" | ip netns exec cfla socat -u - UDP6:[::1]:7001; done
sleep 1
kill "$(cat "$W/lo.pid")"
rm "$W/lo.pid"
ip netns exec cflb tcpdump -i cfb -U -w "$OUT" -s 0 'udp and (port 2055 or port 9996 or port 4739)' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1.5
# -D: in the foreground, logging to $W, IPv6 flows tracked; -c none: no control socket (one under $W kept
# softflowd from exiting when the recording ended)
for run in "5 2055" "9 9996 -6" "10 4739 -6"; do
	set -- $run
	v=$1 port=$2
	shift 2
	ip netns exec cfla softflowd -D -r "$W/traffic.pcap" -n 10.44.0.2:$port -v "$v" -p "$W/sf.pidfile" -c none "$@" >"$W/sf$v.log" 2>&1
	sleep 0.5
done
sleep 1
