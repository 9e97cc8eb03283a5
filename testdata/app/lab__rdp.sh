#!/bin/sh
# lab__rdp.sh [OUT.pcap [MCS.pcap]] makes lab__rdp.pcap and lab__rdp-mcs.pcap: xrdp 0.9.21 (Debian 12's xrdp, its own self-signed certificate, security
# negotiated) in one network namespace and FreeRDP 2.10's xfreerdp (Debian 12's freerdp2-x11, under Xvfb) in
# another, joined by a veth pair, recorded by tcpdump on the client's end. Three connections:
#   1. the client's default: an X.224 Connection Request with the mstshash cookie asking for TLS or CredSSP, the
#      server's Connection Confirm choosing TLS, the TLS handshake and the first encrypted records;
#   2. /sec:rdp: standard RDP security, so the MCS Connect Initial/Response with their GCC blocks go in clear;
#   3. /sec:tls after xrdp restarts with security_layer=rdp: the client asks for TLS only and the server's
#      Negotiation Response selects standard RDP security all the same, so the client hangs up.
# Each client is stopped after a few seconds. Connections 1 and 3 go to OUT.pcap, connection 2 (tcp.stream 1) to
# MCS.pcap (split by tshark). Run as root from this directory.
set -eu
. "$(dirname "$0")/lab-netns.sh"
out=$(realpath "${1:-lab__rdp.pcap}")
mcs=$(realpath "${2:-lab__rdp-mcs.pcap}")
lab_netns rdps rdpc rdp0 rdp1 10.77.0.1/24 10.77.0.2/24
sed -e 's/^port=3389/port=tcp:\/\/10.77.0.1:3389/' /etc/xrdp/xrdp.ini >"$W/xrdp.ini"
sed -e 's/^security_layer=negotiate/security_layer=rdp/' "$W/xrdp.ini" >"$W/xrdp-rdp.ini"
mkdir -p /var/run/xrdp
server() {
	ip netns exec rdps xrdp --nodaemon --config "$1" >>"$W/xrdp.log" 2>&1 &
	echo $! >"$W/xrdp.pid"
	sleep 2
}
server "$W/xrdp.ini"
ip netns exec rdpc tcpdump -i rdp1 -s 0 -U -w "$W/all.pcap" tcp port 3389 2>/dev/null &
echo $! >"$W/tcpdump.pid"
sleep 1
run() {
	ip netns exec rdpc timeout "$1" xvfb-run -a xfreerdp /v:10.77.0.1 /u:lab /p:labpw /cert:ignore /size:160x120 \
		-clipboard -sound -audio-mode:0 "$2" >>"$W/client.log" 2>&1 || true
	sleep 1
}
run 2 /sec:tls
run 4 /sec:rdp
kill "$(cat "$W/xrdp.pid")"
sleep 1
server "$W/xrdp-rdp.ini"
run 3 /sec:tls
sleep 1
kill "$(cat "$W/tcpdump.pid")"
sleep 0.5
tshark -r "$W/all.pcap" -Y "tcp.stream != 1" -w "$out"
tshark -r "$W/all.pcap" -Y "tcp.stream == 1" -w "$mcs"
