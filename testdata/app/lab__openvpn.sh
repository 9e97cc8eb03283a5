#!/bin/bash
# Makes the OpenVPN captures: real OpenVPN 2.6 (Debian 12's openvpn package, OpenSSL 3.0) in TLS mode between two
# network namespaces joined by a veth pair, captured on the client's end. The server (10.9.8.2, --server
# 10.8.0.0/24, tun) and the client (10.9.8.1, --client) use a CA, server and client certificates made here with
# openssl; once the client logs "Initialization Sequence Completed" it pings the server's tunnel address 3 times
# (P_DATA_V2 packets) and both stop. Four runs, one capture each:
#   lab__openvpn-udp.pcap         UDP port 1194, no tls-auth
#   lab__openvpn-tcp.pcap         TCP port 1194 (2-byte packet length) over a 576-byte MTU: control packets cut
#                                 across segments, two packets in one segment
#   lab__openvpn-tlsauth.pcap     UDP port 1194 with --tls-auth (HMAC-SHA1, replay packet-id and time)
#   lab__openvpn-tlscryptv2.pcap  UDP port 1194 with --tls-crypt-v2 (P_CONTROL_HARD_RESET_CLIENT_V3 and
#                                 P_CONTROL_WKC_V1 with the wrapped client key; encrypted control packets)
# LAB_LOGS=DIR keeps the daemons' logs there. Needs root, openvpn, openssl, ethtool and tcpdump (Debian packages).
# Usage: bash lab__openvpn.sh OUTDIR
set -eu
OUTDIR=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns openvpn-c openvpn-s ovc ovs 10.9.8.1/24 10.9.8.2/24
cd "$W"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 -subj "/CN=lab CA" 2>/dev/null
for n in server client; do
	openssl req -newkey rsa:2048 -nodes -keyout $n.key -out $n.csr -subj "/CN=$n.lab.example" 2>/dev/null
	openssl x509 -req -in $n.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out $n.crt -days 30 2>/dev/null
done
openvpn --genkey tls-auth ta.key
openvpn --genkey tls-crypt-v2-server v2s.key
openvpn --tls-crypt-v2 v2s.key --genkey tls-crypt-v2-client v2c.key
run() { # run NAME PROTO-SERVER PROTO-CLIENT EXTRA...
	local name=$1 ps=$2 pc=$3
	shift 3
	ip netns exec openvpn-c tcpdump -i ovc -U -w "$OUTDIR/lab__openvpn-$name.pcap" -s 0 'port 1194' 2>/dev/null &
	echo $! > tcpdump.pid
	sleep 1
	ip netns exec openvpn-s openvpn --proto "$ps" --port 1194 --dev tun --server 10.8.0.0 255.255.255.0 \
		--ca ca.crt --cert server.crt --key server.key --dh none --verb 3 --log server-$name.log ${SERVER_OPTS:-} "$@" &
	echo $! > server.pid
	sleep 1
	ip netns exec openvpn-c openvpn --client --proto "$pc" --remote 10.9.8.2 1194 --dev tun --nobind \
		--ca ca.crt --cert client.crt --key client.key --verb 3 --log client-$name.log ${CLIENT_OPTS:-} "$@" &
	echo $! > client.pid
	for _ in $(seq 100); do grep -q 'Initialization Sequence Completed' client-$name.log && break; sleep 0.1; done
	ip netns exec openvpn-c ping -c 3 -i 0.3 10.8.0.1 >/dev/null || true
	sleep 0.5
	kill "$(cat client.pid)" "$(cat server.pid)"; rm client.pid server.pid
	[ -z "${LAB_LOGS:-}" ] || cp client-$name.log server-$name.log "$LAB_LOGS"
	sleep 1
	kill "$(cat tcpdump.pid)"; rm tcpdump.pid
	sleep 0.5
}
run udp udp udp
# a 576-byte MTU without segmentation offload cuts the 1222-byte control packets across 536-byte segments, and
# Nagle then packs a packet's tail and the next packets into one segment
for e in "openvpn-c ovc" "openvpn-s ovs"; do
	read -r ns dev <<<"$e"
	ip -n "$ns" link set "$dev" mtu 576
	ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off >/dev/null 2>&1 || true
done
run tcp tcp-server tcp-client
ip -n openvpn-c link set ovc mtu 1500
ip -n openvpn-s link set ovs mtu 1500
run tlsauth udp udp --tls-auth ta.key
SERVER_OPTS="--tls-crypt-v2 v2s.key" CLIENT_OPTS="--tls-crypt-v2 v2c.key" run tlscryptv2 udp udp
