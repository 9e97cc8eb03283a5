#!/bin/bash
# Makes lab__amqp.pcap: real AMQP 0-9-1 between two network namespaces joined by a veth pair, captured on the
# client's end with segmentation offload off. The server is RabbitMQ 3.10 (Debian 12's rabbitmq-server, its node
# files in a temporary directory) on TCP 5672, the client python3-pika 1.2 running lab__amqp-client.py: connection
# start/tune/open, exchange and queue declare/bind, publishes with properties and a 5000-byte body, Basic.Get (Get-Ok,
# Get-Empty), QoS, consume/deliver/ack/nack/reject, cancel, transactions, purge/unbind/delete, channel close,
# publisher confirms, a passive declare the broker refuses (Channel.Close 404), connection close, and a second
# connection with 1-second heartbeats. Needs root, rabbitmq-server, python3-pika, ethtool and tcpdump.
# Usage: bash lab__amqp.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
LAB_STOP_WAIT=2
lab_netns dbamqpa dbamqpb dba dbb 10.77.5.1/24 10.77.5.2/24
chmod 755 "$W"
for n in a b; do ip netns exec dbamqp$n ethtool -K db$n tso off gso off gro off >/dev/null 2>&1; done
cat > "$W/rabbitmq.conf" <<CONF
listeners.tcp.default = 5672
loopback_users = none
CONF
ip netns exec dbamqpb env HOME="$W" RABBITMQ_NODENAME=lab@localhost RABBITMQ_NODE_IP_ADDRESS=10.77.5.2 \
	RABBITMQ_MNESIA_BASE="$W/mnesia" RABBITMQ_LOG_BASE="$W/log" RABBITMQ_CONFIG_FILE="$W/rabbitmq" \
	RABBITMQ_ENABLED_PLUGINS_FILE="$W/plugins" RABBITMQ_PID_FILE="$W/rmq.pidfile" \
	/usr/lib/rabbitmq/bin/rabbitmq-server >"$W/rmq.out" 2>&1 &
echo $! > "$W/rabbitmq.pid"
for i in $(seq 60); do
	ip netns exec dbamqpb env HOME="$W" RABBITMQ_NODENAME=lab@localhost /usr/lib/rabbitmq/bin/rabbitmqctl -q status >/dev/null 2>&1 && break
	sleep 1
done
R="ip netns exec dbamqpb env HOME=$W RABBITMQ_NODENAME=lab@localhost /usr/lib/rabbitmq/bin/rabbitmqctl -q"
$R add_user lab labpw >/dev/null
$R set_permissions -p / lab '.*' '.*' '.*' >/dev/null
ip netns exec dbamqpa tcpdump -i dba -U -w "$OUT" -s 0 'tcp port 5672' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1
ip netns exec dbamqpa /usr/bin/python3 "$HERE/lab__amqp-client.py" 10.77.5.2
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
$R stop >/dev/null 2>&1 || true
# the Erlang port mapper the node started outlives it (and its namespace) unless told to go
ip netns exec dbamqpb epmd -kill >/dev/null 2>&1 || true
sleep 0.5
