#!/bin/bash
# Makes lab__socks-relay.pcap: what a SOCKS 5 proxy relays after a Connect, for tshark's tcp.stream numbering
# (tshark takes one more stream number at the first relayed byte of each connection, whatever the bytes are).
# Two network namespaces joined by a veth pair, captured on the client's end; Dante's danted (Debian 12's
# dante-server) listens on 10.9.17.2:1080 and connects out to servers on 127.0.0.1 in its own namespace:
# openssl s_server (TLS 1.3, a throw-away self-signed key) on 443 and a small Python server on 7777 that answers
# a few binary bytes. Clients: curl 7.88 --socks5 https://127.0.0.1/ (TLS through the proxy), then three
# hand-written SOCKS 5 clients in Python (no authentication, IPv4 Connect to 7777): one closes right after the
# proxy's answer, two send binary bytes; then curl over TLS again.
# Needs root, dante-server, curl, openssl, python3 and tcpdump (Debian packages).
# Usage: bash lab__socks-relay.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns sxa sxb xa xb 10.9.17.1/24 10.9.17.2/24
chmod 755 "$W"
cat > "$W/danted.conf" <<CONF
logoutput: /dev/null
internal: 10.9.17.2 port = 1080
external: 127.0.0.1
clientmethod: none
socksmethod: none
user.privileged: root
user.unprivileged: nobody
client pass { from: 0.0.0.0/0 to: 0.0.0.0/0 }
socks pass { from: 0.0.0.0/0 to: 0.0.0.0/0 }
CONF
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/k.pem" -out "$W/c.pem" -days 2 -subj /CN=localhost 2>/dev/null
ip netns exec sxb openssl s_server -accept 127.0.0.1:443 -cert "$W/c.pem" -key "$W/k.pem" -www -quiet >/dev/null 2>&1 &
echo $! > "$W/tls.pid"
ip netns exec sxb python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 7777)); s.listen()
for _ in range(3):
    c, _ = s.accept(); c.recv(100); c.sendall(b"\x01\x02pong-binary\x00"); c.close()
' >/dev/null 2>&1 &
echo $! > "$W/echo.pid"
ip netns exec sxb danted -f "$W/danted.conf" -N 1 >/dev/null 2>&1 &
echo $! > "$W/danted.pid"
ip netns exec sxa tcpdump -i xa -U -w "$OUT" -s 0 'port 1080' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
socks5() { # $1: the bytes to send once granted, as a Python bytes literal ("" sends nothing)
	ip netns exec sxa python3 -c '
import socket, struct, sys
s = socket.create_connection(("10.9.17.2", 1080)); s.sendall(b"\x05\x01\x00"); s.recv(2)
s.sendall(b"\x05\x01\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack(">H", 7777)); s.recv(10)
data = eval(sys.argv[1])
if data:
    s.sendall(data); s.recv(100)
s.close()
' "$1"
}
ip netns exec sxa curl -sk -o /dev/null --socks5 10.9.17.2:1080 https://127.0.0.1/
socks5 'b""'
sleep 0.3
socks5 'b"\x00\x07\x99ping-binary\x01"'
socks5 'b"\x00\x07\x99ping-binary\x01"'
ip netns exec sxa curl -sk -o /dev/null --socks5 10.9.17.2:1080 https://127.0.0.1/
sleep 1
for p in tcpdump tls echo danted; do kill "$(cat "$W/$p.pid")" 2>/dev/null || true; rm -f "$W/$p.pid"; done
sleep 0.5
