#!/bin/bash
# Makes lab__dtls.pcap: real DTLS between two network namespaces joined by a veth pair, captured on the client's
# end: OpenSSL's s_server and s_client with DTLS 1.2 (a cookie exchange: Hello Verify Request, a full handshake,
# application data both ways, close_notify) and DTLS 1.0 (no cookie, ECDHE-RSA, application data, close_notify).
# Needs root, openssl and tcpdump (Debian packages). Usage: bash lab__dtls.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns dta dtb da db 10.9.1.1/24 10.9.1.2/24
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/key.pem" -out "$W/cert.pem" -days 30 -subj "/CN=dtls.lab.example" 2>/dev/null
ip netns exec dta tcpdump -i da -U -w "$OUT" -s 0 'udp' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
# DTLS 1.2 with a cookie exchange
(sleep 3; echo "hello from the server") | ip netns exec dtb openssl s_server -dtls1_2 -listen -accept 4433 -cert "$W/cert.pem" -key "$W/key.pem" -quiet >/dev/null 2>&1 &
echo $! > "$W/s1.pid"
sleep 0.5
(echo "hello from the client"; sleep 2) | ip netns exec dta timeout 6 openssl s_client -dtls1_2 -connect 10.9.1.2:4433 -servername dtls.lab.example -quiet >/dev/null 2>&1 || true
sleep 0.5
# DTLS 1.0, no cookie
(sleep 3; echo "v1.0 server") | ip netns exec dtb openssl s_server -dtls1 -accept 4434 -cert "$W/cert.pem" -key "$W/key.pem" -cipher 'ALL:@SECLEVEL=0' -quiet >/dev/null 2>&1 &
echo $! > "$W/s2.pid"
sleep 0.5
(echo "v1.0 client"; sleep 2) | ip netns exec dta timeout 6 openssl s_client -dtls1 -connect 10.9.1.2:4434 -cipher 'ALL:@SECLEVEL=0' -quiet >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
