#!/bin/bash
# Makes lab__bacnet.pcap: real BACnet/IP (ASHRAE 135 Annex J) on UDP 47808 between two node-bacnet 0.2.4 stacks
# (npm, MIT; no BACnet server is packaged in Debian 12): lab__bacnet/device.js, a small device written here on
# node-bacnet that answers Who-Is, ReadProperty, ReadPropertyMultiple, WriteProperty and SubscribeCOV, and
# lab__bacnet/client.js, node-bacnet's client asking them, in two network namespaces joined by a veth pair,
# captured on the client's end: Who-Is broadcasts (with and without limits) and I-Am, ReadProperty with its
# Complex-ACKs and Errors, WriteProperty and SubscribeCOV with Simple-ACKs, ReadPropertyMultiple, time
# synchronisation, and services the device refuses.
# Needs root, nodejs, npm and tcpdump. Usage: bash lab__bacnet.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
D=$(cd "$(dirname "$0")" && pwd)/lab__bacnet
. "$(dirname "$0")/lab-netns.sh"
lab_netns autobca autobcb abca abcb 10.47.0.1/24 10.47.0.2/24
(cd "$W" && npm install --silent --no-audit --no-fund node-bacnet@0.2.4 >/dev/null 2>&1)
cp "$D"/device.js "$D"/client.js "$W"/
ip netns exec autobca tcpdump -i abca -U -w "$OUT" -s 0 'udp port 47808' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec autobcb node "$W/device.js" - 10.47.0.255 25000 &
echo $! > "$W/device.pid"
sleep 1.5
ip netns exec autobca timeout 40 node "$W/client.js" 10.47.0.1 10.47.0.255 10.47.0.2 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
