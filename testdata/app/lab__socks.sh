#!/bin/bash
# Makes lab__socks.pcap: real SOCKS between two network namespaces joined by a veth pair, captured on the client's
# end. Dante's danted (Debian 12's dante-server 1.4) listens on 10.9.16.2:1080 and connects out to a small HTTP
# server (python3 -m http.server on 127.0.0.1:80 in the server's namespace, so only the SOCKS connections cross the
# veth). The clients are curl 7.88: --socks4 (SOCKS4 CONNECT to an IPv4 address), --socks4a (SOCKS4a: a host name
# after the user id, which danted rejects: it resolves no 4a names), --socks5 (no authentication, IPv4 address),
# --socks5-hostname (a domain name), and --socks5 with --proxy-user (RFC 1929 username/password; danted checks it
# against a user added here for the run and deleted afterwards). Each granted Connect fetches one small page with
# GET, so tshark shows HTTP inside the conversation.
# Needs root, dante-server, curl, python3 and tcpdump (Debian packages).
# Usage: bash lab__socks.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns ska skb sa sb 10.9.16.1/24 10.9.16.2/24
chmod 755 "$W"
U=ladsocks
useradd -M -s /usr/sbin/nologin "$U"
trap 'userdel "$U" 2>/dev/null || true; lab_cleanup' EXIT
echo "$U:wonderland" | chpasswd
mkdir "$W/www"
echo 'hello through socks' > "$W/www/index.html"
cat > "$W/danted.conf" <<CONF
logoutput: /dev/null
internal: 10.9.16.2 port = 1080
external: 127.0.0.1
clientmethod: none
socksmethod: username none
user.privileged: root
user.unprivileged: nobody
client pass { from: 0.0.0.0/0 to: 0.0.0.0/0 }
socks pass { from: 0.0.0.0/0 to: 0.0.0.0/0 }
CONF
ip netns exec skb python3 -m http.server -b 127.0.0.1 -d "$W/www" 80 >/dev/null 2>&1 &
echo $! > "$W/http.pid"
ip netns exec skb danted -f "$W/danted.conf" -N 1 >/dev/null 2>&1 &
echo $! > "$W/danted.pid"
ip netns exec ska tcpdump -i sa -U -w "$OUT" -s 0 'port 1080' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
C="ip netns exec ska curl -s -o /dev/null"
P=10.9.16.2:1080
$C --socks4 $P http://127.0.0.1/
$C --socks4a $P http://localhost/ || true
$C --socks5 $P http://127.0.0.1/
$C --socks5-hostname $P http://localhost/index.html
$C --socks5 $P --proxy-user "$U:wonderland" http://127.0.0.1/
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
