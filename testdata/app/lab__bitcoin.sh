#!/bin/bash
# Makes lab__bitcoin.pcap: Bitcoin P2P messages (version, verack, getaddr, addr, ping, pong, inv, getdata, tx,
# notfound, getheaders, headers, getblocks, block, mempool, reject, and sendheaders, feefilter, sendcmpct)
# exchanged over TCP between two network namespaces joined by a veth pair, each side a lab__bitcoin-peer.py built on
# Debian 12's python3-bitcoinlib 0.11 (which serialises every message), captured on one end with tcpdump: one
# conversation on port 8333 with the main network's magic, one on 18333 with testnet's. Needs root, tcpdump and
# python3-bitcoinlib (apt-get install tcpdump python3-bitcoinlib).
# Usage: bash lab__bitcoin.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
PEER=$(realpath "$(dirname "$0")/lab__bitcoin-peer.py")
. "$(dirname "$0")/lab-netns.sh"
lab_netns ndpi-btca ndpi-btcb va vb 10.9.8.1/24 10.9.8.2/24
ip netns exec ndpi-btca tcpdump -i va -U -w "$OUT" -s 0 tcp 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
for p in "8333 mainnet" "18333 testnet"; do
	set -- $p
	ip netns exec ndpi-btcb /usr/bin/python3 "$PEER" server 10.9.8.2 "$1" "$2" &
	echo $! > "$W/server.pid"
	sleep 0.5
	ip netns exec ndpi-btca /usr/bin/python3 "$PEER" client 10.9.8.2 "$1" "$2"
	wait "$(cat "$W/server.pid")" || true
	rm "$W/server.pid"
done
sleep 0.5
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
