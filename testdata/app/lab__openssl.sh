#!/usr/bin/env bash
# lab__openssl.sh OUT.pcap — records OpenSSL 3.0 (Debian's openssl s_server and s_client) in two namespaces:
# TLS 1.3 with a session ticket and its resumption, a HelloRetryRequest (the server accepts P-256 only, the
# client offers X25519 first), TLS 1.2 with RSA certificates, ECDHE and a ticket, TLS 1.2 resumption by session
# ID, a client certificate requested (-Verify) and not sent, ALPN, a TLS 1.2 static-RSA AES128-SHA suite, a
# client offering only TLS 1.3 to a TLS 1.2-only server (protocol_version alert) and a client rejecting the
# self-signed certificate (unknown_ca alert).
set -euo pipefail
out=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns tlsA tlsB tlsa tlsb 10.80.0.1/24 10.80.0.2/24
cd "$W"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout k.pem -out c.pem -days 30 -subj "/CN=server.lab.test" -addext "subjectAltName=DNS:server.lab.test" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout rk.pem -out rc.pem -days 30 -subj "/CN=rsa.lab.test" 2>/dev/null
srv() { ip netns exec tlsB openssl s_server -quiet -accept "$1" -cert "${3:-c.pem}" -key "${4:-k.pem}" $2 </dev/null >/dev/null 2>&1 & echo $! >"$W/s$1.pid"; }
srv 4433 "-www"
srv 4434 "-www -groups P-256"
srv 4435 "-www -tls1_2" rc.pem rk.pem
srv 4436 "-www -Verify 1"
srv 4437 "-www -early_data"
srv 4438 "-www -tls1_2 -cipher AES128-SHA" rc.pem rk.pem
sleep 1
ip netns exec tlsA tcpdump -i tlsa -w "$out" -U -s 0 2>/dev/null & echo $! >"$W"/tcpdump.pid
sleep 1
cl() { timeout 5 ip netns exec tlsA openssl s_client -connect "10.80.0.2:$1" -servername server.lab.test "${@:2}" >/dev/null 2>&1 || true; }
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4433 -ign_eof -sess_out sess.pem
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4433 -ign_eof -sess_in sess.pem
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4434 -ign_eof -groups X25519:P-256
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4435 -ign_eof -tls1_2
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4435 -ign_eof -tls1_2 -no_ticket -sess_out s12.pem
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4435 -ign_eof -tls1_2 -sess_in s12.pem
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4436 -ign_eof
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4433 -ign_eof -alpn h2,http/1.1 -sess_out early.pem
printf 'GET / HTTP/1.0\r\n\r\n' | cl 4438 -ign_eof -tls1_2 -cipher AES128-SHA
echo | cl 4435 -tls1_3
echo | cl 4433 -tls1_2 -cipher 'ECDHE-ECDSA-CHACHA20-POLY1305' -verify_return_error -verify 1
sleep 1
