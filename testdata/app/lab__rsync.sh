#!/bin/bash
# Makes lab__rsync.pcap: the real rsync daemon protocol on TCP 873 between two network namespaces joined by a veth
# pair, captured on the client's end with segmentation offload off. The server is `rsync --daemon` (Debian 12's
# rsync 3.5.0, protocol 32) with a MOTD and three modules, one of them password-protected; the client is the same rsync: a module
# listing (rsync://host/), a listing of one module's files, a download of one small file, an upload of one file,
# and a request for the protected module (its AUTHREQD challenge, answered with a password file).
# Needs root, rsync, tcpdump and ethtool. Usage: bash lab__rsync.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lab-netns.sh"
lab_netns textp-rsa textp-rsb ra rb 10.23.0.1/24 10.23.0.2/24
for n in a b; do ip netns exec textp-rs$n ethtool -K r$n tso off gso off gro off >/dev/null 2>&1; done
mkdir -p "$W/pub" "$W/up" "$W/sec" "$W/local"
printf 'hello from rsync\n' > "$W/pub/hello.txt"
printf 'second file\n' > "$W/pub/notes.txt"
printf 'secret\n' > "$W/sec/s.txt"
printf 'uploaded by the client\n' > "$W/local/up.txt"
touch -d '2026-12-07 10:00:00' "$W"/pub/* "$W"/sec/* "$W"/local/*
printf 'Welcome to the lab rsync daemon\n' > "$W/motd"
printf 'lab:labpass\n' > "$W/secrets"; chmod 600 "$W/secrets"
printf 'labpass\n' > "$W/pass"; chmod 600 "$W/pass"
cat > "$W/rsyncd.conf" <<CONF
pid file = $W/rsyncd.pid
motd file = $W/motd
use chroot = no
uid = root
gid = root
[pub]
	path = $W/pub
	comment = public files
	read only = yes
[up]
	path = $W/up
	comment = uploads
	read only = no
[sec]
	path = $W/sec
	comment = protected
	auth users = lab
	secrets file = $W/secrets
CONF
ip netns exec textp-rsb rsync --daemon --config="$W/rsyncd.conf" --address=10.23.0.2 --port=873
ip netns exec textp-rsa tcpdump -i ra -U -w "$OUT" -s 0 'tcp port 873' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
sleep 2
R="ip netns exec textp-rsa rsync"
$R rsync://10.23.0.2/ >/dev/null
sleep 0.3
$R rsync://10.23.0.2/pub/ >/dev/null
sleep 0.3
$R -t rsync://10.23.0.2/pub/hello.txt "$W/local/got.txt"
sleep 0.3
$R -t "$W/local/up.txt" rsync://10.23.0.2/up/
sleep 0.3
$R --password-file="$W/pass" rsync://lab@10.23.0.2/sec/ >/dev/null
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
