#!/bin/bash
# Makes lab__diameter-sctp.pcap: the Diameter base protocol between two freeDiameterd 1.2.1 daemons (Debian 12's
# freediameter) carried over SCTP with payload protocol identifier 46, in two network namespaces joined by a veth
# pair. The kernel here has no SCTP, so each daemon speaks TCP on its namespace's loopback to the Go program in
# lab__diameter-sctp/ (its own module), which relays every Diameter message as one SCTP user message over an
# association run by the userspace stack github.com/pion/sctp, sent as IPv4 protocol 132 through a raw IP socket.
# Recorded with tcpdump on the veth (SCTP only): association set-up, CER/CEA, DWR/DWA (TwTimer 6 s), DPR/DPA when
# peer-a is stopped, with the SACKs between. Needs root, freediameter, openssl, go and tcpdump.
# Usage: bash lab__diameter-sctp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns diameter-sa diameter-sb dias-a dias-b 10.31.1.1/24 10.31.1.2/24
(cd "$HERE/lab__diameter-sctp" && go build -o "$W/diameter-sctp" .)
conf() { # conf NAME PEERS
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1.lab.test" -keyout "$W/$1-key.pem" \
		-out "$W/$1-cert.pem" 2>/dev/null
	cat > "$W/$1.conf" <<CONF
Identity = "$1.lab.test";
Realm = "lab.test";
Port = 3868;
SecPort = 5868;
No_SCTP;
No_IPv6;
ListenOn = "127.0.0.1";
TwTimer = 6;
TcTimer = 60;
TLS_Cred = "$W/$1-cert.pem", "$W/$1-key.pem";
TLS_CA = "$W/$1-cert.pem";
$2
CONF
}
# peer-a dials peer-b through the relay (port 3869 in its namespace); peer-b lets peer-a in without TLS
echo 'ALLOW_IPSEC peer-a.lab.test' > "$W/acl.conf"
conf peer-a 'ConnectPeer = "peer-b.lab.test" { ConnectTo = "127.0.0.1"; No_TLS; Port = 3869; };'
conf peer-b "LoadExtension = \"/usr/lib/freeDiameter/acl_wl.fdx\" : \"$W/acl.conf\";"
ip netns exec diameter-sb tcpdump -i dias-b -U -w "$OUT" -s 0 'ip proto 132' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
ip netns exec diameter-sb freeDiameterd -c "$W/peer-b.conf" -d >"$W/b.log" 2>&1 &
echo $! > "$W/b.pid"
ip netns exec diameter-sb "$W/diameter-sctp" server 10.31.1.1 127.0.0.1:3868 &
echo $! > "$W/relay-b.pid"
ip netns exec diameter-sa "$W/diameter-sctp" client 10.31.1.2 127.0.0.1:3869 &
echo $! > "$W/relay-a.pid"
sleep 1
ip netns exec diameter-sa freeDiameterd -c "$W/peer-a.conf" -d >"$W/a.log" 2>&1 &
echo $! > "$W/a.pid"
sleep 10
kill "$(cat "$W/a.pid")"; rm "$W/a.pid"
sleep 3
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
[ -n "${LAB_LOGS:-}" ] && cp "$W"/*.log "$LAB_LOGS"/ || true
