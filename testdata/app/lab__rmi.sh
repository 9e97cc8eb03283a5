#!/bin/bash
# Makes lab__rmi.pcap: Java RMI on TCP 1099 between rmiregistry (Debian 12's openjdk-17-jdk-headless) and
# lab__rmi/Client.java (run by the same JDK's java launcher) in two network namespaces joined by a veth pair,
# captured on the client's end: the JRMI StreamProtocol header, the ProtocolAck with the client's endpoint, the
# client's endpoint, then registry calls: list() with a DGC dirty call, Ping and PingAck, lookup of an unbound name
# (its NotBoundException in the ReturnData) and unbind from another host (refused: a ServerException in the ReturnData).
# Needs root, a JDK and tcpdump. Usage: bash lab__rmi.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
cd "$(dirname "$0")"
. ./lab-netns.sh
lab_netns rmi-a rmi-b rmia rmib 10.99.0.1/24 10.99.0.2/24
ip netns exec rmi-a tcpdump -i rmia -U -s 0 -w "$OUT" 'tcp port 1099' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec rmi-b rmiregistry -J-Djava.rmi.server.hostname=10.99.0.2 1099 2>/dev/null &
echo $! > "$W/registry.pid"
sleep 4
ip netns exec rmi-a timeout 30 java lab__rmi/Client.java 10.99.0.2
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
