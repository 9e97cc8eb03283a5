#!/bin/bash
# Makes lab__collectd.pcap: real collectd network-plugin datagrams (Debian 12's collectd 5.12) sent from one network
# namespace to a receiver in another, captured on the receiver's end of the veth pair joining them. Three runs, one
# after another, each a collectd reading a few plugins every second (load, memory, cpu, interface, uptime, processes'
# fork rate) with its network plugin's Server pointing at UDP 25826: security level None (the plain parts: host, time
# and interval in high resolution, plugin, type, values of every data-source kind, a notification put through the
# unixsock plugin: message and severity), Sign (an HMAC-SHA-256 signature part with the user name first) and Encrypt
# (an AES-256 part around the data). The receiver is socat reading the datagrams (it answers none).
# Needs root, collectd-core, socat and tcpdump. Usage: bash lab__collectd.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns cdsend cdrecv cds cdr 10.47.0.1/24 10.47.0.2/24
ip netns exec cdrecv tcpdump -i cdr -U -w "$OUT" -s 0 'udp port 25826' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec cdrecv socat -u UDP-RECV:25826 - >/dev/null &
echo $! > "$W/recv.pid"
sleep 1.5
for level in None Sign Encrypt; do
	sec=""
	if [ "$level" != None ]; then
		sec="SecurityLevel $level
		Username \"lab\"
		Password \"secret\""
	fi
	cat > "$W/$level.conf" <<EOC
Hostname "lab-$level"
FQDNLookup false
Interval 1
BaseDir "$W"
PIDFile "$W/$level.collectd.pid"
PluginDir "/usr/lib/collectd"
TypesDB "/usr/share/collectd/types.db"
LoadPlugin load
LoadPlugin memory
LoadPlugin cpu
LoadPlugin interface
LoadPlugin uptime
LoadPlugin processes
LoadPlugin unixsock
LoadPlugin network
<Plugin interface>
	Interface "cds"
	Interface "lo"
</Plugin>
<Plugin processes>
	Process "nothing-matches-this"
</Plugin>
<Plugin unixsock>
	SocketFile "$W/$level.sock"
</Plugin>
<Plugin network>
	<Server "10.47.0.2" "25826">
		$sec
	</Server>
</Plugin>
EOC
	ip netns exec cdsend collectd -f -C "$W/$level.conf" >"$W/$level.log" 2>&1 &
	echo $! > "$W/$level.pid"
	sleep 2.2
	if [ "$level" = None ]; then
		printf 'PUTNOTIF host=lab-None plugin=lab type=temperature severity=warning time=%s message="lab notification"\n' "$(date +%s)" |
			socat -t 1 - UNIX-CONNECT:"$W/$level.sock" >/dev/null
		printf 'PUTNOTIF severity=okay time=%s message="all good"\n' "$(date +%s)" |
			socat -t 1 - UNIX-CONNECT:"$W/$level.sock" >/dev/null
	fi
	sleep 1.3
	kill "$(cat "$W/$level.pid")"
	rm "$W/$level.pid"
	sleep 0.5
done
sleep 1
