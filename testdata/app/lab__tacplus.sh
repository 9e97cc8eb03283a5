#!/bin/bash
# Makes lab__tacplus.pcap: TACACS+ on TCP 49 between the tacquito library (github.com/facebookincubator/tacquito,
# MIT, from the Go module proxy) as client and as server (lab__tacplus/main.go wraps both), in two network
# namespaces joined by a veth pair, captured on the client's end. Two connections: the first with bodies obfuscated
# by the shared secret "labsecret", the second with the unencrypted flag set. Each holds an ASCII login (START,
# GETUSER, CONTINUE, GETPASS, CONTINUE, PASS), a PAP login, an authorization request and reply, accounting start
# and stop.
# Needs root, go, and tcpdump. Usage: bash lab__tacplus.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
cd "$(dirname "$0")"
. ./lab-netns.sh
(cd lab__tacplus && go build -o "$OLDPWD/lab__tacplus.bin" .)
lab_netns tacplus-a tacplus-b tacpa tacpb 10.49.0.1/24 10.49.0.2/24
mv lab__tacplus.bin "$W/"
ip netns exec tacplus-a tcpdump -i tacpa -U -s 0 -w "$OUT" 'tcp port 49' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec tacplus-b "$W/lab__tacplus.bin" server 10.49.0.2:49 &
echo $! > "$W/server.pid"
sleep 1.5
ip netns exec tacplus-a timeout 20 "$W/lab__tacplus.bin" client 10.49.0.2:49
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
