#!/bin/bash
# Makes lab__tds.pcap: TDS 7.4 between two network namespaces joined by a veth pair, captured on the client's end
# with segmentation offload off. The client is real: FreeTDS 1.3 tsql (Debian 12's freetds-bin), TDS version 7.4,
# encryption off. There is no SQL Server here: the server side is lab__tds-server.py, a small responder written
# from the MS-TDS specification (PRELOGIN, LOGIN7 answered with ENVCHANGE/INFO/LOGINACK/DONE, SQL batches answered
# with COLMETADATA/ROW/DONE, an ERROR, a database change, a result of several TDS packets). Two sessions: the
# first runs select 1, select rows, a batch that fails, use, select wide; the second only logs in and out.
# Needs root, freetds-bin, python3, ethtool and tcpdump. Usage: bash lab__tds.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
. "$HERE/lab-netns.sh"
lab_netns dbtdsa dbtdsb dbta dbtb 10.77.7.1/24 10.77.7.2/24
chmod 755 "$W"
for n in a b; do ip netns exec dbtds$n ethtool -K dbt$n tso off gso off gro off >/dev/null 2>&1; done
ip netns exec dbtdsb python3 "$HERE/lab__tds-server.py" 10.77.7.2 1433 &
echo $! > "$W/server.pid"
ip netns exec dbtdsa tcpdump -i dbta -U -w "$OUT" -s 0 'tcp port 1433' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 1.5
cat > "$W/freetds.conf" <<CONF
[global]
	tds version = 7.4
	encryption = off
	client charset = UTF-8
CONF
export FREETDSCONF="$W/freetds.conf"
printf 'select 1\ngo\nselect rows\ngo\nselect * from nosuch_error\ngo\nuse labdb\ngo\nselect wide\ngo\nexit\n' |
	ip netns exec dbtdsa env FREETDSCONF="$W/freetds.conf" tsql -H 10.77.7.2 -p 1433 -U sa -P 'Lab-pw1' -o q >/dev/null 2>&1 || true
printf 'exit\n' | ip netns exec dbtdsa env FREETDSCONF="$W/freetds.conf" tsql -H 10.77.7.2 -p 1433 -U reader -P 'r' -D labdb -o q >/dev/null 2>&1 || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
