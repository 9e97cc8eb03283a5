#!/bin/sh
# lab__kafka.sh OUT.pcap makes lab__kafka.pcap: franz-go's kfake (an in-memory Kafka broker written by franz-go's
# authors, github.com/twmb/franz-go/pkg/kfake) on 127.0.0.1:9092 in a fresh network namespace, recorded on its
# loopback by tcpdump, and the franz-go (kgo) client in lab__kafka/ run twice: first with the newest API versions
# franz-go and kfake share (Kafka 4.x: ApiVersions v5, Metadata v13, Fetch v18..., most beyond what tshark 4.0's
# packet-kafka.c supports), then held to Kafka 2.4.0's versions (kgo.MaxVersions). Each run produces three records
# to topic "lab", consumes them in consumer group "lab-group" (FindCoordinator, JoinGroup with the Member ID
# Required round, SyncGroup, OffsetFetch, ListOffsets, Fetch), commits the offsets and leaves the group.
# No Kafka server is packaged in Debian 12, hence kfake. Run as root (it uses unshare) from this directory.
set -eu
out=$(realpath "${1:-lab__kafka.pcap}")
dir=$(mktemp -d)
(cd lab__kafka && go build -o "$dir/lab" .)
unshare -n sh -c "
ip link set lo up
$dir/lab -server & s=\$!
sleep 1
tcpdump -Z root -i lo -s 0 -U -w $out tcp port 9092 2>/dev/null & t=\$!
sleep 1
$dir/lab || true
sleep 0.5
$dir/lab -max v2.4.0 || true
sleep 1
kill \$t
sleep 0.5
kill \$s
"
rm -rf "$dir"
