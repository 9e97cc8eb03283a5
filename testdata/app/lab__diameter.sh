#!/bin/bash
# Makes lab__diameter.pcap: a real Diameter base-protocol session over TCP 3868 between two freeDiameterd 1.2.1
# daemons (Debian 12's freediameter) in two network namespaces joined by a veth pair, captured on one end, in
# clear text (No_TLS on both ConnectPeer entries, No_SCTP): peer-a connects to peer-b, CER/CEA, device-watchdog
# DWR/DWA exchanges (TwTimer 6 s); then lab__diameter-client.py beside this script (in peer-a's namespace, as
# client.lab.test, let in by peer-b's acl_wl extension) sends credit-control requests that peer-b relays to peer-a
# or answers itself with errors (see that script); then peer-a is stopped (SIGTERM) and sends DPR, answered by DPA.
# freeDiameterd insists on a TLS certificate in its configuration even when no peer uses TLS: a throw-away
# self-signed one per peer (its CN the peer's identity) is made in the temporary directory.
# Needs root, freediameter, openssl and tcpdump. Usage: bash lab__diameter.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns diameter-a diameter-b dia-a dia-b 10.31.0.1/24 10.31.0.2/24
conf() { # conf NAME ADDR PEERNAME PEERADDR
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1.lab.test" -keyout "$W/$1-key.pem" \
		-out "$W/$1-cert.pem" 2>/dev/null
	cat > "$W/$1.conf" <<CONF
Identity = "$1.lab.test";
Realm = "lab.test";
Port = 3868;
SecPort = 5868;
No_SCTP;
No_IPv6;
ListenOn = "$2";
TwTimer = 6;
TcTimer = 60;
TLS_Cred = "$W/$1-cert.pem", "$W/$1-key.pem";
TLS_CA = "$W/$1-cert.pem";
ConnectPeer = "$3.lab.test" { ConnectTo = "$4"; No_TLS; Port = 3868; };
LoadExtension = "/usr/lib/freeDiameter/acl_wl.fdx" : "$W/acl.conf";
CONF
}
echo 'ALLOW_IPSEC client.lab.test' > "$W/acl.conf"
conf peer-a 10.31.0.1 peer-b 10.31.0.2
conf peer-b 10.31.0.2 peer-a 10.31.0.1
ip netns exec diameter-a tcpdump -i dia-a -U -w "$OUT" -s 0 'tcp port 3868' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
ip netns exec diameter-b freeDiameterd -c "$W/peer-b.conf" -d >"$W/b.log" 2>&1 &
echo $! > "$W/b.pid"
sleep 2
ip netns exec diameter-a freeDiameterd -c "$W/peer-a.conf" -d >"$W/a.log" 2>&1 &
echo $! > "$W/a.pid"
sleep 8
ip netns exec diameter-a python3 "$(dirname "$0")/lab__diameter-client.py" 10.31.0.2
sleep 5
kill "$(cat "$W/a.pid")"; rm "$W/a.pid"
sleep 3
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
[ -n "${LAB_LOGS:-}" ] && cp "$W"/*.log "$LAB_LOGS"/ || true
