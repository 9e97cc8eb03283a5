#!/bin/bash
# Makes lab__snmpv3.pcap: real SNMPv3 (RFC 3412, 3414) between two network namespaces joined by a veth pair,
# captured on the client's end: net-snmp's snmpd (Debian 12's snmpd) with two USM users made in its configuration
# and net-snmp's snmpget: engine discovery (an empty-engine getRequest answered with a report), an authNoPriv get
# (HMAC-SHA, the PDU in clear: get-request and get-response), an authPriv get (AES: encrypted PDUs), and an unknown
# user (a report of usmStatsUnknownUserNames). Needs root, snmpd, snmp and tcpdump (Debian packages).
# Usage: bash lab__snmpv3.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns sva svb va vb 10.15.0.1/24 10.15.0.2/24
chmod 755 "$W"
mkdir "$W/persist"
cat > "$W/snmpd.conf" <<CONF
agentAddress udp:10.15.0.2:161
createUser authuser SHA "auth-pass-123"
createUser privuser SHA "auth-pass-123" AES "priv-pass-123"
rouser authuser auth
rouser privuser priv
sysLocation lab rack 3
CONF
ip netns exec svb snmpd -f -Lo -C -c "$W/snmpd.conf" --persistentDir="$W/persist" -p "$W/snmpd.pid2" >/dev/null 2>&1 &
echo $! > "$W/snmpd.pid"
ip netns exec sva tcpdump -i va -U -w "$OUT" -s 0 'udp port 161' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
C="ip netns exec sva"
export SNMP_PERSISTENT_DIR="$W/client"
mkdir "$W/client"
$C snmpget -v3 -l authNoPriv -u authuser -a SHA -A auth-pass-123 10.15.0.2 1.3.6.1.2.1.1.6.0 >/dev/null || true
$C snmpget -v3 -l authPriv -u privuser -a SHA -A auth-pass-123 -x AES -X priv-pass-123 10.15.0.2 1.3.6.1.2.1.1.5.0 >/dev/null || true
$C snmpget -v3 -l noAuthNoPriv -u nobody -r 0 10.15.0.2 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
