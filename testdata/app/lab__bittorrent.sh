#!/bin/bash
# Makes lab__bittorrent.pcap (the peer wire, TCP) and lab__bt-dht-lsd.pcap (DHT and LSD, UDP): a real BitTorrent swarm of two between two network namespaces joined by a veth pair,
# captured on the seeder's end with segmentation offload off. The seeder is transmission-daemon 3.00 (Debian 12;
# encryption "tolerated", so the peer wire is plaintext; uTP off, so the peers talk over TCP; DHT, LSD and PEX on) on
# port 51413, seeding a 24 KiB file in 16 KiB pieces (a torrent without tracker made by transmission-create); the
# downloader is aria2c 1.36 (Debian 12) on port 6881 with DHT (its entry point the seeder's DHT port) and Local
# Peer Discovery on, no encryption. The peers find each other by LSD announces to 239.192.152.143:6771, then the
# peer wire carries the handshake, extension handshakes, Bitfield, Interested/Unchoke, Requests and Pieces that
# span segments; the DHT carries KRPC ping, find_node, get_peers and announce_peer. Needs root, transmission-cli,
# transmission-daemon, aria2, ethtool and tcpdump. Usage: bash lab__bittorrent.sh OUT-TCP.pcap OUT-UDP.pcap
set -eu
OUT=$(realpath -m "$1")
OUT2=$(realpath -m "$2")
. "$(dirname "$0")/lab-netns.sh"
LAB_STOP_WAIT=1
lab_netns p2pa p2pb pa pb 10.77.0.1/24 10.77.0.2/24
chmod 755 "$W"
for n in a b; do
	ip netns exec p2p$n ethtool -K p$n tso off gso off gro off >/dev/null 2>&1
	# LSD announces go to a multicast group: route it out of the veth
	ip -n p2p$n route add 224.0.0.0/4 dev p$n
done
mkdir -p "$W/seed" "$W/get" "$W/tr"
head -c 24576 /dev/urandom > "$W/seed/ladder-p2p.bin"
transmission-create -s 16 -c 'ladder lab' -o "$W/x.torrent" "$W/seed/ladder-p2p.bin" >/dev/null
cat > "$W/tr/settings.json" <<J
{ "encryption": 0, "utp-enabled": false, "dht-enabled": true, "lpd-enabled": true, "pex-enabled": true,
  "port-forwarding-enabled": false, "peer-port": 51413, "peer-port-random-on-start": false,
  "rpc-enabled": true, "rpc-bind-address": "127.0.0.1", "rpc-port": 9091, "rpc-authentication-required": false,
  "rpc-whitelist-enabled": false, "download-dir": "$W/seed", "message-level": 1 }
J
ip netns exec p2pa tcpdump -i pa -U -w "$OUT" -s 0 'ip and tcp' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec p2pa tcpdump -i pa -U -w "$OUT2" -s 0 'ip and udp' 2>/dev/null &
echo $! > "$W/tcpdump2.pid"
sleep 1
ip netns exec p2pa transmission-daemon -f -g "$W/tr" >"$W/tr.log" 2>&1 &
echo $! > "$W/tr.pid"
sleep 2
ip netns exec p2pa transmission-remote 127.0.0.1:9091 -a "$W/x.torrent" -w "$W/seed" >/dev/null
sleep 2
ip netns exec p2pb aria2c -d "$W/get" --listen-port=6881 --dht-listen-port=6882 --enable-dht=true \
	--dht-entry-point=10.77.0.1:51413 --bt-enable-lpd=true --bt-lpd-interface=pb --enable-peer-exchange=true \
	--bt-require-crypto=false --seed-time=0 --bt-stop-timeout=40 --summary-interval=0 --console-log-level=warn \
	--dht-file-path="$W/dht.dat" "$W/x.torrent" >"$W/aria2.log" 2>&1 &
echo $! > "$W/aria2.pid"
for i in $(seq 60); do cmp -s "$W/seed/ladder-p2p.bin" "$W/get/ladder-p2p.bin" && break; sleep 1; done
sleep 3
cmp "$W/seed/ladder-p2p.bin" "$W/get/ladder-p2p.bin"
kill "$(cat "$W/tcpdump.pid")" "$(cat "$W/tcpdump2.pid")"; rm "$W/tcpdump.pid" "$W/tcpdump2.pid"
sleep 0.5
