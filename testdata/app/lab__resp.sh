#!/bin/bash
# Makes lab__resp.pcap: real RESP (Redis serialization protocol) between two network namespaces joined by a veth
# pair, captured on the client's end with segmentation offload off. redis-server 7.0 (Debian 12's redis-server, no
# persistence, protected mode off) on TCP 6379; clients are redis-cli, one command per connection (SET, GET of a missing
# key (null bulk string), INCR, RPUSH and LRANGE (an array reply), HSET and HGETALL, a wrong-type error, SET and GET of
# a 120-byte value (longer than tshark shows in Info), of a 6000-byte value (spanning segments both ways) and of a
# binary value, PING), and bash's /dev/tcp for inline commands and for three commands whose writes split them
# across segments. Needs root, redis-server, redis-tools, ethtool and tcpdump. Usage: bash lab__resp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
. "$(dirname "$0")/lab-netns.sh"
lab_netns rsa rsb sa sb 10.15.0.1/24 10.15.0.2/24
chmod 755 "$W"
# no segmentation offload: the capture shows the 1500-byte segments a wire would carry
for n in a b; do ip netns exec rs$n ethtool -K s$n tso off gso off gro off >/dev/null 2>&1; done
ip netns exec rsb redis-server --port 6379 --bind 10.15.0.2 --protected-mode no --save '' --appendonly no \
	--dir "$W" --daemonize no --logfile "$W/redis.log" &
echo $! > "$W/redis.pid"
ip netns exec rsa tcpdump -i sa -U -w "$OUT" -s 0 'tcp port 6379' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
R="ip netns exec rsa redis-cli -h 10.15.0.2"
$R SET greeting hello >/dev/null
$R GET greeting >/dev/null
$R GET missing >/dev/null
$R INCR counter >/dev/null
$R RPUSH list a b c >/dev/null
$R LRANGE list 0 -1 >/dev/null
$R HSET h field1 v1 field2 v2 >/dev/null
$R HGETALL h >/dev/null
$R INCR greeting >/dev/null || true
$R SET long "$(printf 'x%.0s' $(seq 120))" >/dev/null
$R GET long >/dev/null
$R SET big "$(head -c 6000 /dev/zero | tr '\0' 'y')" >/dev/null
$R GET big >/dev/null
printf 'caf\xc3\xa9\x01' | $R -x SET bin >/dev/null
$R GET bin >/dev/null
$R PING >/dev/null
# raw writes through bash's /dev/tcp: inline commands, then three commands in one segment
send() { ip netns exec rsa bash -c 'exec 3<>/dev/tcp/10.15.0.2/6379; printf "$1" >&3; sleep 0.5; exec 3>&-' _ "$1"; }
send 'PING\r\nECHO hi\r\n'
send '*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$8\r\ngreeting\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n'
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
