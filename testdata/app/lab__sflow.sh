#!/bin/bash
# Makes lab__sflow.pcap: real sFlow v5 datagrams sent by pmacct's sfprobe plugin (Debian 12's pmacctd 1.7.7) from
# one network namespace to a collector in another, captured on the collector's end of the veth pair joining them.
# pmacctd samples every packet (sampling_rate 1) on the exporter's end of the veth and exports flow samples holding
# an extended switch record and the sampled packet's raw header (its own exports among them). Two runs: agent and
# collector over IPv4, then over IPv6 (an IPv6 agent address). The traffic sampled: pings, a TCP exchange and UDP
# datagrams over IPv4 and IPv6. The collector is socat reading the datagrams (it answers none).
# Needs root, pmacct, socat, ping and tcpdump. Usage: bash lab__sflow.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns sflowa sflowb sfla sflb 10.45.0.1/24 10.45.0.2/24 fd00:45::1/64 fd00:45::2/64
ip netns exec sflowb tcpdump -i sflb -U -w "$OUT" -s 0 'udp port 6343' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec sflowb socat -u UDP6-RECV:6343,ipv6only=0 - >/dev/null &
echo $! > "$W/collector.pid"
ip netns exec sflowb socat TCP6-LISTEN:7000,fork,reuseaddr,ipv6only=0 EXEC:cat &
echo $! > "$W/echo.pid"
sleep 1.5
# receiver, agent address, sub-agent ID, address of the traffic's peer, socat's TCP and UDP addresses for it
for run in "10.45.0.2:6343 10.45.0.1 1 10.45.0.2 TCP:10.45.0.2:7000 UDP:10.45.0.2:7001" \
	"[fd00:45::2]:6343 fd00:45::1 2 fd00:45::2 TCP6:[fd00:45::2]:7000 UDP6:[fd00:45::2]:7001"; do
	set -- $run
	cat > "$W/pm$3.conf" <<EOC
daemonize: false
pcap_interface: sfla
plugins: sfprobe
sfprobe_receiver: $1
sfprobe_agentip: $2
sfprobe_agentsubid: $3
sampling_rate: 1
EOC
	ip netns exec sflowa pmacctd -f "$W/pm$3.conf" >"$W/pm$3.log" 2>&1 &
	echo $! > "$W/pm$3.pid"
	sleep 1.5
	ip netns exec sflowa ping -c 2 -i 0.2 "$4" >/dev/null
	echo "hello sflow" | ip netns exec sflowa socat -t 0.3 - "$5" >/dev/null
	echo "datagram" | ip netns exec sflowa socat -u - "$6"
	sleep 2.5
	kill "$(cat "$W/pm$3.pid")"
	rm "$W/pm$3.pid"
	sleep 0.5
done
sleep 1
