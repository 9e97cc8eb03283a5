#!/bin/bash
# Makes lab__x11.pcap: X11 on TCP 6001 between Xvfb (Debian 12's xvfb package, X.Org 21.1, display :1 listening on
# TCP with access control off) and X clients from Debian 12 (x11-utils' xdpyinfo, xprop and xev, xdotool), in two
# network namespaces joined by a veth pair, captured on the client's end. xdpyinfo reads the server's setup and
# extension list, xprop reads the root window's properties, xdotool creates nothing but asks the pointer
# position and the display geometry, xprop asks for a window that does not exist (a BadWindow error), xev maps a
# window and reads the events the server sends for two seconds; each client is its own TCP connection.
# Needs root, xvfb, x11-utils, xdotool and tcpdump. Usage: bash lab__x11.sh OUT.pcap
set -eu
OUT=$(realpath -m "$1")
cd "$(dirname "$0")"
. ./lab-netns.sh
lab_netns x11-a x11-b x11a x11b 10.60.0.1/24 10.60.0.2/24
ip netns exec x11-a tcpdump -i x11a -U -s 0 -w "$OUT" 'tcp port 6001' 2>/dev/null &
echo $! > "$W/tcpdump.pid"
ip netns exec x11-b Xvfb :1 -listen tcp -nolisten unix -ac -screen 0 640x480x24 2>/dev/null &
echo $! > "$W/xvfb.pid"
sleep 2
export DISPLAY=10.60.0.2:1
ip netns exec x11-a timeout 10 xdpyinfo -ext BIG-REQUESTS > /dev/null
ip netns exec x11-a timeout 10 xprop -root _NET_SUPPORTED RESOURCE_MANAGER > /dev/null || true
ip netns exec x11-a timeout 10 xdotool getmouselocation getdisplaygeometry > /dev/null
ip netns exec x11-a timeout 10 xprop -id 0x1234 WM_NAME > /dev/null 2>&1 || true
ip netns exec x11-a timeout -s INT 2 xev -geometry 120x80+10+10 > /dev/null || true
sleep 1
kill "$(cat "$W/tcpdump.pid")"; rm "$W/tcpdump.pid"
sleep 0.5
