#!/bin/bash
# Makes lab__udp-services.pcap: real SNMP, syslog and TFTP between two network namespaces joined by a veth pair,
# captured on the client's end: net-snmp's snmpget/snmpgetnext/snmpwalk (v1 and v2c) against snmpd, including a wrong
# community (no answer) and a missing OID; util-linux logger sending RFC 3164 and RFC 5424 messages to a UDP 514
# listener; tftp-hpa fetching a file from tftpd-hpa (read request, data, acknowledgements) and asking for a missing
# one (error). Needs root, snmpd, snmp, tftpd-hpa, tftp-hpa, python3 and tcpdump (all Debian packages).
# Usage: bash lab__udp-services.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns usa usb ua ub 10.7.0.1/24 10.7.0.2/24
chmod 755 "$W"
# servers in usb
cat > "$W/snmpd.conf" <<CONF
agentAddress udp:10.7.0.2:161
rocommunity public 10.7.0.0/24
sysLocation lab rack 1
sysContact ops@example.net
CONF
ip netns exec usb snmpd -f -Lo -C -c "$W/snmpd.conf" -p "$W/snmpd.pid2" >/dev/null 2>&1 &
echo $! > "$W/snmpd.pid"
mkdir "$W/tftp"; printf 'ladder tftp test file\n%.0s' {1..40} > "$W/tftp/hello.txt"; chmod -R a+rX "$W/tftp"
ip netns exec usb in.tftpd -L -s -u root -a 10.7.0.2:69 "$W/tftp" >/dev/null 2>&1 &
echo $! > "$W/tftpd.pid"
ip netns exec usb python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.7.0.2", 514))
while True: s.recv(4096)' &
echo $! > "$W/syslog.pid"
ip netns exec usa tcpdump -i ua -U -w "$OUT" -s 0 'udp and not port 5353 and not port 67 and not port 68' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
C="ip netns exec usa"
$C snmpget -v2c -c public 10.7.0.2 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 >/dev/null || true
$C snmpget -v1 -c public 10.7.0.2 1.3.6.1.2.1.1.4.0 >/dev/null || true
$C snmpgetnext -v2c -c public 10.7.0.2 1.3.6.1.2.1.1.6 >/dev/null || true
$C snmpget -v2c -c public 10.7.0.2 1.3.6.1.2.1.1.99.0 >/dev/null || true
$C snmpwalk -v2c -c public 10.7.0.2 1.3.6.1.2.1.1 >/dev/null || true
$C snmpget -v2c -c wrong -r 0 -t 0.5 10.7.0.2 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 || true
$C logger -n 10.7.0.2 -P 514 -d --rfc3164 -t lab -p local0.notice "disk almost full on /var"
$C logger -n 10.7.0.2 -P 514 -d --rfc5424 -t lab -p auth.warning "login failure for user admin"
$C logger -n 10.7.0.2 -P 514 -d --rfc3164 -p user.err "plain message"
(cd "$W" && $C tftp 10.7.0.2 -m octet -c get hello.txt "$W/got.txt") >/dev/null 2>&1 || true
(cd "$W" && $C tftp 10.7.0.2 -m netascii -c get missing.txt "$W/none.txt") >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
